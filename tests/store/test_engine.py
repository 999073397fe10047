"""The engine's connection settings, and that it is made in one place only."""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import text

from desktop.store import Store

ROOT = Path(__file__).resolve().parents[2]


def test_connections_use_wal_full_sync_and_foreign_keys(store: Store) -> None:
    with store.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert connection.execute(text("PRAGMA temp_store")).scalar() == 2  # MEMORY
        assert connection.execute(text("PRAGMA cache_size")).scalar() == -65_536
        assert connection.execute(text("PRAGMA cipher_version")).scalar()  # SQLCipher


def test_only_engine_module_creates_engines() -> None:
    creators = [
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "desktop").rglob("*.py")
        if re.search(r"\bcreate_engine\(", path.read_text(encoding="utf-8"))
    ]
    assert creators == ["desktop/store/engine.py"]


def test_a_failed_transaction_leaves_nothing(store: Store) -> None:
    try:
        with store.session() as session:
            session.execute(text("INSERT INTO settings (key, value) VALUES ('a', '1')"))
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    with store.session() as session:
        assert session.execute(text("SELECT count(*) FROM settings")).scalar() == 0
