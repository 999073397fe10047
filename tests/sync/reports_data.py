"""Records made for the report tests, stored through the server's real push path.

Each record is an :class:`AssistanceRecord` validated by the server's own check (a final one
must be complete, as a laptop's would be), pushed with :func:`sync.server.push.parse_item` and
:func:`sync.server.push.apply_items` in one transaction, then the reporting facts refreshed
and changes in locked periods flagged — the calls the lead wires into the push path.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Engine, delete, insert

from sync.contract.record import AssistanceRecord
from sync.contract.reference import load_reference
from sync.server.checks import blocking_problems
from sync.server.models import RecordResident
from sync.server.push import apply_items, parse_item
from sync.server.reports.facts import refresh_facts
from sync.server.reports.locks import flag_changes_in_locked_periods

REFERENCE = load_reference()
DEVICE = "6f1d2c1e-8a43-4a9e-9b38-2f6f1f6a0d11"
CREATED = datetime(2025, 1, 1, 1, 0, tzinfo=UTC)
TODAY = date(2026, 1, 5)


def record(
    assisted_on: date,
    *,
    neighbourhood: str | None = None,
    category: str = "VNEID_INSTALL",
    result: str = "completed",
    place: str = "meeting",
    volunteer: str = "Trần Thị Lan",
    status: str = "final",
    deleted: bool = False,
    procedure: str | None = None,
    level: str | None = None,
    revision: int = 1,
    rid: str | None = None,
    **extra: Any,
) -> AssistanceRecord:
    """A complete record helped on ``assisted_on`` (the ward and unit in force that day)."""
    merged = assisted_on >= date(2025, 7, 1)
    code = neighbourhood or ("HT01" if merged else "HP01")
    unit = REFERENCE.neighbourhoods[code]
    ward = REFERENCE.wards[unit.ward]
    data: dict[str, Any] = {
        "id": rid or str(uuid.uuid4()),
        "device_id": DEVICE,
        "volunteer_name": volunteer,
        "created_at": CREATED,
        "updated_at": CREATED,
        "assisted_on": assisted_on,
        "revision": revision,
        "status": status,
        "deleted": deleted,
        "ward_code": ward.code,
        "ward_name": ward.name,
        "neighbourhood_code": unit.code,
        "neighbourhood_name": unit.name,
        "full_name": "Nguyễn Thị Hoa",
        "birth_year": 1958,
        "gender": "female",
        "phone": "+84912345678",
        "category": category,
        "procedure_code": procedure,
        "online_level": level,
        "place": place,
        "result": result,
        "consent": True,
        "consent_at": CREATED,
        "consent_method": "verbal",
        "consent_notice_version": REFERENCE.consent.version,
    }
    if result == "follow_up":
        data["follow_up_date"] = date(2026, 2, 1)
    if result == "not_possible":
        data["reason"] = "Chưa có CCCD gắn chip"
    data.update(extra)
    return AssistanceRecord.model_validate(data)


def push(
    engine: Engine,
    records: Sequence[AssistanceRecord],
    *,
    now: datetime,
    base: int = 0,
    bases: Sequence[int] | None = None,
) -> list[str]:
    """Push ``records`` as the laptop would (``base`` = the revision it edited), refresh
    the facts and flag changes in locked periods; returns the outcomes."""

    def check(item: AssistanceRecord) -> Any:
        return blocking_problems(item, REFERENCE, TODAY)

    items = [
        parse_item(i, {"base_revision": bases[i] if bases else base, "record": r.to_wire()}, check)
        for i, r in enumerate(records)
    ]
    for item in items:
        assert item.rejection is None, (item.rejection, item.problems)
    with engine.begin() as conn:
        results = apply_items(conn, items, device_id=DEVICE, now=now, via="push")
        touched = [r.record_id for r in results if r.record_id is not None]
        refresh_facts(conn, touched)
        flag_changes_in_locked_periods(conn, touched)
    return [r.outcome.value for r in results]


def link(engine: Engine, record_ids: Sequence[str], resident_id: str, *, now: datetime) -> None:
    """Staff decided these records are one person (record_residents rows), facts refreshed."""
    with engine.begin() as conn:
        conn.execute(
            insert(RecordResident),
            [
                {"record_id": rid, "resident_id": resident_id, "linked_at": now}
                for rid in record_ids
            ],
        )
        refresh_facts(conn, record_ids)


def unlink(engine: Engine, record_ids: Sequence[str]) -> None:
    with engine.begin() as conn:
        conn.execute(delete(RecordResident).where(RecordResident.record_id.in_(list(record_ids))))
        refresh_facts(conn, record_ids)


def edit(rec: AssistanceRecord, **changes: Any) -> AssistanceRecord:
    """The record with ``changes`` (validated, as an edit on the laptop is)."""
    return AssistanceRecord.model_validate({**rec.model_dump(), **changes})
