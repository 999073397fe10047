"""The local store: one SQLite file in the data directory, migrated when opened.

The data folder is the user's own (0700) and the database, its WAL and shared-memory files
are 0600 (SQLite gives the -wal/-shm files the database file's mode, so the file is created
0600 before SQLite first opens it). The app opens its store through
:func:`desktop.store.protection.open_store`, which chooses the key; ``Store.open`` takes the
key it is given (``None``: a plain file, for tests and the one-time migration).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from desktop.paths import database_path
from desktop.store import migrate
from desktop.store.clock import Clock, system_clock
from desktop.store.engine import READ_ONLY, create_store_engine, key_opens
from desktop.store.errors import StoreOpenError, WrongKey
from desktop.store.keys import StoreKey
from desktop.store.synced_reference import synced_reference
from sync.contract.private_files import make_private, prepare_private_file, private_dir
from sync.contract.reference import ReferenceData, load_reference

#: The files SQLite keeps beside the database (all of them hold the store's pages).
SIDE_FILES = ("-wal", "-shm", "-journal")


class Store:
    """An open local store. Create with :meth:`open`; close with :meth:`close`.

    Repositories (``RecordRepository(store)``, ``ProfileRepository(store)`` …) take a store
    and open one short transaction per operation through :meth:`session`.
    """

    def __init__(
        self,
        engine: Engine,
        *,
        data_dir: Path,
        clock: Clock = system_clock,
        reference: ReferenceData | None = None,
        key: StoreKey | None = None,
    ) -> None:
        self.engine = engine
        self._key = key
        self.data_dir = data_dir
        self.clock = clock
        self._reference = reference
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._readers = engine.execution_options(**{READ_ONLY: True})

    @classmethod
    def open(
        cls,
        data_dir: Path,
        *,
        clock: Clock = system_clock,
        reference: ReferenceData | None = None,
        key: StoreKey | None = None,
    ) -> Store:
        """Open (creating if needed) the store in ``data_dir`` and migrate it to the newest schema.

        Raises:
            WrongKey: the file is encrypted with another key (or is not a database at all);
                the file is left exactly as it was.
            StoreOpenError: the folder cannot be created, the file is damaged, or it was
                written by a newer version of the app.
        """
        try:
            private_dir(data_dir)
            db_file = database_path(data_dir)
            if not db_file.exists():
                prepare_private_file(db_file)
            for path in (db_file, *(db_file.with_name(db_file.name + s) for s in SIDE_FILES)):
                make_private(path)
        except OSError as exc:
            raise StoreOpenError(
                f"Không tạo được thư mục dữ liệu {data_dir}: {exc.strerror}.",
                f"Cannot create the data folder {data_dir}: {exc.strerror}.",
            ) from exc
        try:
            opens = db_file.stat().st_size == 0 or key_opens(db_file, key)
        except (OSError, sqlcipher.Error) as exc:
            raise StoreOpenError(
                f"Không mở được cơ sở dữ liệu {db_file} ({exc}).",
                f"Cannot open the database {db_file} ({exc}).",
            ) from exc
        if not opens:
            raise _wrong_key(db_file)
        engine = create_store_engine(db_file, key=key)
        try:
            _check_known_revision(engine, db_file)
            migrate.upgrade(engine)
        except StoreOpenError:
            engine.dispose()
            raise
        except (DatabaseError, OperationalError) as exc:
            engine.dispose()
            if "file is not a database" in str(exc.orig):
                raise _wrong_key(db_file) from exc
            raise StoreOpenError(
                f"Không mở được cơ sở dữ liệu {db_file}: tệp bị hỏng, bị khoá bởi chương "
                f"trình khác hoặc sai mật khẩu ({exc.orig}).",
                f"Cannot open the database {db_file}: the file is damaged, locked by another "
                f"program or the password is wrong ({exc.orig}).",
            ) from exc
        return cls(engine, data_dir=data_dir, clock=clock, reference=reference, key=key)

    @property
    def key(self) -> StoreKey | None:
        """The key the file was opened with (``None``: a plain file)."""
        return self._key

    @property
    def db_path(self) -> Path:
        return database_path(self.data_dir)

    @property
    def reference(self) -> ReferenceData:
        """The reference data in force: what the ward last sent, else the shipped files.

        The ward is the authority on its own neighbourhoods and catalogues, so what it sent
        wins over the files shipped with the app.
        """
        if self._reference is None:
            with self.read() as session:
                self._reference = synced_reference(session) or load_reference()
        return self._reference

    def set_reference(self, reference: ReferenceData) -> None:
        """Put new reference data in force (a sync received it). This object is the one place
        the laptop holds reference data: readers ask it each time instead of keeping a copy."""
        self._reference = reference

    def today(self) -> date:
        """The local calendar date by the store's clock (the machine's time zone)."""
        return self.clock().astimezone().date()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One write transaction (``BEGIN IMMEDIATE``): committed when the block ends, rolled
        back if it raises. It takes the write lock at once, so two writers queue on the busy
        timeout instead of failing half-way with "database is locked"."""
        with self._sessions() as session, session.begin():
            yield session

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the database file and empty it, so that data just
        erased (a resident's erasure) is not left in the log's old pages. Outside any
        transaction, as SQLite requires; a busy log is left for SQLite's own checkpoints."""
        raw = self.engine.raw_connection()
        try:
            raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        finally:
            raw.close()

    @contextmanager
    def read(self) -> Iterator[Session]:
        """One read-only transaction (a deferred ``BEGIN``): it never takes the write lock,
        so a long query does not hold up a writer in another process."""
        with self._sessions(bind=self._readers) as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()

    def replace_engine(self, engine: Engine, *, key: StoreKey | None) -> None:
        """Point this store (and every repository holding it) at a new engine on the same
        folder: after the file was re-encrypted with another key."""
        old = self.engine
        self.engine = engine
        self._key = key
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._readers = engine.execution_options(**{READ_ONLY: True})
        old.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _wrong_key(db_file: Path) -> WrongKey:
    return WrongKey(
        f"Không mở được cơ sở dữ liệu {db_file}: sai khoá hoặc mật khẩu, hoặc tệp bị hỏng. "
        "Tệp vẫn được giữ nguyên.",
        f"Cannot open the database {db_file}: the key or passphrase is wrong, or the file is "
        "damaged. The file is left as it was.",
    )


def _check_known_revision(engine: Engine, db_file: Path) -> None:
    current = migrate.current_revision(engine)
    if current is not None and current not in migrate.known_revisions():
        raise StoreOpenError(
            f"Tệp dữ liệu {db_file} được tạo bởi phiên bản mới hơn của ứng dụng. "
            "Hãy cập nhật ứng dụng Hỗ trợ số.",
            f"The data file {db_file} was written by a newer version of the app. "
            "Please update Hỗ trợ số.",
        )
