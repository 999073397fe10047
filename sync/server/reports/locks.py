"""Locking a period's figures ("chốt số liệu") and what happens to later changes.

Locking stores the report as it is (its figures as JSON and its CSV bytes) and the ids of the
records it counted. From then on:

- the period's report is produced from that snapshot, so it prints the same again, byte for
  byte for the CSV;
- a record that changes afterwards is kept and counted live as always, but flagged: a row in
  ``period_lock_changes`` and ``record_facts.changed_after_lock``. "Changes" means its head
  version arrived after the lock (an edit, a deletion, a late sync of a record helped in the
  period) or staff excluded or included it, and it either was counted by the lock or is
  counted in the period now — so a record edited *out* of the period is flagged too;
- unlocking needs a reason and is recorded (who, when, why) in ``period_lock_events``, which
  stands in for the server-wide audit log until that exists. The snapshot stays as history;
  locking again takes a new one.

:func:`flag_changes_in_locked_periods` is called by the write paths after
:func:`.facts.refresh_facts` (and after :func:`.facts.set_excluded`) with the same ids.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Connection,
    and_,
    exists,
    func,
    insert,
    literal,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite

from sync.contract.errors import KnownError
from sync.contract.reference import ReferenceData
from sync.server.reports.csv_export import to_csv
from sync.server.reports.figures import LockInfo, ReportFigures, compute_figures
from sync.server.reports.models import (
    COUNTED_SQL,
    PeriodLock,
    PeriodLockChange,
    PeriodLockEvent,
    PeriodLockMember,
    RecordFact,
)
from sync.server.reports.periods import Period, PeriodKind

_CHUNK = 900
MAX_REASON = 1000


class LockError(KnownError):
    """A lock or unlock that cannot be done as asked."""


@dataclass(frozen=True, slots=True)
class LockedReport:
    """A locked period's report as it was locked."""

    figures: ReportFigures
    csv: bytes


@dataclass(frozen=True, slots=True)
class LockEvent:
    lock_id: int
    action: str
    by: str
    at: datetime
    reason: str
    first_day: Any
    last_day: Any


def lock_period(
    conn: Connection, period: Period, reference: ReferenceData, *, by: str, now: datetime
) -> int:
    """Lock ``period`` with its report as of now; returns the lock's id.

    Raises:
        LockError: the period is already locked, or ``by`` is empty.
    """
    if not by.strip():
        raise LockError("Cần ghi ai chốt số liệu.", "Say who locks the figures.")
    if active_lock(conn, period) is not None:
        raise LockError(
            f"Số liệu {period.in_sentence_vi} ({period.dates_vi()}) đã được chốt. "
            "Muốn chốt lại, hãy mở khoá trước (cần ghi lý do).",
            f"The figures of {period.label_en} are already locked. To lock them again, "
            "unlock them first (a reason is needed).",
        )
    if conn.dialect.name == "postgresql":
        # The figures and the member list are two statements: hold writers off the facts
        # until the lock commits, so both see the same records (SQLite's BEGIN IMMEDIATE
        # already does). Reports keep reading meanwhile.
        conn.execute(text("LOCK TABLE record_facts IN SHARE MODE"))
    figures = compute_figures(conn, period, reference, now=now)
    lock_id = conn.execute(
        insert(PeriodLock)
        .values(
            first_day=period.start,
            last_day=period.end,
            kind=period.kind.value,
            label_vi=period.label_vi,
            label_en=period.label_en,
            locked_at=now,
            locked_by=by.strip(),
            figures=figures.to_json(),
            csv=to_csv(figures).decode("utf-8"),
        )
        .returning(PeriodLock.id)
    ).scalar_one()
    conn.execute(
        insert(PeriodLockMember).from_select(
            ["lock_id", "record_id"],
            select(literal(lock_id), RecordFact.record_id).where(*_counted_in(period)),
        )
    )
    _event(conn, lock_id, "lock", by, now, "")
    return int(lock_id)


def unlock_period(conn: Connection, period: Period, *, by: str, reason: str, now: datetime) -> int:
    """Unlock ``period``; the reason is required and recorded. Returns the lock's id.

    Raises:
        LockError: no lock in force for the period, or no reason given.
    """
    reason = reason.strip()
    if not reason:
        raise LockError(
            "Mở khoá số liệu đã chốt cần ghi lý do.", "Unlocking locked figures needs a reason."
        )
    if len(reason) > MAX_REASON:
        raise LockError(
            f"Lý do dài quá {MAX_REASON} ký tự.",
            f"The reason is longer than {MAX_REASON} characters.",
        )
    if not by.strip():
        raise LockError("Cần ghi ai mở khoá.", "Say who unlocks the figures.")
    lock = active_lock(conn, period)
    if lock is None:
        raise LockError(
            f"Số liệu {period.in_sentence_vi} ({period.dates_vi()}) chưa được chốt.",
            f"The figures of {period.label_en} are not locked.",
        )
    conn.execute(
        update(PeriodLock)
        .where(PeriodLock.id == lock.id)
        .values(unlocked_at=now, unlocked_by=by.strip(), unlock_reason=reason)
    )
    _event(conn, lock.id, "unlock", by, now, reason)
    # Its flags stop mattering; a record stays flagged only for another lock still in force.
    conn.execute(
        update(RecordFact)
        .where(
            RecordFact.record_id.in_(
                select(PeriodLockChange.record_id).where(PeriodLockChange.lock_id == lock.id)
            )
        )
        .values(changed_after_lock=_flagged_by_active_lock())
    )
    return lock.id


def flag_changes_in_locked_periods(conn: Connection, record_ids: Iterable[str]) -> int:
    """Flag those of ``record_ids`` that changed after a lock of a period they belong to.

    Returns how many (lock, record) flags were added or renewed. Records that did not change
    since the lock (a replayed push) are left alone.
    """
    ids = sorted(set(record_ids))
    if not ids:
        return 0
    # Most pushes happen with no lock in force: then nothing can be flagged, and every flag is
    # already clear (unlocking clears the flags it owned), so the per-record work is skipped.
    if (
        conn.execute(select(PeriodLock.id).where(PeriodLock.unlocked_at.is_(None)).limit(1)).first()
        is None
    ):
        return 0
    flagged = 0
    insert_cls = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        member = exists().where(
            PeriodLockMember.lock_id == PeriodLock.id,
            PeriodLockMember.record_id == RecordFact.record_id,
        )
        in_period_now = and_(
            text(COUNTED_SQL),
            RecordFact.assisted_on >= PeriodLock.first_day,
            RecordFact.assisted_on <= PeriodLock.last_day,
        )
        changes = (
            select(
                PeriodLock.id, RecordFact.record_id, RecordFact.changed_at, RecordFact.changed_at
            )
            .select_from(RecordFact)
            .join(
                PeriodLock,
                and_(
                    PeriodLock.unlocked_at.is_(None), RecordFact.changed_at > PeriodLock.locked_at
                ),
            )
            .where(RecordFact.record_id.in_(chunk), or_(member, in_period_now))
        )
        # Counted first: SQLite's driver answers -1 as the row count of INSERT … SELECT.
        flagged += int(
            conn.execute(select(func.count()).select_from(changes.subquery())).scalar_one()
        )
        statement = insert_cls(PeriodLockChange).from_select(
            ["lock_id", "record_id", "first_changed_at", "last_changed_at"], changes
        )
        statement = statement.on_conflict_do_update(
            index_elements=["lock_id", "record_id"],
            set_={"last_changed_at": statement.excluded.last_changed_at},
        )
        conn.execute(statement)
        conn.execute(
            update(RecordFact)
            .where(RecordFact.record_id.in_(chunk))
            .values(changed_after_lock=_flagged_by_active_lock())
        )
    return flagged


@dataclass(frozen=True, slots=True)
class ActiveLock:
    id: int
    locked_at: datetime
    locked_by: str
    figures: str
    csv: str


def active_lock(conn: Connection, period: Period) -> ActiveLock | None:
    """The lock in force for exactly this period (same first and last day), if any."""
    row = conn.execute(
        select(
            PeriodLock.id,
            PeriodLock.locked_at,
            PeriodLock.locked_by,
            PeriodLock.figures,
            PeriodLock.csv,
        ).where(
            PeriodLock.first_day == period.start,
            PeriodLock.last_day == period.end,
            PeriodLock.unlocked_at.is_(None),
        )
    ).first()
    return None if row is None else ActiveLock(*row)


def locked_report(conn: Connection, period: Period) -> LockedReport | None:
    """The period's report from its lock's snapshot, or ``None`` when it is not locked."""
    lock = active_lock(conn, period)
    if lock is None:
        return None
    info = LockInfo(lock.id, lock.locked_at, lock.locked_by, changed_records(conn, lock.id))
    return LockedReport(ReportFigures.from_json(lock.figures, info), lock.csv.encode("utf-8"))


def changed_records(conn: Connection, lock_id: int) -> int:
    """How many records changed since the lock was taken."""
    return int(
        conn.execute(
            select(func.count())
            .select_from(PeriodLockChange)
            .where(PeriodLockChange.lock_id == lock_id)
        ).scalar_one()
    )


def changed_record_ids(conn: Connection, lock_id: int) -> list[str]:
    """The records flagged for a lock, most recently changed first."""
    return [
        str(rid)
        for rid in conn.execute(
            select(PeriodLockChange.record_id)
            .where(PeriodLockChange.lock_id == lock_id)
            .order_by(PeriodLockChange.last_changed_at.desc(), PeriodLockChange.record_id)
        ).scalars()
    ]


def lock_history(conn: Connection, period: Period | None = None) -> list[LockEvent]:
    """Every lock and unlock (of one period, or all), oldest first."""
    query = (
        select(
            PeriodLockEvent.lock_id,
            PeriodLockEvent.action,
            PeriodLockEvent.by,
            PeriodLockEvent.at,
            PeriodLockEvent.reason,
            PeriodLock.first_day,
            PeriodLock.last_day,
        )
        .join(PeriodLock, PeriodLock.id == PeriodLockEvent.lock_id)
        .order_by(PeriodLockEvent.id)
    )
    if period is not None:
        query = query.where(PeriodLock.first_day == period.start, PeriodLock.last_day == period.end)
    return [LockEvent(*row) for row in conn.execute(query)]


def locked_periods(conn: Connection) -> list[Period]:
    """The periods locked now, most recent first."""
    rows = conn.execute(
        select(PeriodLock.kind, PeriodLock.first_day, PeriodLock.last_day)
        .where(PeriodLock.unlocked_at.is_(None))
        .order_by(PeriodLock.first_day.desc(), PeriodLock.last_day)
    )
    return [Period(PeriodKind(kind), first, last) for kind, first, last in rows]


def _counted_in(period: Period) -> list[Any]:
    return [
        text(COUNTED_SQL),
        RecordFact.assisted_on >= period.start,
        RecordFact.assisted_on <= period.end,
    ]


def _flagged_by_active_lock() -> Any:
    return (
        select(PeriodLockChange.record_id)
        .join(PeriodLock, PeriodLock.id == PeriodLockChange.lock_id)
        .where(PeriodLockChange.record_id == RecordFact.record_id, PeriodLock.unlocked_at.is_(None))
        .exists()
    )


def _event(
    conn: Connection, lock_id: int, action: str, by: str, now: datetime, reason: str
) -> None:
    conn.execute(
        insert(PeriodLockEvent).values(
            lock_id=lock_id, action=action, by=by.strip(), at=now, reason=reason
        )
    )
