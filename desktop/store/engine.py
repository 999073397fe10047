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

Encryption at rest: with ``key=`` (a :class:`~desktop.store.keys.StoreKey`) the connection
is keyed before anything else touches the file, and the key is checked with a read of the
schema, so a wrong key fails with "file is not a database" before the journal mode is set or a
page is written: a wrong key never changes the file. Every connection, keyed or plain, goes
through SQLCipher's build of SQLite (``sqlcipher3``), one driver for both; SQLCipher also
encrypts the WAL and any journal, and temporary tables and sorts stay in memory
(``temp_store=MEMORY``), so no plaintext spills into temporary files. Which key to use, and
the migration of a plain file, are :mod:`desktop.store.protection`'s business.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from desktop.store.keys import StoreKey

#: How long a writer waits for another connection's lock before giving up (milliseconds).
BUSY_TIMEOUT_MS = 10_000
#: Execution option of connections that only read (``engine.execution_options(...)``).
READ_ONLY = "hotroso_read_only"
#: Decrypted pages each connection keeps (KiB). Every page read from the file is decrypted and
#: its HMAC checked; SQLite's default cache (8 MB here) holds too few pages for the records
#: list's covering indexes at 100,000 records, so every search decrypted them all again (3x
#: slower than a plain file). With 64 MB they stay decrypted after the first query. It is a
#: ceiling, not an allocation: a small store uses little.
CACHE_KIB = 65_536


def create_store_engine(db_path: Path, *, key: StoreKey | None = None,
                        echo: bool = False) -> Engine:
    """Create the engine for the local store at ``db_path`` (the file is created on first use).

    Args:
        db_path: the database file.
        key: the SQLCipher key; ``None`` opens a plain SQLite file (tests, and the source of
            the one-time migration to an encrypted file).
        echo: log every SQL statement (debugging only).
    """
    engine = create_engine(
        f"sqlite:///{db_path}",
        module=sqlcipher,
        echo=echo,
        # One file, few threads (GUI worker + an import): a small pool of real connections.
        # The default for file databases is QueuePool already; spelled out because the
        # connection-level pragmas below assume connections are reused, not re-made per use
        # (with a passphrase each new connection pays SQLCipher's key derivation, ~0.1 s).
        poolclass=QueuePool,
        pool_size=2,
        max_overflow=2,
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
    )
    event.listen(engine, "connect", partial(_configure_connection, key))
    event.listen(engine, "begin", _emit_begin)
    return engine


def key_opens(db_path: Path, key: StoreKey | None) -> bool:
    """Whether ``key`` opens the existing database file ``db_path`` (``None``: a plain file).

    Checked before any engine touches the file, on a connection that cannot change anything:
    the last connection to close a database checkpoints its WAL into the file, and a wrongly
    keyed one would do so too (SQLCipher copies the still-encrypted pages), and any reader
    rebuilds the WAL index (``-shm``). ``immutable=1`` reads the file's first page and nothing
    else: no lock, no WAL, no -shm, so a wrong key leaves every byte of every file as it was.
    """
    connection = sqlcipher.connect(f"{db_path.resolve().as_uri()}?mode=ro&immutable=1", uri=True,
                                   timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        cursor = connection.cursor()
        cursor.execute("PRAGMA cipher_log_level = NONE")
        if key is not None:
            cursor.execute(f"PRAGMA key = {key.sql_literal()}")
        cursor.execute("SELECT count(*) FROM sqlite_master").fetchall()
        return True
    except sqlcipher.DatabaseError as exc:
        if "file is not a database" in str(exc):
            return False
        raise
    finally:
        connection.close()


def _configure_connection(key: StoreKey | None, dbapi_connection: Any, _record: Any) -> None:
    # Take transaction control away from the driver (see module docstring).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        # A wrong key is reported to the caller as an exception; SQLCipher would also print it.
        cursor.execute("PRAGMA cipher_log_level = NONE")
        if key is not None:
            cursor.execute(f"PRAGMA key = {key.sql_literal()}")
        # Reads page 1: a wrong key fails here, before anything below could write.
        cursor.execute("SELECT count(*) FROM sqlite_master").fetchall()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA temp_store=MEMORY")
        cursor.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        # Erased personal data (a resident's erasure, a withdrawn consent) must not linger
        # in free pages of the file.
        cursor.execute("PRAGMA secure_delete=ON")
    finally:
        cursor.close()


def _emit_begin(connection: Any) -> None:
    read_only = connection.get_execution_options().get(READ_ONLY, False)
    connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")
