"""The ward server's HTTP application. ``create_app`` takes the engine, the settings and the
clocks, so tests and the CLI decide what database and what time it is; nothing is created at
import time.

Layout: one router per area in :mod:`sync.server.api` (device, auth, staff, admin), listed in
:data:`ROUTERS`; what routes depend on (database session, caller) in
:mod:`sync.server.api.deps`; every option in :class:`sync.server.settings.ServerSettings`;
every body and answer a model of :mod:`sync.contract.wire`.

Around the routes, outermost first: security headers on every answer, the body-size limit per
route (413 before anything is read), Starlette's error handling, and the one error body of
:mod:`sync.server.api.errors`.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import time
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta

from fastapi import APIRouter, Depends, FastAPI
from sqlalchemy import Engine
from sqlalchemy.orm import sessionmaker
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp

from sync.server import housekeeping
from sync.server.api import (
    admin,
    admin_more,
    auth,
    device,
    queue,
    reports,
    residents,
    staff,
    whoami,
    withdrawals,
)
from sync.server.api.deps import ServerContext, check_client_protocol
from sync.server.api.docs import DOCS_PATH, install_docs
from sync.server.api.errors import ERROR_RESPONSES, install_error_handlers
from sync.server.api.headers import SecurityHeadersMiddleware
from sync.server.api.limits import BodyLimitMiddleware
from sync.server.api.openapi import install_openapi
from sync.server.checks import ReferenceCache
from sync.server.linking import LinkingWorker
from sync.server.quota import DailyQuota
from sync.server.ratelimit import Monotonic, RateLimiter
from sync.server.settings import ServerSettings
from sync.server.throttle import ThrottlePolicy

Clock = Callable[[], datetime]

#: Every router of the API, in the order their paths appear in the OpenAPI document.
ROUTERS: tuple[APIRouter, ...] = (
    device.router, withdrawals.router, auth.router, whoami.router, staff.router, admin.router,
    admin_more.router, reports.router, residents.router, queue.router,
)


def utc_now() -> datetime:
    return datetime.now(UTC)


def body_limits(settings: ServerSettings) -> dict[str, int]:
    """Routes with a body limit of their own; every other route gets ``max_json_bytes``."""
    return {
        device.PUSH_PATH: settings.max_push_bytes,
        device.ENROL_PATH: settings.max_auth_bytes,
        auth.LOGIN_PATH: settings.max_auth_bytes,
        auth.PASSWORD_PATH: settings.max_auth_bytes,
        admin_more.REFERENCE_PATH: settings.max_reference_bytes,
    }


class WardApp(FastAPI):
    """FastAPI with the two pure ASGI middlewares outside everything else, so that even
    Starlette's own 500 answers carry the security headers."""

    hotroso_limits: dict[str, int]
    hotroso_default_limit: int

    def build_middleware_stack(self) -> ASGIApp:
        stack = super().build_middleware_stack()
        stack = BodyLimitMiddleware(
            stack, limits=self.hotroso_limits, default=self.hotroso_default_limit
        )
        return SecurityHeadersMiddleware(stack, docs_prefix=DOCS_PATH)


def create_app(
    engine: Engine,
    *,
    settings: ServerSettings | None = None,
    now: Clock = utc_now,
    monotonic: Monotonic = time.monotonic,
    version: str = "0",
    routers: Sequence[APIRouter] = ROUTERS,
    bundle_public_key: bytes | None = None,
) -> FastAPI:
    """The API on ``engine``; ``now`` is the wall clock written to the database, ``monotonic``
    the clock of the rate limits (both injected so tests control time)."""
    settings = settings or ServerSettings()
    context = ServerContext(
        engine=engine,
        sessions=sessionmaker(engine, expire_on_commit=False),
        settings=settings,
        now=now,
        references=ReferenceCache(engine, now),
        enrol_limit=RateLimiter(settings.auth_attempts_per_minute, 60.0, clock=monotonic),
        login_limit=RateLimiter(settings.auth_attempts_per_minute, 60.0, clock=monotonic),
        throttle=ThrottlePolicy(
            free_failures=settings.login_free_failures,
            first_delay=timedelta(seconds=settings.login_first_delay_seconds),
            max_delay=timedelta(seconds=settings.login_max_delay_seconds),
            forget_after=timedelta(hours=settings.login_forget_hours),
        ),
        quota=DailyQuota(settings.quota_records_per_day, settings.quota_bytes_per_day),
        version=version,
        bundle_public_key=bundle_public_key,
        linking=LinkingWorker(engine, now, quiet_seconds=settings.link_quiet_seconds,
                              interval_seconds=settings.link_interval_seconds),
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # Before the first request, not during it.
        await run_in_threadpool(context.references.warm_up)
        await run_in_threadpool(housekeeping.purge, engine, now=now(), policy=context.throttle)
        # Everything made so far (modules, reference data, validators, phone metadata) lives
        # as long as the process: out of the collector's sight, a push of 2,000 records no
        # longer pays for walking it on every full collection (~20 % of a push's CPU).
        gc.freeze()
        purger = asyncio.create_task(
            housekeeping.purge_periodically(
                engine,
                now=now,
                policy=context.throttle,
                interval=settings.purge_interval_seconds,
            )
        )
        linker = asyncio.create_task(context.linking.run()) if context.linking else None
        try:
            yield
        finally:
            purger.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await purger
            if linker is not None:
                linker.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await linker

    app = WardApp(
        lifespan=lifespan,
        dependencies=[Depends(check_client_protocol)],
        title="Hỗ trợ số — ward API",
        version=version,
        description=(
            "Sync protocol v2 between volunteer laptops and the ward server, and the ward "
            "staff's API. Every error answer is an ErrorBody (code, Vietnamese and English "
            "message, per-field problems)."
        ),
        responses=ERROR_RESPONSES,
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.context = context
    app.hotroso_limits = body_limits(settings)
    app.hotroso_default_limit = settings.max_json_bytes
    install_error_handlers(app)
    for router in routers:
        app.include_router(router)
    install_openapi(app)
    if settings.docs:
        install_docs(app)
    return app
