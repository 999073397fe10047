"""What follows a change of a record's head on the ward server, in the same transaction: the
reporting facts (``sync.server.reports``) are refreshed and a change to a record of a locked
period is flagged. Called after a push or bundle import and after every staff action that
writes a head (correction, resolution, hand-over), so reports never go stale.

Finding the same resident (``sync.server.linkage``) is heavier — scoring a batch against its
candidates — and runs apart from the push, in ``link_all_heads`` (``hotroso-server
duplicates``), so a laptop's sync stays fast.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import Connection, Row, Select, select

from sync.server.erasure import erased_revisions
from sync.server.linkage import index_records, propose_for
from sync.server.models import Record, RecordVersion
from sync.server.reports.facts import refresh_facts
from sync.server.reports.locks import flag_changes_in_locked_periods

#: Heads read and scored per round when linking (the batch size the engine is measured at).
LINK_BATCH = 500


def heads_changed(conn: Connection, record_ids: Iterable[str]) -> None:
    """Bring the reporting facts of these records up to date and flag locked-period edits."""
    ids = sorted({str(r) for r in record_ids if r is not None})
    if not ids:
        return
    refresh_facts(conn, ids)
    flag_changes_in_locked_periods(conn, ids)


def link_heads(conn: Connection, record_ids: Iterable[str], *, now: datetime) -> list[str]:
    """Index the heads of ``record_ids`` and propose pairs for them against everything stored
    (blocking keys: the cost follows the batch, not the records stored); returns the ids
    indexed. Records whose resident's data was erased leave the index; ids that are not
    records are ignored."""
    ids = sorted({str(r) for r in record_ids if r})
    indexed: list[str] = []
    for start in range(0, len(ids), LINK_BATCH):
        chunk = ids[start : start + LINK_BATCH]
        rows = conn.execute(_heads_query().where(Record.id.in_(chunk))).all()
        indexed += _link_rows(conn, rows, now)
    return indexed


def link_all_heads(conn: Connection, *, now: datetime) -> int:
    """Index every record's head in the resident index and propose pairs for it, in batches
    of :data:`LINK_BATCH` (the engine's cost per batch does not grow with the records
    stored); returns how many records were indexed. Decided pairs are never proposed again.
    Records whose resident's data was erased are taken out of the index."""
    done = 0
    after = ""
    while True:
        rows = conn.execute(
            _heads_query().where(Record.id > after).order_by(Record.id).limit(LINK_BATCH)
        ).all()
        if not rows:
            return done
        _link_rows(conn, rows, now)
        done += len(rows)
        after = rows[-1].id


def _heads_query() -> Select[str, str]:
    return select(Record.id, RecordVersion.payload).join(
        RecordVersion,
        (RecordVersion.record_id == Record.id)
        & (RecordVersion.revision == Record.head_revision)
        & (RecordVersion.content_hash == Record.head_hash),
    )


def _link_rows(conn: Connection, rows: Sequence[Row[str, str]], now: datetime
               ) -> list[str]:
    erased = erased_revisions(conn, [r.id for r in rows])
    heads = [(r.id, None if r.id in erased else json.loads(r.payload)) for r in rows]
    result = index_records(conn, heads, now=now)
    propose_for(conn, result.indexed, now)
    return result.indexed
