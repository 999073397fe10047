"""Failed-login lockout per username, kept in the database so a restart does not reset it.

The per-address rate limit (``ratelimit.py``) slows one machine down; this stops many
machines taking turns at one account. After ``max_failures`` consecutive failures the username
is locked for ``lock_for``; while locked, no password is even checked. Failures older than
``forget_after`` no longer count, so a typo a week does not add up to a lock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import case, delete, select, update
from sqlalchemy.orm import Session

from sync.server.models import LoginFailure


@dataclass(frozen=True)
class LockoutPolicy:
    max_failures: int = 10
    lock_for: timedelta = timedelta(minutes=15)
    forget_after: timedelta = timedelta(hours=24)


DEFAULT_POLICY = LockoutPolicy()


def locked_until(session: Session, username: str, *, now: datetime) -> datetime | None:
    """When the lock on ``username`` ends, or ``None`` if it is not locked."""
    until = session.scalar(
        select(LoginFailure.locked_until).where(LoginFailure.username == username)
    )
    return until if until is not None and until > now else None


def record_failure(
    session: Session, username: str, *, now: datetime, policy: LockoutPolicy
) -> datetime | None:
    """Count one failed login; returns when the lock ends if this failure locked the name.

    One upsert, so two failures arriving together both count (a read-then-write would lose
    one of them).
    """
    forget_before = now - policy.forget_after
    insert = _dialect_insert(session)
    upsert = insert(LoginFailure).values(
        username=username, failures=1, last_failed_at=now, locked_until=None
    )
    upsert = upsert.on_conflict_do_update(
        index_elements=[LoginFailure.username],
        set_={
            "failures": case(
                (LoginFailure.last_failed_at <= forget_before, 1),
                else_=LoginFailure.failures + 1,
            ),
            "last_failed_at": now,
        },
    )
    session.execute(upsert)
    until = now + policy.lock_for
    locked = session.execute(
        update(LoginFailure)
        .where(LoginFailure.username == username, LoginFailure.failures >= policy.max_failures)
        .values(failures=0, locked_until=until)
    )
    return until if locked.rowcount else None  # type: ignore[attr-defined]


def clear(session: Session, username: str) -> None:
    """A successful login: the count starts again from zero."""
    session.execute(delete(LoginFailure).where(LoginFailure.username == username))


def purge(session: Session, *, now: datetime, policy: LockoutPolicy) -> int:
    """Delete rows that no longer lock anything and whose failures are forgotten."""
    result = session.execute(
        delete(LoginFailure).where(
            LoginFailure.last_failed_at <= now - policy.forget_after,
            (LoginFailure.locked_until.is_(None)) | (LoginFailure.locked_until <= now),
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
