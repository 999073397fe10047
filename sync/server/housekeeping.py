"""Purging what can never be used again (expired staff sessions, expired enrolment codes,
forgotten login delays): once when ``serve`` starts, then every ``interval`` seconds."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import sessionmaker
from starlette.concurrency import run_in_threadpool

from sync.server import accounts
from sync.server.throttle import ThrottlePolicy

PURGE_INTERVAL_SECONDS = 3600.0

log = logging.getLogger("hotroso.server.housekeeping")


def purge(engine: Engine, *, now: datetime, policy: ThrottlePolicy) -> dict[str, int]:
    """One purge in its own transaction; returns rows deleted per kind."""
    with sessionmaker(engine).begin() as session:
        counts = accounts.purge_expired(session, now=now, policy=policy)
    if any(counts.values()):
        log.info("purged %s", ", ".join(f"{k} {v}" for k, v in counts.items()))
    return counts


async def purge_periodically(
    engine: Engine, *, now: Callable[[], datetime], policy: ThrottlePolicy, interval: float
) -> None:
    """Purge every ``interval`` seconds until cancelled (at server shutdown).

    A failed purge (the database briefly away) is logged and tried again next time: serving
    laptops matters more than tidying.
    """
    while True:
        await asyncio.sleep(interval)
        try:
            await run_in_threadpool(purge, engine, now=now(), policy=policy)
        except SQLAlchemyError:
            log.warning("purge failed; will try again in %.0f s", interval, exc_info=True)
