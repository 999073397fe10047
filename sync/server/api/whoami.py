"""``GET /api/v1/auth/me``: who the signed-in account is (name, role, neighbourhood), so that
the staff screens follow the role from the first screen instead of learning it from refusals.
"""

from __future__ import annotations

from fastapi import APIRouter

from sync.contract.wire import API_PREFIX, Role, WhoAmI
from sync.server.api.deps import CurrentStaff

router = APIRouter(prefix=f"{API_PREFIX}/auth", tags=["auth"])


@router.get("/me", response_model=WhoAmI)
def who_am_i(caller: CurrentStaff) -> WhoAmI:
    user = caller.user
    return WhoAmI(username=user.username, full_name=user.full_name, role=Role(user.role),
                  neighbourhood_code=user.neighbourhood_code)
