"""Migration 0004_d_reports fills record_facts from the records a ward already holds, exactly
as refresh_facts would (SQLite and PostgreSQL)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import insert, select

from sync.server.db import create_server_engine
from sync.server.migrate import upgrade
from sync.server.models import RecordResident
from sync.server.push import parse_item
from sync.server.reports.facts import refresh_all_facts
from sync.server.reports.models import RecordFact
from tests.sync.conftest import apply_as_devices
from tests.sync.reports_data import DEVICE, NOW, edit, record


def test_the_migration_backfills_the_facts_of_existing_records(db_url: str) -> None:
    engine = create_server_engine(db_url)
    try:
        upgrade(engine, "0004_c")  # the schema just before the reports migration
        made = [
            record(date(2025, 1, 1)),
            record(date(2025, 2, 1), status="draft"),
            record(date(2025, 3, 1), category="DVC_SUBMIT", procedure="1.001193", level="full"),
            record(date(2025, 8, 1), neighbourhood="HT04"),
        ]
        items = [parse_item(i, {"base_revision": 0, "record": r.to_wire()}) for i, r in
                 enumerate(made)]  # fmt: skip
        deleted = edit(made[3], revision=2, deleted=True)
        with engine.begin() as conn:
            apply_as_devices(conn, items, device_id=DEVICE, now=NOW)
            apply_as_devices(conn, [parse_item(0, {"base_revision": 1,
                                                   "record": deleted.to_wire()})],
                             device_id=DEVICE, now=NOW)
            person = str(uuid.uuid4())
            conn.execute(insert(RecordResident), [
                {"record_id": str(made[0].id), "resident_id": person, "linked_at": NOW},
                {"record_id": str(made[2].id), "resident_id": person, "linked_at": NOW},
            ])  # fmt: skip

        upgrade(engine)

        with engine.connect() as conn:
            backfilled = {r.record_id: tuple(r) for r in conn.execute(select(RecordFact))}
        assert len(backfilled) == 4
        with engine.begin() as conn:
            assert refresh_all_facts(conn) == 4
            refreshed = {r.record_id: tuple(r) for r in conn.execute(select(RecordFact))}
        assert refreshed == backfilled
        with engine.connect() as conn:
            rows = {r.record_id: r for r in conn.execute(select(RecordFact))}
        assert rows[str(made[1].id)].status == "draft"
        assert rows[str(made[3].id)].deleted is True and rows[str(made[3].id)].revision == 2
        assert rows[str(made[0].id)].person_id == person == rows[str(made[2].id)].person_id
        assert rows[str(made[1].id)].person_id is None
        assert rows[str(made[2].id)].procedure_code == "1.001193"
        assert rows[str(made[2].id)].assisted_on == date(2025, 3, 1)
    finally:
        engine.dispose()
