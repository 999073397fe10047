"""``import-bundle`` bounded like a push, its signature checked before anything is inflated;
exports that never fail on one record (control characters, a record stored before today's
bounds). On SQLite and PostgreSQL."""

from __future__ import annotations

import gzip
import hashlib
import json
import time
import uuid
import zlib
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import insert

from sync.contract.bundle import sign, write_bundle
from sync.server import cli
from sync.server.models import Record, RecordVersion
from tests.sync.api import enrol_device, item, push, wire_record
from tests.sync.conftest import SharedWard


def _bomb_body(items: int) -> bytes:
    """gzip of a push body of ``items`` empty items (compressed as it is built)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    out = [compressor.compress(b'{"batch_id":"bomb","items":[{}')]
    block = b",{}" * 100_000
    out += [compressor.compress(block) for _ in range(items // 100_000)]
    out.append(compressor.compress(b"]}") + compressor.flush())
    return b"".join(out)


def _bundle(path: Path, device_id: str, token: str, compressed: bytes, *, mac: str | None = None
            ) -> Path:
    token_hash = hashlib.sha256(token.encode()).hexdigest()
    header = {"format": "hotroso-bundle", "version": 2, "device_id": device_id,
              "created_at": "2025-09-01T03:00:00+00:00",
              "mac": mac if mac is not None else sign(compressed, token_hash)}
    path.write_bytes(json.dumps(header).encode() + b"\n" + compressed)
    return path


def test_import_bundle_checks_the_signature_then_inflates_with_a_cap(
    shared_ward: SharedWard, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    device = enrol_device(shared_ward.engine, shared_ward.server.url)
    db = ["--db", shared_ward.db_url]
    bomb = _bomb_body(200_000_000)  # 600 MB of empty items, about 600 KiB compressed
    assert len(bomb) < 2 * 1024 * 1024

    # Signed by the device: refused at the inflation cap, in well under a second.
    started = time.monotonic()
    assert cli.main(["import-bundle", str(_bundle(tmp_path / "a", device.id, device.token, bomb)),
                     "--max-bundle-inflated-bytes", "8388608", *db]) == 2
    assert time.monotonic() - started < 5
    assert "too large" in capsys.readouterr().err
    # Not signed by it: refused for the signature, before a byte is inflated.
    forged = _bundle(tmp_path / "b", device.id, device.token, bomb, mac="0" * 64)
    assert cli.main(["import-bundle", str(forged), *db]) == 2
    assert "signature" in capsys.readouterr().err
    # Too many items (under the inflation cap): the pre-scan stops it.
    many = gzip.compress(json.dumps({"batch_id": "m", "items": [{}] * 101}).encode())
    assert cli.main(["import-bundle", str(_bundle(tmp_path / "c", device.id, device.token, many)),
                     "--max-bundle-items", "100", *db]) == 2
    assert "100" in capsys.readouterr().err
    # A file over the size limit is not even read.
    big = tmp_path / "d"
    big.write_bytes(b"x" * 70_000)
    assert cli.main(["import-bundle", str(big), "--max-bundle-bytes", "65536", *db]) == 2
    assert "too large" in capsys.readouterr().err
    # A bundle of the old format (one gzip stream) is refused with a way out.
    old = tmp_path / "e"
    old.write_bytes(gzip.compress(b'{"format": "hotroso-bundle", "version": 1}\n{}'))
    assert cli.main(["import-bundle", str(old), *db]) == 2
    assert "older version of the app" in capsys.readouterr().err

    # A good one goes through, with the push's ownership rules.
    mine, theirs = wire_record(device), wire_record(device, device_id=str(uuid.uuid4()))
    good = tmp_path / "good.hotroso-bundle"
    write_bundle(good, device_id=device.id, token=device.token, created_at="now",
                 push_body=json.dumps({"batch_id": "g", "items": [item(mine), item(theirs)]})
                 .encode())
    assert cli.main(["import-bundle", str(good), *db]) == 0
    out = capsys.readouterr().out
    assert "accepted 1" in out and "rejected 1" in out and "device id" in out


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
