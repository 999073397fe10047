"""Which resident a record is about: ``COALESCE(record_residents.resident_id, records.id)``."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, select

from sync.server.linkage.sql import rows_where_in
from sync.server.models import RecordResident


def residents_of(conn: Connection, record_ids: Iterable[str]) -> dict[str, str]:
    """record id -> resident id, for every id given (a record without a row is its own)."""
    ids = set(record_ids)
    found = {
        row.record_id: row.resident_id
        for row in rows_where_in(
            conn,
            lambda cond: select(RecordResident.record_id, RecordResident.resident_id).where(cond),
            RecordResident.record_id,
            ids,
        )
    }
    return {record_id: found.get(record_id, record_id) for record_id in ids}


def members(conn: Connection, resident_id: str) -> dict[str, str | None]:
    """The records of one resident -> their current ``record_residents`` row value (``None``
    for the record whose own id is the resident and that has no row)."""
    rows = conn.execute(
        select(RecordResident.record_id, RecordResident.resident_id).where(
            RecordResident.resident_id == resident_id
        )
    )
    result: dict[str, str | None] = {row.record_id: row.resident_id for row in rows}
    if resident_id not in result:
        own = conn.execute(
            select(RecordResident.resident_id).where(RecordResident.record_id == resident_id)
        ).scalar_one_or_none()
        if own is None:
            # The record has no row, so it is its own resident (and the cluster's namesake).
            result[resident_id] = None
    return result
