"""A resident's rights end to end (real server process, two laptops, SQLite and PostgreSQL):
their records on both laptops reach the ward; ``hotroso-server resident find/export/erase``
finds, copies and erases them; the CCCD and phone are then in no ward database file (SQLite
file and WAL; a PostgreSQL table dump) and, after each laptop's next sync, in no laptop file;
the ward's counts are unchanged; a laptop that had not synced cannot send them back."""

from __future__ import annotations

import csv
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from desktop.store.models import AuditRow, OutboxRow, RecordRow
from desktop.store.records import RecordRepository
from sync.server.models import Erasure, Record, RecordVersion
from tests.store.factories import make_record
from tests.sync.conftest import Laptop
from tests.sync.ward import PG_BIN, PgCluster, WardServer

CCCD = "022085007777"
PHONE = "+84912347777"
SECRETS = (CCCD, PHONE, PHONE.lstrip("+"), "0912347777")


def _cli(*arguments: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sync.server.cli", *arguments],
        input=stdin, capture_output=True, text=True, timeout=120,
    )


def _files_under(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def _leaks(paths: list[Path]) -> list[str]:
    found = []
    for path in paths:
        data = path.read_bytes()
        for secret in SECRETS:
            for encoded in (secret.encode(), secret.encode("utf-16-le")):
                if encoded in data:
                    found.append(f"{path.name}: {secret}")
    return found


def _ward_leaks(db_url: str, tmp_path: Path, pg_cluster: PgCluster | None) -> list[str]:
    if db_url.startswith("sqlite"):
        database = Path(db_url.removeprefix("sqlite:///"))
        return _leaks([p for p in database.parent.iterdir()
                       if p.name.startswith(database.name)])
    assert pg_cluster is not None
    dump = tmp_path / "ward.sql"
    name = db_url.rsplit("/", 1)[1]
    result = subprocess.run(
        [str(PG_BIN / "pg_dump"), "-h", "127.0.0.1", "-p", str(pg_cluster.port), "-U",
         "postgres", "--data-only", "-f", str(dump), name],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return _leaks([dump])


def _counts(engine: Engine) -> tuple[int, int]:
    with engine.connect() as conn:
        records = conn.scalar(select(func.count()).select_from(Record))
        versions = conn.scalar(select(func.count()).select_from(RecordVersion))
    return int(records or 0), int(versions or 0)


def test_erase_reaches_the_ward_files_and_both_laptops(
    ward: WardServer, ward_db: Engine, db_url: str, make_laptop: Callable[..., Laptop],
    tmp_path: Path, pg_cluster: PgCluster | None,
) -> None:
    lan, minh = make_laptop(ward.url, name="lan"), make_laptop(ward.url, name="minh")
    resident = {"cccd": CCCD, "phone": PHONE, "full_name": "Lê Thị Thu"}
    for laptop in (lan, minh):
        records = RecordRepository(laptop.store)
        saved = records.save(make_record(laptop.profile, **resident), "Lan")
        records.save(saved.model_copy(update={"notes": "gọi lại 0912347777"}), "Lan")
        records.save(make_record(laptop.profile), "Lan")  # somebody else
        assert laptop.sync_now().ok
    before = _counts(ward_db)
    assert _ward_leaks(db_url, tmp_path, pg_cluster)  # the test can see a leak

    found = _cli("resident", "find", "--db", db_url, "--phone", "0912 347 777")
    assert found.returncode == 0, found.stderr
    assert "2 bản ghi / records" in found.stdout
    copy = tmp_path / "ban-sao.csv"
    exported = _cli("resident", "export", "--db", db_url, "--cccd", CCCD, str(copy))
    assert exported.returncode == 0, exported.stderr
    with copy.open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) == 3 and all(CCCD in row for row in rows[1:])
    assert copy.stat().st_mode & 0o077 == 0

    refused = _cli("resident", "erase", "--db", db_url, "--cccd", CCCD, stdin="no\n")
    assert refused.returncode == 1 and "Nothing erased" in refused.stdout
    erased = _cli("resident", "erase", "--db", db_url, "--cccd", CCCD, "--yes")
    assert erased.returncode == 0, erased.stderr
    assert "2 records" in erased.stdout

    assert _counts(ward_db) == before  # the helps are still counted
    assert _ward_leaks(db_url, tmp_path, pg_cluster) == []
    with ward_db.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(Erasure)) == 2

    for laptop in (lan, minh):
        report = laptop.sync_now()
        assert report.ok, report.message_en
        with laptop.store.session() as session:
            assert session.scalar(
                select(func.count()).select_from(RecordRow).where(RecordRow.cccd.is_(None))
            ) == 1
            assert session.scalar(select(func.count()).select_from(AuditRow)) > 0
            assert session.scalar(select(func.count()).select_from(OutboxRow)) > 0
        laptop.store.close()
        assert _leaks(_files_under(laptop.store.data_dir)) == []


def test_a_laptop_that_did_not_hear_of_the_erasure_cannot_send_the_data_back(
    ward: WardServer, ward_db: Engine, db_url: str, make_laptop: Callable[..., Laptop],
    tmp_path: Path, pg_cluster: PgCluster | None,
) -> None:
    lan = make_laptop(ward.url)
    records = RecordRepository(lan.store)
    saved = records.save(make_record(lan.profile, cccd=CCCD, phone=PHONE), "Lan")
    assert lan.sync_now().ok
    assert _cli("resident", "erase", "--db", db_url, "--cccd", CCCD, "--yes").returncode == 0

    # Before pulling, the laptop edits the record (its copy still has the CCCD) and pushes.
    records.save(saved.model_copy(update={"notes": "sửa sau"}), "Lan")
    report = lan.client().run(lan.sync)

    assert report.ok, report.message_en
    assert _ward_leaks(db_url, tmp_path, pg_cluster) == []
    with lan.store.session() as session:
        assert session.scalar(select(RecordRow.cccd).where(RecordRow.id == saved.id)) is None


@pytest.mark.parametrize("arguments", [
    ("--cccd", "123"),
    ("--phone", "hello"),
    ("--name", "Lê Thị Thu"),
    ("--cccd", CCCD, "--phone", PHONE),
])
def test_unclear_resident_is_a_plain_error(
    ward_db: Engine, db_url: str, arguments: tuple[str, ...]
) -> None:
    result = _cli("resident", "find", "--db", db_url, *arguments)
    assert result.returncode == 2
    assert "Lỗi:" in result.stderr and "Error:" in result.stderr
    assert "Traceback" not in result.stderr
