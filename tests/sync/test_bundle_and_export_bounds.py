"""Exports that never fail on one record (control characters, a record stored before today's
bounds). On SQLite and PostgreSQL. (``import-bundle``'s bounds — signature first, then the
capped inflation — are tested with the encrypted format in test_bundle_security.py.)"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import insert

from sync.server import cli
from sync.server.models import Record, RecordVersion
from tests.sync.api import enrol_device, item, push, wire_record
from tests.sync.conftest import SharedWard


def test_exports_survive_control_characters_and_unreadable_records(
    shared_ward: SharedWard, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    device = enrol_device(shared_ward.engine, shared_ward.server.url)
    noisy = wire_record(device, status="draft", notes="bell \x01 and \x1b escape\ttab")
    assert push(shared_ward.server.url, device, [item(noisy)]).json()["counts"]["accepted"] == 1
    # A record an older server stored before today's bounds (birth_year 10**30).
    broken = wire_record(device, birth_year=10**30)
    payload = json.dumps(broken)
    with shared_ward.engine.begin() as conn:
        now = datetime.now(UTC)
        digest = hashlib.sha256(payload.encode()).hexdigest()
        conn.execute(insert(RecordVersion).values(
            record_id=broken["id"], revision=1, base_revision=0, content_hash=digest,
            device_id=device.id, outcome="accepted", payload=payload, received_at=now, via="push"))
        conn.execute(insert(Record).values(
            id=broken["id"], head_revision=1, head_hash=digest, neighbourhood_code="HT01",
            device_id=device.id, owner_device_id=device.id, flagged=False,
            review_state="received", review_comment="", first_received_at=now, updated_at=now))

    for name in ("ward.xlsx", "ward.csv"):
        target = tmp_path / name
        assert cli.main(["export", str(target), "--db", shared_ward.db_url]) == 0
        captured = capsys.readouterr()
        assert f"skipped {broken['id']}" in captured.err
        if name.endswith(".xlsx"):
            workbook = load_workbook(target, read_only=True)
            notes = [row for row in workbook.worksheets[0].iter_rows(values_only=True)
                     if noisy["id"] in row]
            workbook.close()
            assert any("bell  and  escape\ttab" in str(cell) for cell in notes[0])
        else:
            text = target.read_text(encoding="utf-8-sig")
            assert "bell  and  escape\ttab" in text and "\x01" not in text
