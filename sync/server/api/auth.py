"""Staff sign-in, sign-out and changing one's own password (every role)."""

from __future__ import annotations

import math

from fastapi import APIRouter, Depends

from sync.contract.wire import API_PREFIX, Done, LoginRequest, LoginResponse, PasswordChange, Role
from sync.server import accounts
from sync.server import messages as msg
from sync.server.api.deps import DB, ClientAddress, Context, CurrentStaff, rate_limited
from sync.server.api.errors import ApiError
from sync.server.models import User
from sync.server.ratelimit import retry_after_header

router = APIRouter(prefix=f"{API_PREFIX}/auth", tags=["auth"])

LOGIN_PATH = f"{API_PREFIX}/auth/login"
PASSWORD_PATH = f"{API_PREFIX}/auth/password"


@router.post(
    "/login",
    response_model=LoginResponse,
    dependencies=[Depends(rate_limited(lambda c: c.login_limit))],
)
def login(body: LoginRequest, context: Context, address: ClientAddress) -> LoginResponse:
    """A staff session token (valid ``staff_session_hours``).

    Wrong passwords slow down only the address they come from (per username): after a few,
    that address waits, twice as long after each further failure, and is answered 429 with
    ``Retry-After`` meanwhile. The right password from another address always works.
    """
    at = context.now()
    # Its own transaction, committed before answering: a failure must be counted and audited
    # even though the answer is an error (the DB dependency would roll it back).
    with context.sessions.begin() as session:
        outcome = accounts.login(
            session,
            body.username,
            body.password,
            now=at,
            address=address,
            policy=context.throttle,
            session_hours=context.settings.staff_session_hours,
        )
        if outcome.token is not None and outcome.user is not None:
            assert outcome.expires_at is not None
            return LoginResponse(
                token=outcome.token,
                expires_at=outcome.expires_at,
                username=outcome.user.username,
                role=Role(outcome.user.role),
                neighbourhood_code=outcome.user.neighbourhood_code,
            )
    if outcome.disabled:
        raise ApiError(403, msg.ACCOUNT_DISABLED)
    if outcome.blocked_until is None:
        raise ApiError(401, msg.BAD_LOGIN)
    wait = (outcome.blocked_until - at).total_seconds()
    headers = {"Retry-After": retry_after_header(wait)}
    if outcome.throttled:
        raise ApiError(429, msg.login_throttled(max(1, math.ceil(wait))), headers=headers)
    raise ApiError(401, msg.BAD_LOGIN, headers=headers)  # wrong, and now this address waits


@router.post("/logout", response_model=Done)
def logout(caller: CurrentStaff, session: DB, context: Context) -> Done:
    """End this session (its token stops working at once)."""
    ended = accounts.logout(session, caller.user, caller.token, now=context.now())
    return Done(sessions_revoked=ended)


@router.post("/password", response_model=Done)
def change_password(
    body: PasswordChange, caller: CurrentStaff, context: Context
) -> Done:
    """Change one's own password; every other session of the account ends."""
    with context.sessions.begin() as session:
        # Own transaction: a wrong current password is audited although the answer is 403.
        user = session.get_one(User, caller.user.id)
        try:
            ended = accounts.change_own_password(
                session, user, caller.token, body.current_password, body.new_password,
                now=context.now(),
            )
        except accounts.WrongPassword as exc:
            failure = exc
        else:
            return Done(sessions_revoked=ended)
    raise ApiError(failure.status, msg.message("wrong_password", failure.message_vi,
                                               failure.message_en, field="current_password"))
