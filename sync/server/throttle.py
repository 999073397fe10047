"""Growing delays after wrong staff passwords, per username *and* client address.

The per-address token bucket (``ratelimit.py``) caps how fast one machine may try anything;
this slows down guessing one account from one place: after ``free_failures`` wrong passwords
for a username from one address, that address must wait before its next try for that name,
and each further failure doubles the wait (``first_delay`` … ``max_delay``). While it waits,
no password is even checked. Wrong guesses from one place never keep the right password out
from another, so nobody can lock staff out by guessing wrong on purpose (an account-wide lock
let anyone do that). Failures older than ``forget_after`` no longer count; a successful login
from that address clears its count. Kept in the database, so a restart lifts nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import case, delete, select, update
from sqlalchemy.orm import Session

from sync.server.models import LoginThrottle


@dataclass(frozen=True)
class ThrottlePolicy:
    free_failures: int = 3
    first_delay: timedelta = timedelta(seconds=2)
    max_delay: timedelta = timedelta(minutes=15)
    forget_after: timedelta = timedelta(hours=24)

    def delay(self, failures: int) -> timedelta:
        """The wait after ``failures`` consecutive failures (zero before the free ones run out)."""
        if failures < self.free_failures:
            return timedelta(0)
        doublings = min(failures - self.free_failures, 40)  # 2**40 s is past any max_delay
        delay: timedelta = min(self.first_delay * (2**doublings), self.max_delay)
        return delay


DEFAULT_POLICY = ThrottlePolicy()


def blocked_until(
    session: Session, username: str, address: str, *, now: datetime
) -> datetime | None:
    """When ``address`` may try ``username`` again, or ``None`` if it may now."""
    until = session.scalar(
        select(LoginThrottle.blocked_until).where(
            LoginThrottle.username == username, LoginThrottle.address == address
        )
    )
    return until if until is not None and until > now else None


def record_failure(
    session: Session, username: str, address: str, *, now: datetime, policy: ThrottlePolicy
) -> datetime | None:
    """Count one wrong password; returns until when this pair must wait (``None``: no wait).

    One upsert, so two failures arriving together both count.
    """
    forget_before = now - policy.forget_after
    insert = _dialect_insert(session)
    upsert = (
        insert(LoginThrottle)
        .values(username=username, address=address, failures=1, last_failed_at=now)
        .on_conflict_do_update(
            index_elements=[LoginThrottle.username, LoginThrottle.address],
            set_={
                "failures": case(
                    (LoginThrottle.last_failed_at <= forget_before, 1),
                    else_=LoginThrottle.failures + 1,
                ),
                "last_failed_at": now,
            },
        )
        .returning(LoginThrottle.failures)
    )
    failures = int(session.execute(upsert).scalar_one())
    wait = policy.delay(failures)
    if not wait:
        return None
    until = now + wait
    session.execute(
        update(LoginThrottle)
        .where(LoginThrottle.username == username, LoginThrottle.address == address)
        .values(blocked_until=until)
    )
    return until


def clear(session: Session, username: str, address: str | None = None) -> int:
    """Forget the failures of ``username`` (from ``address`` only, if given); returns rows."""
    query = delete(LoginThrottle).where(LoginThrottle.username == username)
    if address is not None:
        query = query.where(LoginThrottle.address == address)
    return int(session.execute(query).rowcount)  # type: ignore[attr-defined]


def purge(session: Session, *, now: datetime, policy: ThrottlePolicy) -> int:
    """Delete rows whose failures are forgotten and that block nothing any more."""
    result = session.execute(
        delete(LoginThrottle).where(
            LoginThrottle.last_failed_at <= now - policy.forget_after,
            (LoginThrottle.blocked_until.is_(None)) | (LoginThrottle.blocked_until <= now),
        )
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def _dialect_insert(session: Session) -> Any:
    # Both backends have INSERT … ON CONFLICT DO UPDATE, behind dialect-specific constructs.
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert
