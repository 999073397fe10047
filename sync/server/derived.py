"""What follows a change of a record's head on the ward server, in the same transaction: the
reporting facts (``sync.server.reports``) are refreshed and a change to a record of a locked
period is flagged. Called after a push or bundle import and after every staff action that
writes a head (correction, resolution, hand-over), so reports never go stale.

Finding the same resident (``sync.server.linkage``) is heavier — scoring a batch against its
candidates — so the records are only queued here and scored after the answer
(``sync.server.linking``; ``link_heads``), or all at once by ``link_all_heads``
(``hotroso-server duplicates``), so a laptop's sync stays fast.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import Connection, delete, update

from sync.server.linkage.models import LinkingQueue
from sync.server.linking import (
    LINK_BATCH,
    heads_query,
    link_rows,
    queue_records,
    serialise_linking,
)
from sync.server.models import Record, ReviewState
from sync.server.reports.facts import refresh_facts
from sync.server.reports.locks import flag_changes_in_locked_periods


def heads_changed(conn: Connection, record_ids: Iterable[str], *,
                  now: datetime | None = None) -> None:
    """Bring the reporting facts of these records up to date, flag locked-period edits and
    queue the records for resident proposals (scored after the answer: sync.server.linking)."""
    ids = sorted({str(r) for r in record_ids if r is not None})
    if not ids:
        return
    refresh_facts(conn, ids)
    flag_changes_in_locked_periods(conn, ids)
    queue_records(conn, ids, now=now or datetime.now(UTC))


def link_all_heads(conn: Connection, *, now: datetime) -> int:
    """Index every record's head in the resident index and propose pairs for it, in batches
    of :data:`LINK_BATCH` (the engine's cost per batch does not grow with the records
    stored); returns how many records were indexed. Decided pairs are never proposed again.
    Records whose resident's data was erased are taken out of the index. What was queued for
    scoring (sync.server.linking) is then done: the queue is emptied."""
    serialise_linking(conn)
    conn.execute(delete(LinkingQueue))
    done = 0
    after = ""
    while True:
        rows = conn.execute(
            heads_query().where(Record.id > after).order_by(Record.id).limit(LINK_BATCH)
        ).all()
        if not rows:
            return done
        link_rows(conn, rows, now)
        done += len(rows)
        after = rows[-1].id


def answered_comments(conn: Connection, record_ids: Iterable[str], *, now: datetime) -> int:
    """A laptop's new revision of a record the ward sent back ("needs fixing") answers that
    comment: the record shows as "fixed, re-check" (its comment stays, the new version is in
    its history). Call it for the records a push or bundle accepted, not for staff edits.
    Returns how many records changed state."""
    ids = sorted({str(r) for r in record_ids if r})
    changed = 0
    for start in range(0, len(ids), 900):  # SQLite: bound parameters per statement
        result = conn.execute(
            update(Record)
            .where(Record.id.in_(ids[start : start + 900]),
                   Record.review_state == ReviewState.HAS_ISSUES.value)
            .values(review_state=ReviewState.FIXED.value, updated_at=now)
        )
        changed += int(result.rowcount)
    return changed
