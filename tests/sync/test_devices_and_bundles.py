"""Device lifecycle (enrol, revoke), the USB bundle, export, headless `hotroso sync`, cancel."""

from __future__ import annotations

import argparse
import csv
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from desktop.commands.common import common_options
from desktop.store.models import RecordRow
from desktop.sync_commands import register
from sync.client.http import CancelToken
from sync.client.report import Status
from sync.contract.tabular import headers
from sync.server import cli
from tests.sync.conftest import Laptop, version_counts
from tests.sync.proxy import FaultProxy
from tests.sync.ward import WardServer


def hotroso(*argv: str) -> int:
    """The laptop's command line, with the sync subcommands registered."""
    common = common_options()
    parser = argparse.ArgumentParser(prog="hotroso", parents=[common])
    register(parser.add_subparsers(dest="command"), common)
    args = parser.parse_args(argv)
    status: int = args.run(args)
    return status


def test_enroll_device_prints_a_code_and_writes_a_qr(
    ward_db: Engine, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    ward: WardServer,
) -> None:
    qr = tmp_path / "code.png"
    assert cli.main(["enroll-device", "--neighbourhood", "HT02", "--volunteer", "Minh",
                     "--valid-minutes", "10", "--qr", str(qr), "--db", db_url]) == 0
    out = capsys.readouterr().out
    code = next(line.split()[1] for line in out.splitlines() if line.startswith("Code:"))
    assert qr.read_bytes().startswith(b"\x89PNG")

    data = tmp_path / "laptop"
    assert hotroso("enroll", "--server", ward.url, "--code", code.lower(),
                   "--data-dir", str(data), "--lang", "en") == 0
    assert "Enrolled with" in capsys.readouterr().out
    assert (data / "sync-token.json").stat().st_mode & 0o077 == 0  # no keyring in tests
    assert hotroso("enroll", "--server", ward.url, "--code", code, "--data-dir", str(data),
                   "--lang", "en") == 1
    assert "already used or expired" in capsys.readouterr().err

    # The QR code's text carries the server address too.
    assert cli.main(["enroll-device", "--neighbourhood", "HT02", "--volunteer", "Minh",
                     "--server-url", ward.url, "--qr", str(qr), "--db", db_url]) == 0
    code = next(line.split()[1] for line in capsys.readouterr().out.splitlines()
                if line.startswith("Code:"))
    scanned = f"hotroso://enroll?code={code}&server={ward.url}"
    assert hotroso("enroll", "--code", scanned, "--data-dir", str(tmp_path / "other")) == 0


def test_revoked_device_is_told_clearly_and_keeps_its_records(
    ward: WardServer, ward_db: Engine, db_url: str, make_laptop: Callable[..., Laptop],
    capsys: pytest.CaptureFixture[str],
) -> None:
    laptop = make_laptop(ward.url)
    laptop.add_records(3)
    device_id = laptop.sync.enrolment().device_id  # type: ignore[union-attr]
    assert cli.main(["revoke-device", device_id, "--db", db_url]) == 0

    report = laptop.sync_now()

    assert report.status is Status.REVOKED
    assert "revoked" in report.message_en and "thu hồi" in report.message_vi
    assert laptop.outbox() == {"None": 3}
    with laptop.store.session() as session:
        assert session.scalar(select(func.count()).select_from(RecordRow)) == 3
    assert laptop.sync.revoked_at() is not None
    capsys.readouterr()
    status = hotroso("sync", "--data-dir", str(laptop.store.data_dir), "--lang", "en")
    assert status == 2
    assert "revoked" in capsys.readouterr().err


def test_bundle_imported_twice_changes_nothing_and_laptop_learns_later(
    ward: WardServer, ward_db: Engine, db_url: str, make_laptop: Callable[..., Laptop],
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    laptop = make_laptop(ward.url)
    laptop.add_records(40)
    bundle = tmp_path / "usb" / "lan.hotroso-bundle"
    bundle.parent.mkdir()
    assert hotroso("export-bundle", str(bundle), "--data-dir", str(laptop.store.data_dir)) == 0
    assert laptop.outbox() == {"None": 40}  # nothing is "sent" by writing a file

    assert cli.main(["import-bundle", str(bundle), "--db", db_url]) == 0
    assert "accepted 40" in capsys.readouterr().out
    assert cli.main(["import-bundle", str(bundle), "--db", db_url]) == 0
    assert "accepted 0, already_had 40" in capsys.readouterr().out
    assert version_counts(ward_db) == (40, 40)

    report = laptop.sync_now()
    assert (report.accepted, report.already_had) == (0, 40)
    assert laptop.outbox() == {"accepted": 40}

    tampered = tmp_path / "usb" / "tampered.hotroso-bundle"
    import gzip

    head, _, body = bundle.read_bytes().partition(b"\n")
    raw = gzip.decompress(body).replace(b'"HT01"', b'"HT02"', 1)
    tampered.write_bytes(head + b"\n" + gzip.compress(raw))
    assert cli.main(["import-bundle", str(tampered), "--db", db_url]) == 2
    assert "signature" in capsys.readouterr().err


def test_export_uses_the_laptop_columns(
    ward: WardServer, db_url: str, make_laptop: Callable[..., Laptop], tmp_path: Path
) -> None:
    laptop = make_laptop(ward.url)
    laptop.add_records(7)
    laptop.sync_now()
    target = tmp_path / "ward.csv"
    assert cli.main(["export", str(target), "--db", db_url]) == 0
    with target.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == headers("en")
    assert len(rows) == 8
    workbook_path = tmp_path / "ward.xlsx"
    assert cli.main(["export", str(workbook_path), "--headers", "vi", "--db", db_url]) == 0
    from openpyxl import load_workbook

    workbook = load_workbook(workbook_path, read_only=True)
    sheet_rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    workbook.close()
    assert list(sheet_rows[0]) == headers("vi") and len(sheet_rows) == 8
    assert cli.main(["export", str(tmp_path / "ward.txt"), "--db", db_url]) == 2


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # the laptop side; ~20 s of backoff
def test_headless_sync_without_server_fails_clearly(
    make_laptop: Callable[..., Laptop], ward: WardServer, capsys: pytest.CaptureFixture[str]
) -> None:
    laptop = make_laptop(ward.url)
    laptop.add_records(2)
    ward.stop()
    status = hotroso("sync", "--data-dir", str(laptop.store.data_dir), "--lang", "en", "--quiet")
    err = capsys.readouterr().err
    assert status == 1
    assert "Cannot reach the ward server" in err and "safe on this laptop" in err
    assert laptop.outbox() == {"None": 2}
    assert laptop.sync.history()[-1]["status"] == "failed"


def test_cancel_aborts_the_request_in_flight(
    ward: WardServer, ward_db: Engine, make_laptop: Callable[..., Laptop]
) -> None:
    proxy = FaultProxy(ward.port)
    try:
        laptop = make_laptop(proxy.url)
        laptop.add_records(5)
        proxy.arm("stall", persistent=True)
        cancel = CancelToken()
        threading.Timer(0.5, cancel.cancel).start()
        started = time.monotonic()

        report = laptop.client().run(laptop.sync, None, cancel)

        assert time.monotonic() - started < 3  # not the 60 s read timeout
        assert report.status is Status.CANCELLED
        assert laptop.outbox() == {"None": 5}
    finally:
        proxy.close()
