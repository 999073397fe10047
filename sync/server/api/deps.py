"""What routes depend on: the server's context, a database session, the client's address,
and who is calling (a device by its token, a staff member by their session).

Use them as annotated parameters::

    from sync.server.api.deps import DB, Context, CurrentDevice, staff_with

    @router.get("/things")
    def things(session: DB, user: Annotated[User, Depends(staff_with(Role.STAFF))]) -> …

``Context`` carries the engine, the settings, the clocks and the in-memory rate limiters;
``DB`` is a session in a transaction that commits when the route returns and rolls back if it
raises. Both bearer schemes appear in the OpenAPI document (``deviceToken``,
``staffSession``), so each operation says which token it takes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from sync.contract.wire import API_PREFIX, MIN_CLIENT_PROTOCOL, PROTOCOL_HEADER, PROTOCOL_VERSION
from sync.server import accounts, ward
from sync.server import messages as msg
from sync.server.api.errors import ApiError
from sync.server.checks import ReferenceCache
from sync.server.linking import LinkingWorker
from sync.server.models import Role, User
from sync.server.push import Sender
from sync.server.quota import DailyQuota
from sync.server.ratelimit import RateLimiter, retry_after_header
from sync.server.settings import ServerSettings
from sync.server.throttle import ThrottlePolicy

Clock = Callable[[], datetime]


@dataclass
class ServerContext:
    """Everything a route may need, made once in ``create_app`` (nothing at import time)."""

    engine: Engine
    sessions: sessionmaker[Session]
    settings: ServerSettings
    now: Clock
    references: ReferenceCache
    enrol_limit: RateLimiter
    login_limit: RateLimiter
    throttle: ThrottlePolicy
    quota: DailyQuota
    version: str
    #: The ward's X25519 key handed to laptops at enrolment for USB bundles (None: laptops
    #: enrolled here cannot make bundles).
    bundle_public_key: bytes | None = None
    #: Scores pushed records for resident proposals after the answer (sync.server.linking).
    linking: LinkingWorker | None = None


def get_context(request: Request) -> ServerContext:
    context: ServerContext = request.app.state.context
    return context


Context = Annotated[ServerContext, Depends(get_context)]


def get_db(context: Context) -> Iterator[Session]:
    with context.sessions.begin() as session:
        yield session


#: ``scope="function"``: the transaction commits when the route returns, *before* the answer
#: is sent, so a client never sees "done" for something not yet (or never) committed.
DB = Annotated[Session, Depends(get_db, scope="function")]


def client_address(request: Request) -> str:
    """The caller's address as uvicorn resolved it (the proxy's ``X-Forwarded-For`` only from
    the trusted proxies)."""
    return request.client.host if request.client else "unknown"


ClientAddress = Annotated[str, Depends(client_address)]

_device_scheme = HTTPBearer(
    scheme_name="deviceToken",
    description="The device token a laptop received at enrolment (POST /api/v1/enroll).",
    auto_error=False,
)
_staff_scheme = HTTPBearer(
    scheme_name="staffSession",
    description="A staff session token from POST /api/v1/auth/login.",
    auto_error=False,
)


def _token(credentials: HTTPAuthorizationCredentials | None) -> str | None:
    if credentials is None or not credentials.credentials.strip():
        return None
    token = credentials.credentials.strip()
    return token if len(token) <= 512 else None


def current_device(
    context: Context,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_device_scheme)],
) -> Sender:
    token = _token(credentials)
    if token is None:
        raise ApiError(401, msg.BAD_TOKEN)
    with context.sessions() as session:
        device = accounts.device_for_token(session, token)
        if device is None:
            raise ApiError(401, msg.BAD_TOKEN)
        if device.revoked_at is not None:
            raise ApiError(403, msg.DEVICE_REVOKED)
        return Sender(device.id, device.neighbourhood_code)


CurrentDevice = Annotated[Sender, Depends(current_device)]


@dataclass(frozen=True)
class StaffCaller:
    user: User
    token: str


def current_staff(
    context: Context,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_staff_scheme)],
) -> StaffCaller:
    """Any signed-in account (every role, volunteers included).

    Looked up in a short session of its own, so the route's transaction (``DB``) starts only
    when the route needs it; the ``User`` returned is detached (read its fields; to change
    it, load it again in the route's session).
    """
    token = _token(credentials)
    if token is None:
        raise ApiError(401, msg.NOT_SIGNED_IN)
    with context.sessions() as session:
        user = accounts.user_for_token(session, token, now=context.now())
        if user is None:
            raise ApiError(401, msg.SESSION_ENDED)
    return StaffCaller(user, token)


CurrentStaff = Annotated[StaffCaller, Depends(current_staff)]


def staff_with(*roles: Role) -> Callable[[StaffCaller], User]:
    """A dependency: the signed-in user, if their role is one of ``roles`` (else 403)."""
    allowed = frozenset(roles)

    def check(caller: CurrentStaff) -> User:
        if Role(caller.user.role) not in allowed:
            raise ApiError(403, msg.FORBIDDEN)
        return caller.user

    return check


Reviewer = Annotated[User, Depends(staff_with(*ward.REVIEWER_ROLES))]
Corrector = Annotated[User, Depends(staff_with(*ward.CORRECTOR_ROLES))]
Admin = Annotated[User, Depends(staff_with(Role.ADMIN))]


def rate_limited(pick: Callable[[ServerContext], RateLimiter]) -> Callable[..., None]:
    """A dependency that answers 429 when the caller's address has used its attempts."""

    def check(context: Context, address: ClientAddress) -> None:
        wait = pick(context).take(address)
        if wait > 0:
            seconds = retry_after_header(wait)
            raise ApiError(
                429, msg.too_many_attempts(int(seconds)), headers={"Retry-After": seconds}
            )

    return check


def check_client_protocol(request: Request) -> None:
    """Tell a laptop plainly when it, or this server, must be updated to sync (every route).

    The health probe is exempt, so an outdated laptop still sees the server as reachable and
    learns why it cannot sync from its first real request.
    """
    if request.url.path == f"{API_PREFIX}/health":
        return
    raw = request.headers.get(PROTOCOL_HEADER, str(PROTOCOL_VERSION))
    try:
        client = int(raw) if len(raw) <= 6 else -1
    except ValueError:
        raise ApiError(400, msg.BAD_PROTOCOL_HEADER) from None
    if client < 0:
        raise ApiError(400, msg.BAD_PROTOCOL_HEADER)
    if client < MIN_CLIENT_PROTOCOL:
        raise ApiError(426, msg.client_outdated(client, MIN_CLIENT_PROTOCOL))
    if client > PROTOCOL_VERSION:
        raise ApiError(409, msg.server_outdated(client, PROTOCOL_VERSION))
