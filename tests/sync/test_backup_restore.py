"""deploy/backup.sh and deploy/restore.sh on a real PostgreSQL: a ward database with synced
records is dumped, dropped, recreated, restored, migrated, and serves laptops again.

The procedure is the one docs/deployment.md gives the ward's IT person.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, select

from sync.server.db import normalise_url
from sync.server.models import Base
from tests.sync.conftest import Laptop
from tests.sync.ward import PG_BIN, PgCluster, WardServer

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"

pytestmark = pytest.mark.postgres


def _script(name: str, *arguments: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(DEPLOY / name), *arguments],
        capture_output=True, text=True, timeout=120, env=env,
    )


def _psql(cluster: PgCluster, sql: str) -> None:
    subprocess.run(
        [str(PG_BIN / "psql"), "-h", "127.0.0.1", "-p", str(cluster.port), "-U", "postgres",
         "-q", "-v", "ON_ERROR_STOP=1", "-c", sql],
        check=True, capture_output=True, timeout=60,
    )


def _snapshot(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every server table, in primary-key order."""
    engine = create_engine(normalise_url(url))
    try:
        with engine.connect() as conn:
            return {
                table.name: [tuple(row) for row in conn.execute(
                    select(table).order_by(*table.primary_key.columns)
                )]
                for table in Base.metadata.sorted_tables
            }
    finally:
        engine.dispose()


def _server_cli(*arguments: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sync.server.cli", *arguments],
        input=stdin, capture_output=True, text=True, timeout=120,
    )


@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
def test_backup_drop_restore_migrate_and_serve_again(
    db_url: str,
    ward: WardServer,
    ward_db: Engine,
    make_laptop: Callable[..., Laptop],
    pg_cluster: PgCluster,
    tmp_path: Path,
) -> None:
    laptop = make_laptop(ward.url)
    laptop.add_records(40, seed=7)
    assert laptop.sync_now().ok
    created = _server_cli("create-user", "can_bo_phuong", "--role", "staff", "--full-name",
                          "Đỗ Thị Hương", "--password-stdin", "--db", db_url,
                          stdin="mật-khẩu-dài-đủ-12\n")
    assert created.returncode == 0, created.stderr
    before = _snapshot(db_url)
    assert len(before["record_versions"]) == 40
    ward.stop()
    ward_db.dispose()

    backups = tmp_path / "backups"
    env = dict(os.environ, PATH=f"{PG_BIN}:{os.environ['PATH']}",
               HOTROSO_BACKUP_DIR=str(backups), HOTROSO_SERVER_DB="")
    # The server's own URL spelling (with the driver) is what the unit's env file holds.
    sqlalchemy_url = db_url.replace("postgresql://", "postgresql+psycopg://", 1)
    backup = _script("backup.sh", sqlalchemy_url, env=env)
    assert backup.returncode == 0, backup.stderr
    (dump,) = backups.glob("hotroso-*.dump")
    assert stat.S_IMODE(dump.stat().st_mode) == 0o600, "dumps hold personal data"
    assert not list(backups.glob("*.partial"))

    database = db_url.rsplit("/", 1)[1]
    _psql(pg_cluster, f'DROP DATABASE "{database}" WITH (FORCE)')
    _psql(pg_cluster, f'CREATE DATABASE "{database}"')

    restore = _script("restore.sh", str(dump), db_url, env=env)
    assert restore.returncode == 0, restore.stderr
    assert "schema revision" in restore.stdout
    migrated = _server_cli("migrate", "--db", db_url)
    assert migrated.returncode == 0, migrated.stderr

    assert _snapshot(db_url) == before

    # Restoring over live data is refused: the target is no longer empty.
    again = _script("restore.sh", str(dump), db_url, env=env)
    assert again.returncode == 3
    assert "not empty" in again.stderr

    # The restored database serves again, and its sequences continue after the restored rows.
    ward.start()
    laptop.add_records(5, seed=8)
    report = laptop.sync_now()
    assert report.ok
    after = _snapshot(db_url)
    assert len(after["record_versions"]) == 45


def test_backup_keeps_the_newest_dumps_only(
    pg_cluster: PgCluster | None, tmp_path: Path
) -> None:
    if pg_cluster is None:
        pytest.skip("PostgreSQL absent")
    url = pg_cluster.create_database(f"prune_{os.getpid()}")
    backups = tmp_path / "backups"
    backups.mkdir()
    for day in range(1, 5):  # older dumps from earlier nights
        (backups / f"hotroso-2025010{day}T020000Z.dump").write_bytes(b"old")
    env = dict(os.environ, PATH=f"{PG_BIN}:{os.environ['PATH']}",
               HOTROSO_BACKUP_DIR=str(backups), HOTROSO_BACKUP_KEEP="3")

    result = _script("backup.sh", url, env=env)

    assert result.returncode == 0, result.stderr
    kept = sorted(p.name for p in backups.iterdir())
    assert len(kept) == 3
    assert kept[:2] == ["hotroso-20250103T020000Z.dump", "hotroso-20250104T020000Z.dump"]
    assert kept[2].startswith("hotroso-2") and kept[2] > "hotroso-2025"


def test_restore_refuses_a_file_that_is_not_a_dump(tmp_path: Path) -> None:
    bogus = tmp_path / "hotroso-20250101T000000Z.dump"
    bogus.write_text("not a dump")
    env = dict(os.environ, PATH=f"{PG_BIN}:{os.environ['PATH']}")

    result = _script("restore.sh", str(bogus), "postgresql://nobody@127.0.0.1:1/none", env=env)

    assert result.returncode != 0
    assert "pg_restore" in result.stderr


def test_backup_of_a_sqlite_url_says_how_to_back_it_up(tmp_path: Path) -> None:
    result = _script("backup.sh", f"sqlite:///{tmp_path / 'ward.sqlite3'}", env=dict(os.environ))

    assert result.returncode == 2
    assert "copying it with the server stopped" in result.stderr
