"""The ward server's HTTP API (FastAPI). ``create_app`` takes the engine and the clock, so tests
and the CLI decide what database and what time it is; nothing is created at import time.

Device endpoints (Bearer device token): ``/push``, ``/pull``. Public: ``/health``, ``/enroll``.
Staff endpoints (Bearer session token from ``/auth/login``): ``/records``… with roles enforced
here: volunteers have no staff access, team leads see their own neighbourhood only.
``/enroll`` and ``/auth/login`` check secrets, so they are rate-limited per client address
(``ratelimit.py``) and logins are locked per username after repeated failures (``lockout.py``).
The client address is what uvicorn resolved: ``X-Forwarded-For`` counts only from the proxies
in ``FORWARDED_ALLOW_IPS`` (``serve --forwarded-allow-ips``).
OpenAPI: ``/openapi.json`` and ``/docs``.
"""

# No `from __future__ import annotations`: FastAPI must see the dependency aliases defined
# inside create_app() as real objects, not as strings it cannot resolve.

import asyncio
import contextlib
import json
import math
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any, TypeVar

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool

from sync.contract.bundle import encode_key, key_id, valid_signing_public_key
from sync.contract.wire import (
    API_PREFIX,
    MAX_BODY_BYTES,
    MIN_CLIENT_PROTOCOL,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    EnrolRequest,
    EnrolResponse,
    ErrorBody,
    HealthResponse,
    Message,
    PullResponse,
    PushRequest,
    PushResponse,
)
from sync.server import accounts, feed, housekeeping, ward
from sync.server import messages as msg
from sync.server.checks import ReferenceCache
from sync.server.handlers import BadPush, apply_push, decode_push, gzip_bytes, inflate
from sync.server.lockout import DEFAULT_POLICY, LockoutPolicy
from sync.server.models import Record, RecordVersion, ReviewState, User
from sync.server.ratelimit import (
    AUTH_ATTEMPTS_PER_MINUTE,
    Monotonic,
    RateLimiter,
    retry_after_header,
)

Clock = Callable[[], datetime]
_T = TypeVar("_T")


def utc_now() -> datetime:
    return datetime.now(UTC)


class ApiError(HTTPException):
    def __init__(
        self,
        status: int,
        message: Message,
        problems: list[Message] | None = None,
        headers: dict[str, str] | None = None,
    ):
        super().__init__(status_code=status, detail=message.message_en, headers=headers)
        self.message = message
        self.problems = problems or []


@dataclass(frozen=True)
class DeviceIdentity:
    id: str
    neighbourhood_code: str
    volunteer_name: str


class LoginRequest(BaseModel):
    username: str = Field(max_length=64)
    # Bounded: argon2 hashes whatever it is given, and a megabyte password costs CPU.
    password: str = Field(max_length=1024)


class LoginResponse(BaseModel):
    token: str


class ReviewRequest(BaseModel):
    state: ReviewState
    comment: str = Field(default="", max_length=4000)


class CorrectionRequest(BaseModel):
    changes: dict[str, Any]
    comment: str = Field(default="", max_length=4000)


class ResolveRequest(BaseModel):
    revision: int
    content_hash: str = Field(min_length=8, max_length=64)
    comment: str = Field(default="", max_length=4000)


class RecordSummary(BaseModel):
    id: str
    head_revision: int
    neighbourhood_code: str
    flagged: bool
    review_state: str
    review_comment: str
    record: dict[str, Any]
    versions: list[dict[str, Any]] = Field(default_factory=list)


