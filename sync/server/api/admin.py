"""Administrators' endpoints: staff accounts (list, disable, enable, end every session, reset
a password). Each action is audited; the same actions exist as ``hotroso-server`` commands.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, TypeVar

from fastapi import APIRouter, Path

from sync.contract.wire import (
    API_PREFIX,
    MAX_USERNAME,
    PasswordReset,
    Role,
    UserActionResponse,
    UserSummary,
)
from sync.server import accounts, audit
from sync.server import messages as msg
from sync.server.api.deps import DB, Admin, Context
from sync.server.api.errors import ApiError

router = APIRouter(prefix=f"{API_PREFIX}/admin", tags=["admin"])

_T = TypeVar("_T")
Username = Annotated[str, Path(min_length=1, max_length=MAX_USERNAME, pattern=r"^[\w.@-]+$")]


@router.get("/users", response_model=list[UserSummary])
def list_users(session: DB, admin: Admin) -> list[UserSummary]:
    return [
        UserSummary(
            username=u.username,
            full_name=u.full_name,
            role=Role(u.role),
            neighbourhood_code=u.neighbourhood_code,
            active=u.active,
            created_at=u.created_at,
        )
        for u in accounts.list_users(session)
    ]


@router.post("/users/{username}/disable", response_model=UserActionResponse)
def disable_user(username: Username, session: DB, admin: Admin, context: Context
                 ) -> UserActionResponse:
    """The account can no longer sign in; its sessions end at once."""
    user, ended = _account_action(lambda: accounts.set_active(
        session, username, False, actor=audit.user_actor(admin.username), now=context.now()))
    return UserActionResponse(username=user.username, active=user.active, sessions_revoked=ended)


@router.post("/users/{username}/enable", response_model=UserActionResponse)
def enable_user(username: Username, session: DB, admin: Admin, context: Context
                ) -> UserActionResponse:
    user, _ = _account_action(lambda: accounts.set_active(
        session, username, True, actor=audit.user_actor(admin.username), now=context.now()))
    return UserActionResponse(username=user.username, active=user.active)


@router.post("/users/{username}/revoke-sessions", response_model=UserActionResponse)
def revoke_sessions(username: Username, session: DB, admin: Admin, context: Context
                    ) -> UserActionResponse:
    """End every session of the account (it may sign in again)."""
    ended = _account_action(lambda: accounts.revoke_sessions(
        session, username, actor=audit.user_actor(admin.username), now=context.now()))
    user = accounts.find_user(session, username)
    return UserActionResponse(username=user.username, active=user.active, sessions_revoked=ended)


@router.post("/users/{username}/reset-password", response_model=UserActionResponse)
def reset_password(username: Username, body: PasswordReset, session: DB, admin: Admin,
                   context: Context) -> UserActionResponse:
    """Set a new password; every session of the account ends and its login delays lift."""
    ended = _account_action(lambda: accounts.reset_password(
        session, username, body.new_password, actor=audit.user_actor(admin.username),
        now=context.now()))
    user = accounts.find_user(session, username)
    return UserActionResponse(username=user.username, active=user.active, sessions_revoked=ended)


def _account_action(action: Callable[[], _T]) -> _T:
    try:
        return action()
    except accounts.AccountError as exc:
        raise ApiError(exc.status, msg.message("account_action", exc.message_vi, exc.message_en)
                       ) from None
