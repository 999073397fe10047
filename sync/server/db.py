"""Creating the server's engine: an embedded SQLite file by default, PostgreSQL by URL.

SQLite is tuned for one server process with a few threads: WAL so reads never wait for the
push writer, ``synchronous=NORMAL`` (durable across a process crash, which is what a sync
server needs; a power cut may lose the last commit, which the laptops simply send again), and
an explicit ``BEGIN IMMEDIATE`` so two pushes serialise on the write lock up front instead of
failing half-way with "database is locked".
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

ENV_DB_URL = "HOTROSO_SERVER_DB"
DEFAULT_DB_FILENAME = "ward.sqlite3"
BUSY_TIMEOUT_MS = 15_000


class DatabaseUrlError(ValueError):
    """The --db value is not a database URL the server can use."""


def default_database_url() -> str:
    """``$HOTROSO_SERVER_DB`` or a SQLite file in the per-user data directory."""
    from_env = os.environ.get(ENV_DB_URL)
    if from_env:
        return from_env
    folder = Path(platformdirs.user_data_dir("hotroso-server", appauthor=False))
    return f"sqlite:///{folder / DEFAULT_DB_FILENAME}"


def normalise_url(url: str) -> str:
    """Accept a plain file path or ``postgresql://`` and return the URL SQLAlchemy needs.

    ``postgresql://`` and ``postgres://`` get the psycopg 3 driver, the only one installed.
    """
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseUrlError(f"--db {url!r} is not a database URL: {exc}") from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise DatabaseUrlError(
            f"--db {url!r}: only sqlite:///FILE and postgresql://USER@HOST/DB are supported"
        )
    return parsed.render_as_string(hide_password=False)


def create_server_engine(url: str | None = None) -> Engine:
    """The engine for the ward database (creating the SQLite file's folder if needed)."""
    full = normalise_url(url or default_database_url())
    parsed = make_url(full)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            full,
            connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
            pool_size=4,
            max_overflow=4,
        )
        event.listen(engine, "connect", _configure_sqlite)
        event.listen(engine, "begin", _begin_immediate)
        return engine
    return create_engine(full, pool_size=5, max_overflow=5, pool_pre_ping=True)


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself (below)
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        # Overwritten and freed content is zeroed, so an erased resident's data does not
        # linger in free pages of the file (see erasure.compact_storage for the WAL).
        cursor.execute("PRAGMA secure_delete=ON")
    finally:
        cursor.close()


def _begin_immediate(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")