def create_app(
    engine: Engine,
    *,
    now: Clock = utc_now,
    server_name: str = "Hỗ trợ số ward server",
    version: str = "0",
    auth_attempts_per_minute: int = AUTH_ATTEMPTS_PER_MINUTE,
    lockout_policy: LockoutPolicy = DEFAULT_POLICY,
    monotonic: Monotonic = time.monotonic,
    purge_interval: float = housekeeping.PURGE_INTERVAL_SECONDS,
    bundle_public_key: bytes | None = None,
) -> FastAPI:
    """The API on ``engine``; ``now`` is the wall clock written to the database, ``monotonic``
    the clock of the rate limits (both injected so tests control time);
    ``bundle_public_key``: the ward's X25519 key handed to laptops at enrolment (None: the
    laptops enrolled here cannot make USB bundles)."""
    sessions = sessionmaker(engine, expire_on_commit=False)
    references = ReferenceCache(engine, now)
    enrol_limit = RateLimiter(auth_attempts_per_minute, 60.0, clock=monotonic)
    login_limit = RateLimiter(auth_attempts_per_minute, 60.0, clock=monotonic)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(references.warm_up)  # before the first request, not during it
        await run_in_threadpool(housekeeping.purge, engine, now=now(), policy=lockout_policy)
        purger = asyncio.create_task(
            housekeeping.purge_periodically(
                engine, now=now, policy=lockout_policy, interval=purge_interval
            )
        )
        try:
            yield
        finally:
            purger.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await purger

    app = FastAPI(
        lifespan=lifespan,
        dependencies=[Depends(_check_client_protocol)],
        title="Hỗ trợ số — ward sync API",
        version=version,
        description="Sync protocol v1 between volunteer laptops and the ward server.",
        responses={400: {"model": ErrorBody}, 401: {"model": ErrorBody}, 403: {"model": ErrorBody}},
    )
    _install_error_handlers(app)

    def db() -> Any:
        with sessions.begin() as session:
            yield session

    # scope="function": the transaction commits when the handler returns, BEFORE the answer is
    # sent. With the default request scope FastAPI commits after sending, so a client could be
    # told 200 for a change that then failed to commit, or read before it was visible.
    DB = Annotated[Session, Depends(db, scope="function")]

    def bearer(request: Request) -> str:
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise ApiError(401, msg.BAD_TOKEN)
        return token.strip()

    def current_device(token: Annotated[str, Depends(bearer)]) -> DeviceIdentity:
        with sessions() as session:
            device = accounts.device_for_token(session, token)
            if device is None:
                raise ApiError(401, msg.BAD_TOKEN)
            if device.revoked_at is not None:
                raise ApiError(403, msg.DEVICE_REVOKED)
            return DeviceIdentity(device.id, device.neighbourhood_code, device.volunteer_name)

    def current_user(session: DB, token: Annotated[str, Depends(bearer)]) -> User:
        user = accounts.user_for_token(session, token, now=now())
        if user is None:
            raise ApiError(401, msg.BAD_LOGIN)
        return user

    CurrentDevice = Annotated[DeviceIdentity, Depends(current_device)]
    CurrentUser = Annotated[User, Depends(current_user)]

    def limited(limiter: RateLimiter) -> Callable[[Request], None]:
        def check(request: Request) -> None:
            # Behind a trusted proxy uvicorn has already put the laptop's address here.
            address = request.client.host if request.client else "unknown"
            wait = limiter.take(address)
            if wait > 0:
                seconds = retry_after_header(wait)
                raise ApiError(
                    429,
                    msg.too_many_attempts(int(seconds)),
                    headers={"Retry-After": seconds},
                )

        return check

    @app.get(f"{API_PREFIX}/health", response_model=HealthResponse, tags=["device"])
    def health() -> HealthResponse:
        """Cheap reachability probe: no database access, no authentication."""
        return HealthResponse(status="ok", protocol=PROTOCOL_VERSION, server_version=version)

    @app.post(
        f"{API_PREFIX}/enroll",
        response_model=EnrolResponse,
        tags=["device"],
        dependencies=[Depends(limited(enrol_limit))],
        responses={429: {"model": ErrorBody}},
    )
    def enroll(body: EnrolRequest, session: DB) -> EnrolResponse:
        signing_key = body.signing_public_key
        if signing_key is not None and not valid_signing_public_key(signing_key):
            raise ApiError(422, msg.BAD_SIGNING_KEY)
        enrolled = accounts.enrol(session, body.code, now=now(), signing_public_key=signing_key)
        if enrolled is None:
            raise ApiError(400, msg.BAD_ENROLMENT_CODE)
        device = enrolled.device
        return EnrolResponse(
            device_id=device.id,
            token=enrolled.token,
            neighbourhood_code=device.neighbourhood_code,
            volunteer_name=device.volunteer_name,
            server_name=server_name,
            bundle_public_key=encode_key(bundle_public_key) if bundle_public_key else None,
            bundle_key_id=key_id(bundle_public_key) if bundle_public_key else None,
        )

    @app.post(
        f"{API_PREFIX}/push",
        response_model=PushResponse,
        tags=["device"],
        openapi_extra={
            "requestBody": {
                "required": True,
                "description": "PushRequest as JSON, normally with Content-Encoding: gzip.",
                "content": {"application/json": {"schema": PushRequest.model_json_schema()}},
            }
        },
    )
    async def push(request: Request, device: CurrentDevice) -> Response:
        raw = await _read_limited(request, MAX_BODY_BYTES)

        def work() -> tuple[bytes, str]:
            started = time.perf_counter()
            data = inflate(raw, request.headers.get("content-encoding"))
            decoded = decode_push(data, references.checker())
            parsed = time.perf_counter()
            answer = apply_push(engine, decoded, device_id=device.id, now=now).to_json()
            stored = time.perf_counter()
            # Server-Timing lets an operator see where a slow sync spends its time.
            timing = (
                f"decode;dur={(parsed - started) * 1000:.1f}, "
                f"store;dur={(stored - parsed) * 1000:.1f}"
            )
            return answer, timing

        try:
            data, timing = await run_in_threadpool(work)
        except BadPush as exc:
            raise ApiError(exc.status, exc.message) from None
        headers = {"Server-Timing": timing}
        if "gzip" in request.headers.get("accept-encoding", "") and len(data) > 1024:
            data = await run_in_threadpool(gzip_bytes, data)
            headers["Content-Encoding"] = "gzip"
        return Response(data, media_type="application/json", headers=headers)

    @app.get(f"{API_PREFIX}/pull", response_model=PullResponse, tags=["device"])
    def pull(
        device: CurrentDevice,
        cursor: Annotated[int, Query(ge=0)] = 0,
        limit: Annotated[int, Query(ge=1, le=feed.MAX_PAGE)] = feed.DEFAULT_PAGE,
        reference_version: str | None = None,
    ) -> Response:
        with engine.connect() as conn:
            page = feed.read_page(
                conn,
                device_id=device.id,
                cursor=cursor,
                limit=limit,
                reference_version=reference_version,
            )
        body = {
            "cursor": page.cursor,
            "has_more": page.has_more,
            "items": page.items,
            "reference": page.reference.model_dump() if page.reference else None,
        }
        return Response(
            json.dumps(body, ensure_ascii=False, default=str), media_type="application/json"
        )

    @app.post(
        f"{API_PREFIX}/auth/login",
        response_model=LoginResponse,
        tags=["staff"],
        dependencies=[Depends(limited(login_limit))],
        responses={423: {"model": ErrorBody}, 429: {"model": ErrorBody}},
    )
    def login(body: LoginRequest) -> LoginResponse:
        at = now()
        # Its own transaction, committed before answering: a failure must be counted even
        # though the answer is an error (the DB dependency would roll it back).
        with sessions.begin() as session:
            outcome = accounts.login(
                session, body.username, body.password, now=at, policy=lockout_policy
            )
        if outcome.locked_until is not None:
            wait = (outcome.locked_until - at).total_seconds()
            raise ApiError(
                423,
                msg.account_locked(max(1, math.ceil(wait / 60))),
                headers={"Retry-After": retry_after_header(wait)},
            )
        if outcome.token is None:
            raise ApiError(401, msg.BAD_LOGIN)
        return LoginResponse(token=outcome.token)

    @app.get(f"{API_PREFIX}/records", response_model=list[RecordSummary], tags=["staff"])
    def list_records(
        session: DB,
        user: CurrentUser,
        flagged: bool | None = None,
        review_state: ReviewState | None = None,
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> list[RecordSummary]:
        if user.role not in {r.value for r in ward.REVIEWER_ROLES}:
            raise ApiError(403, msg.FORBIDDEN)
        query = select(Record).order_by(Record.first_received_at, Record.id)
        if flagged is not None:
            query = query.where(Record.flagged == flagged)
        if review_state is not None:
            query = query.where(Record.review_state == review_state.value)
        if user.neighbourhood_code and user.role == "team_lead":
            query = query.where(Record.neighbourhood_code == user.neighbourhood_code)
        rows = session.scalars(query.limit(limit).offset(offset)).all()
        return [_summary(session, r, with_versions=False) for r in rows]

    @app.get(f"{API_PREFIX}/records/{{record_id}}", response_model=RecordSummary, tags=["staff"])
    def get_record(record_id: str, session: DB, user: CurrentUser) -> RecordSummary:
        record = session.get(Record, record_id)
        if record is None or not ward.may_see(user, record):
            raise ApiError(404, msg.NOT_FOUND)
        return _summary(session, record, with_versions=True)

    @app.post(f"{API_PREFIX}/records/{{record_id}}/review", tags=["staff"])
    def review(
        record_id: str, body: ReviewRequest, session: DB, user: CurrentUser
    ) -> dict[str, str]:
        record = _ward_action(
            lambda: ward.review(session, user, record_id, body.state, body.comment, now=now())
        )
        return {"id": record.id, "review_state": record.review_state}

    @app.post(f"{API_PREFIX}/records/{{record_id}}/correct", tags=["staff"])
    def correct(
        record_id: str, body: CorrectionRequest, session: DB, user: CurrentUser
    ) -> dict[str, Any]:
        corrected = _ward_action(
            lambda: ward.correct(session, user, record_id, body.changes, body.comment, now=now())
        )
        return corrected.to_wire()

    @app.post(f"{API_PREFIX}/records/{{record_id}}/resolve", tags=["staff"])
    def resolve(
        record_id: str, body: ResolveRequest, session: DB, user: CurrentUser
    ) -> dict[str, Any]:
        resolved = _ward_action(
            lambda: ward.resolve_conflict(
                session,
                user,
                record_id,
                revision=body.revision,
                content_hash_prefix=body.content_hash,
                comment=body.comment,
                now=now(),
            )
        )
        return resolved.to_wire()

    return app


def _ward_action(action: Callable[[], _T]) -> _T:
    try:
        return action()
    except ward.WardActionError as exc:
        raise ApiError(
            exc.status, msg.message("ward_action", exc.message_vi, exc.message_en)
        ) from None


def _summary(session: Session, record: Record, *, with_versions: bool) -> RecordSummary:
    versions = (
        session.execute(
            select(RecordVersion)
            .where(RecordVersion.record_id == record.id)
            .order_by(RecordVersion.id)
        )
        .scalars()
        .all()
    )
    head = next(
        v
        for v in versions
        if v.revision == record.head_revision and v.content_hash == record.head_hash
    )
    return RecordSummary(
        id=record.id,
        head_revision=record.head_revision,
        neighbourhood_code=record.neighbourhood_code,
        flagged=record.flagged,
        review_state=record.review_state,
        review_comment=record.review_comment,
        record=json.loads(head.payload),
        versions=[
            {
                "revision": v.revision,
                "base_revision": v.base_revision,
                "content_hash": v.content_hash,
                "device_id": v.device_id,
                "outcome": v.outcome,
                "via": v.via,
                "received_at": v.received_at.isoformat(),
                "record": json.loads(v.payload),
            }
            for v in versions
        ]
        if with_versions
        else [],
    )


async def _read_limited(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise ApiError(413, msg.too_large("body", limit))
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, msg.too_large("body", limit))
        chunks.append(chunk)
    return b"".join(chunks)


def _check_client_protocol(request: Request) -> None:
    """Tell a laptop plainly when it, or this server, must be updated to sync.

    The health probe is exempt, so an outdated laptop still sees the server as reachable and
    learns why it cannot sync from its first real request.
    """
    if request.url.path == f"{API_PREFIX}/health":
        return
    raw = request.headers.get(PROTOCOL_HEADER, "1")
    try:
        client = int(raw)
    except ValueError:
        raise ApiError(400, msg.BAD_PROTOCOL_HEADER) from None
    if client < MIN_CLIENT_PROTOCOL:
        raise ApiError(426, msg.client_outdated(client, MIN_CLIENT_PROTOCOL))
    if client > PROTOCOL_VERSION:
        raise ApiError(409, msg.server_outdated(client, PROTOCOL_VERSION))


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(_request: Request, exc: ApiError) -> JSONResponse:
        body = ErrorBody(error=exc.message, problems=exc.problems)
        headers = dict(exc.headers or {})
        if exc.status_code == 401:
            headers["WWW-Authenticate"] = "Bearer"
        return JSONResponse(body.model_dump(), status_code=exc.status_code, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for err in exc.errors():
            field = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "request"
            problems.append(
                msg.message(
                    "invalid_field",
                    f"Trường {field}: {err.get('msg')}",
                    f"Field {field}: {err.get('msg')}",
                    field=field,
                )
            )
        fields = ", ".join(p.field or "?" for p in problems)
        body = ErrorBody(
            error=msg.message(
                "invalid_request",
                f"Yêu cầu không hợp lệ ở: {fields}.",
                f"The request is not valid at: {fields}.",
            ),
            problems=problems,
        )
        return JSONResponse(body.model_dump(), status_code=422)
