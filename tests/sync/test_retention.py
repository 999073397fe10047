"""Retention: records final at the ward for longer than the set months lose their personal data
(through the same erasure as a resident's request); ``purge --dry-run`` only lists them."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, select

from desktop.store.profile import Profile
from sync.contract.record import RecordStatus
from sync.server.models import Erasure, RecordVersion
from sync.server.push import Sender, apply_items, parse_item
from sync.server.retention import months_before
from tests.store.factories import make_record

PROFILE = Profile(device_id=uuid.uuid4(), volunteer_name="Trần Thị Lan",
                  neighbourhood_code="HT01", language="vi", server_url=None)


def _push(engine: Engine, *, at: datetime, status: RecordStatus = RecordStatus.FINAL) -> str:
    record = make_record(PROFILE, status=status, cccd="022085001111")
    item = parse_item(0, {"base_revision": 0, "record": record.to_wire()})
    with engine.begin() as conn:
        apply_items(conn, [item], sender=Sender(str(PROFILE.device_id), "HT01"), now=at,
                    via="push")
    return str(record.id)


def _cli(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sync.server.cli", *arguments],
                          capture_output=True, text=True, timeout=120)


def test_purge_anonymises_only_what_is_past_retention(ward_db: Engine, db_url: str) -> None:
    old = _push(ward_db, at=datetime(2024, 1, 10, tzinfo=UTC))
    old_draft = _push(ward_db, at=datetime(2024, 1, 10, tzinfo=UTC), status=RecordStatus.DRAFT)
    recent = _push(ward_db, at=datetime.now(UTC))

    dry = _cli("purge", "--db", db_url, "--retention-months", "12", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert old in dry.stdout and recent not in dry.stdout and old_draft not in dry.stdout
    with ward_db.connect() as conn:
        assert conn.scalar(select(Erasure.record_id)) is None  # nothing changed

    done = _cli("purge", "--db", db_url, "--retention-months", "12")
    assert done.returncode == 0, done.stderr
    with ward_db.connect() as conn:
        payloads = {rid: json.loads(p) for rid, p in conn.execute(
            select(RecordVersion.record_id, RecordVersion.payload))}
        assert list(conn.scalars(select(Erasure.record_id))) == [old]
    assert payloads[old]["cccd"] is None and payloads[old]["category"] == "VNEID_L1"
    assert payloads[recent]["cccd"] == "022085001111"
    again = _cli("purge", "--db", db_url, "--retention-months", "12", "--dry-run")
    assert "0 records would be anonymised" in again.stdout


@pytest.mark.parametrize("months", ["0", "1000"])
def test_a_senseless_retention_is_refused(ward_db: Engine, db_url: str, months: str) -> None:
    result = _cli("purge", "--db", db_url, "--retention-months", months, "--dry-run")
    assert result.returncode == 2 and "Error:" in result.stderr


def test_months_before_clamps_to_the_end_of_the_month() -> None:
    assert months_before(datetime(2026, 3, 31, tzinfo=UTC), 1) == datetime(2026, 2, 28, tzinfo=UTC)
    assert months_before(datetime(2026, 1, 15, tzinfo=UTC), 13) == datetime(2024, 12, 15,
                                                                            tzinfo=UTC)
