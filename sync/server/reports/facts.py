"""Keeping ``record_facts`` in step with the records' head versions.

:func:`refresh_facts` is one ``INSERT … SELECT … ON CONFLICT DO UPDATE`` per call: the
database itself reads the heads' JSON (SQLite ``json_extract``, PostgreSQL ``json_to_record``,
which parses each payload once) and upserts the rows, so refreshing the 10,000 records of a
large push costs one statement, not 10,000 Python round trips. The ids travel as one JSON
array parameter, so there is no bound-parameter limit to chunk around.

Who calls what (the ward server's write paths, wired by the lead):

- after every push, bundle import, staff correction and conflict resolution, in the same
  transaction: ``refresh_facts(conn, ids_of_the_records_touched)`` and then
  :func:`sync.server.reports.locks.flag_changes_in_locked_periods` with the same ids;
- after staff link records to one resident or unlink them (``record_residents`` rows
  written or deleted): ``refresh_facts(conn, ids_of_those_records)``, which re-reads who each
  record's resident is (``person_id``);
- when staff exclude a record as a double entry or include it again:
  ``set_excluded(conn, ids, excluded, now=now)`` (then the lock flagging too).

Calling :func:`refresh_facts` for a record whose head did not move (a replayed push) changes
nothing that matters: ``changed_at`` keeps the later of its old value and the head's arrival.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Connection, bindparam, text, update

from sync.server.reports.models import RecordFact

#: (column, type in PostgreSQL's json_to_record); the JSON key is the column name.
PAYLOAD_COLUMNS: tuple[tuple[str, str], ...] = (
    ("status", "text"),
    ("deleted", "boolean"),
    ("assisted_on", "date"),
    ("ward_code", "text"),
    ("neighbourhood_code", "text"),
    ("neighbourhood_name", "text"),
    ("category", "text"),
    ("procedure_code", "text"),
    ("online_level", "text"),
    ("volunteer_name", "text"),
    ("device_id", "text"),
    ("result", "text"),
    ("place", "text"),
)

_INSERTED = (
    "record_id",
    "revision",
    *(name for name, _ in PAYLOAD_COLUMNS),
    "person_id",
    "changed_at",
)

_HEADS = (
    "FROM records r JOIN record_versions v ON v.record_id = r.id "
    "AND v.revision = r.head_revision AND v.content_hash = r.head_hash "
    "LEFT JOIN record_residents rr ON rr.record_id = r.id"
)

#: See RecordFact.person_id: the linked resident, else the record's own id when others are
#: linked to it, else NULL (its own person, shared with nobody).
_PERSON = (
    "COALESCE(rr.resident_id, CASE WHEN EXISTS (SELECT 1 FROM record_residents x "
    "WHERE x.resident_id = r.id) THEN r.id END)"
)


def upsert_sql(dialect: str, *, all_records: bool = False) -> str:
    """The statement that copies heads into ``record_facts``.

    With ``all_records`` it covers every record (the migration's backfill); otherwise only
    the ids in the JSON array bound as ``:ids``.
    """
    columns = ", ".join(_INSERTED)
    updates = ", ".join(
        f"{name} = excluded.{name}" for name in _INSERTED if name not in ("record_id", "changed_at")
    )
    if dialect == "postgresql":
        fields = ", ".join(f"j.{name}" for name, _ in PAYLOAD_COLUMNS)
        record_type = ", ".join(f"{name} {kind}" for name, kind in PAYLOAD_COLUMNS)
        source = f"{_HEADS} CROSS JOIN LATERAL json_to_record(v.payload::json) AS j({record_type})"
        given = "SELECT json_array_elements_text(CAST(:ids AS json))"
        chosen = "" if all_records else f" WHERE r.id IN ({_with_residents(given)})"
        later = "GREATEST(record_facts.changed_at, excluded.changed_at)"
    else:
        fields = ", ".join(f"json_extract(v.payload, '$.{name}')" for name, _ in PAYLOAD_COLUMNS)
        source = _HEADS
        # "WHERE" also settles SQLite's parsing ambiguity of INSERT … SELECT … ON CONFLICT.
        given = "SELECT value FROM json_each(:ids)"
        chosen = " WHERE true" if all_records else f" WHERE r.id IN ({_with_residents(given)})"
        later = "max(record_facts.changed_at, excluded.changed_at)"
    return (
        f"INSERT INTO record_facts ({columns}) "
        f"SELECT r.id, r.head_revision, {fields}, {_PERSON}, v.received_at {source}{chosen} "
        f"ON CONFLICT (record_id) DO UPDATE SET {updates}, changed_at = {later}"
    )


def _with_residents(given: str) -> str:
    """The given ids and the records they are linked to as residents: linking B to A's id
    makes A a shared person too, so A's row needs refreshing with B's."""
    return (
        f"{given} UNION SELECT l.resident_id FROM record_residents l WHERE l.record_id IN ({given})"
    )


def refresh_facts(conn: Connection, record_ids: Iterable[str]) -> int:
    """Copy the head versions of ``record_ids`` into ``record_facts``; returns the rows written.

    Call it after a record's head changed and after its ``record_residents`` row was
    written or deleted (linking, unlinking), with the records whose rows changed. Ids that are
    not (or no longer) records are ignored. ``excluded`` and ``changed_after_lock`` are left
    as they are: they are decisions, not record content.
    """
    ids = sorted(set(record_ids))
    if not ids:
        return 0
    statement = text(upsert_sql(conn.dialect.name)).bindparams(bindparam("ids"))
    result = conn.execute(statement, {"ids": json.dumps(ids)})
    return int(result.rowcount)


def set_excluded(
    conn: Connection, record_ids: Iterable[str], excluded: bool, *, now: datetime
) -> int:
    """Mark records as double entries (``excluded=True``) or count them again.

    This is the interface the double-entry decisions (``record_exclusions``) feed: their
    exclude and include functions call it in their own transaction. The facts are refreshed
    first, so an exclusion is never lost on a record whose facts row does not exist yet.
    ``changed_at`` moves to ``now`` because the record's contribution to a report changed,
    which a locked period must see. Returns how many rows changed state.
    """
    ids = sorted(set(record_ids))
    if not ids:
        return 0
    refresh_facts(conn, ids)
    changed = 0
    for start in range(0, len(ids), 900):  # SQLite: at most 32,766 bound parameters
        chunk = ids[start : start + 900]
        result = conn.execute(
            update(RecordFact)
            .where(RecordFact.record_id.in_(chunk), RecordFact.excluded.is_not(excluded))
            .values(excluded=excluded, changed_at=now)
        )
        changed += int(result.rowcount)
    return changed


def refresh_all_facts(conn: Connection) -> int:
    """Rebuild every record's facts from its head (repair after a bulk change made outside the
    write paths, e.g. a restore of an old dump); one statement, ~10 s per million records."""
    return int(conn.execute(text(upsert_sql(conn.dialect.name, all_records=True))).rowcount)
