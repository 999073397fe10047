"""The one place in ``desktop/`` that creates a SQLAlchemy engine.

Connection settings that every part of the app relies on live here:

- WAL journal, so the GUI can read while a background import writes;
- ``synchronous=FULL``: a record a volunteer saved must survive a power cut, not only a crash;
- foreign keys enforced;
- explicit ``BEGIN IMMEDIATE`` at the start of each transaction. Python 3.11's ``sqlite3``
  module opens transactions lazily and commits behind our back around DDL; handing
  transaction control to SQLAlchemy (the recipe from its SQLite dialect docs) makes a
  ``with session.begin()`` block one real SQLite transaction, which the "record + outbox +
  audit together" rule depends on. IMMEDIATE takes the write lock at the start, waiting up to
  the busy timeout for it: a deferred ``BEGIN`` that reads and then writes cannot wait (SQLite
  fails it at once with "database is locked"). Connections marked :data:`READ_ONLY` (the
  store's read transactions) begin deferred and never take the write lock.

Encryption at rest: pass ``key=`` to open the file through SQLCipher (``sqlite+pysqlcipher``,
the ``sqlcipher3`` package). Everything else stays the same because the settings above are
applied on every new DB-API connection whichever driver made it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool

#: How long a writer waits for another connection's lock before giving up (milliseconds).
BUSY_TIMEOUT_MS = 10_000
#: Execution option of connections that only read (``engine.execution_options(...)``).
READ_ONLY = "hotroso_read_only"


def database_url(db_path: Path, *, key: str | None = None) -> str:
    """The SQLAlchemy URL for a database file, plain or SQLCipher-encrypted."""
    if key is None:
        return f"sqlite:///{db_path}"
    return f"sqlite+pysqlcipher://:{quote(key, safe='')}@/{db_path}"


def create_store_engine(db_path: Path, *, key: str | None = None, echo: bool = False) -> Engine:
    """Create the engine for the local store at ``db_path`` (the file is created on first use).

    Args:
        db_path: the SQLite file.
        key: SQLCipher passphrase; ``None`` opens a plain SQLite file.
        echo: log every SQL statement (debugging only).
    """
    engine = create_engine(
        database_url(db_path, key=key),
        echo=echo,
        # One file, few threads (GUI worker + an import): a small pool of real connections.
        # The default for file databases is QueuePool already; spelled out because the
        # connection-level pragmas below assume connections are reused, not re-made per use.
        poolclass=QueuePool,
        pool_size=2,
        max_overflow=2,
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
    )
    event.listen(engine, "connect", _configure_connection)
    event.listen(engine, "begin", _emit_begin)
    return engine


def _configure_connection(dbapi_connection: Any, _record: Any) -> None:
    # Take transaction control away from the driver (see module docstring).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    finally:
        cursor.close()


def _emit_begin(connection: Any) -> None:
    read_only = connection.get_execution_options().get(READ_ONLY, False)
    connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")
