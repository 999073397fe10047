"""Storing wire records through the server's real push path and running the matcher."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, select

from sync.server.linkage import Proposal, index_records, propose_for
from sync.server.linkage.index import IndexResult
from sync.server.models import Record, RecordVersion
from sync.server.push import parse_item
from tests.sync.conftest import apply_as_devices

NOW = datetime(2025, 9, 1, 3, 0, tzinfo=UTC)


def push(conn: Connection, records: Iterable[dict[str, object]], *, now: datetime = NOW,
         base: int = 0) -> list[tuple[str, dict[str, object]]]:
    """Apply the records as devices' pushes; returns the accepted heads (id, payload)."""
    by_device: dict[str, list[dict[str, object]]] = defaultdict(list)
    for record in records:
        by_device[str(record["device_id"])].append(record)
    heads: list[tuple[str, dict[str, object]]] = []
    for device, batch in by_device.items():
        items = [parse_item(i, {"base_revision": base, "record": r}) for i, r in enumerate(batch)]
        results = apply_as_devices(conn, items, device_id=device, now=now)
        for item, result in zip(items, results, strict=True):
            assert result.outcome.value == "accepted", result.to_wire()
            heads.append((str(item.record_id), json.loads(item.payload)))
    return heads


def head_payloads(
    conn: Connection, record_ids: Iterable[str]
) -> list[tuple[str, dict[str, object]]]:
    """The stored head versions of these records, as the wiring will read them."""
    ids = list(record_ids)
    rows = conn.execute(
        select(RecordVersion.record_id, RecordVersion.payload)
        .join(Record, (Record.id == RecordVersion.record_id)
              & (Record.head_revision == RecordVersion.revision)
              & (Record.head_hash == RecordVersion.content_hash))
        .where(Record.id.in_(ids))
    )
    return [(row.record_id, json.loads(row.payload)) for row in rows]


@dataclass
class Run:
    indexed: IndexResult
    proposals: list[Proposal]


def push_and_propose(engine: Engine, records: list[dict[str, object]], *, batch: int = 100,
                     now: datetime = NOW) -> list[Proposal]:
    """Push in batches, indexing and proposing after each, as the server will."""
    proposals: list[Proposal] = []
    for start in range(0, len(records), batch):
        with engine.begin() as conn:
            heads = push(conn, records[start : start + batch], now=now)
            done = index_records(conn, heads, now=now)
            proposals += propose_for(conn, done.indexed, now)
    return proposals


_ids = iter(range(1, 10**9))


def wire(**fields: object) -> dict[str, object]:
    """A valid AssistanceRecord wire dict about one resident (fields override the defaults)."""
    from sync.contract.record import AssistanceRecord

    number = next(_ids)
    base: dict[str, object] = {
        "id": f"00000000-0000-4000-8000-{number:012d}",
        "device_id": f"device-{number % 3}",
        "volunteer_name": "Trần Thị Lan",
        "created_at": "2025-08-20T09:00:00Z",
        "updated_at": "2025-08-20T09:00:00Z",
        "assisted_on": "2025-08-20",
        "status": "final",
        "ward_code": "HA_TU",
        "ward_name": "Phường Hà Tu",
        "neighbourhood_code": "HT01",
        "neighbourhood_name": "Khu 1",
        "full_name": "Nguyễn Thị Lan",
        "gender": "female",
        "birth_year": 1980,
        "address": "Tổ 3",
        "category": "VNEID_L2_ACTIVATE",
        "place": "meeting",
        "result": "completed",
        "consent": True,
        "consent_at": "2025-08-20T09:00:00Z",
        "consent_method": "verbal",
    }
    base.update(fields)
    return AssistanceRecord.model_validate(base).to_wire()
