"""Which key opens the laptop's store, and the safe ways to change it (Qt-free).

The store is always encrypted (SQLCipher). Its protection is one of two modes
(:class:`Mode`): a random key in the OS keyring (the default), or a passphrase typed at every
start (shared laptops, USB sticks). What is known about the file lives beside it in
``protection.json`` (no secret in it): for each database salt, the mode. SQLCipher writes the
salt as the file's first 16 bytes, so the file itself says which entry — and which keyring
entry (:func:`~desktop.store.keys.keyring_account`) — opens it, even half-way through a change.

:func:`open_store` is how the app opens its store:

- no database yet: create it, in keyring mode, or with the passphrase given;
- a plain database (made before encryption): re-write it encrypted (below), then open it;
- an encrypted one: get its key (keyring, or the passphrase given) and open it. A wrong or
  missing key is a plain :class:`~sync.contract.errors.KnownError`; nothing is created,
  replaced or changed (the key is checked before SQLite may write, see ``engine.py``).

Re-writing (the migration of a plain file and every change of mode or passphrase,
:func:`change_protection`) never modifies the live file: it copies the database into a new
file with the new key (``sqlcipher_export``), opens that copy afresh with the new key,
compares every row of every table and the schema with the original, makes the copy durable
(fsync), records the new salt's mode, and only then swaps the copy into place with one atomic
rename and removes the old file's WAL/shared-memory files. Interrupted at any step, the folder
still holds a complete database that opens: the old one until the rename, the new one after.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from desktop.paths import database_path
from desktop.store import keys as key_stores
from desktop.store.clock import Clock, system_clock
from desktop.store.database import SIDE_FILES, Store
from desktop.store.engine import create_store_engine
from desktop.store.errors import StoreError, StoreOpenError, WrongKey
from desktop.store.form_draft import adopt_legacy_file
from desktop.store.keys import SALT_BYTES, KeyStore, StoreKey, keyring_account
from sync.contract.private_files import (
    fsync_dir,
    make_private,
    prepare_private_file,
    private_dir,
    write_private_bytes,
)
from sync.contract.reference import ReferenceData

PROTECTION_FILE = "protection.json"
REWRITE_SUFFIX = ".rewrite"
PLAIN_HEADER = b"SQLite format 3\x00"
#: The steps of a re-write, in order (tests interrupt each one; the GUI names them).
STEPS = ("key", "copy", "verify", "record", "swap", "cleanup")
_VERIFY_BATCH = 2_000

StepHook = Callable[[str], None]


class Mode(StrEnum):
    KEYRING = "keyring"  # a random key in the OS keyring
    PASSPHRASE = "passphrase"  # typed at every start


class FileKind(StrEnum):
    NEW = "new"  # no database yet
    PLAIN = "plain"  # made before encryption: to be re-written encrypted
    ENCRYPTED = "encrypted"


@dataclass(frozen=True)
class StoreState:
    """What is in a data folder, read without opening the database."""

    kind: FileKind
    db_path: Path
    salt: bytes | None = None
    #: For an encrypted file: how it is opened (``None``: nothing recorded, see ``open_store``).
    mode: Mode | None = None


class PassphraseNeeded(StoreError):
    """The store is locked with a passphrase and none was given (the GUI asks for it)."""

    def __init__(self) -> None:
        super().__init__(
            "Dữ liệu trên máy này được khoá bằng mật khẩu. Hãy nhập mật khẩu để mở.",
            "The data on this laptop is locked with a passphrase. Enter it to open the data.",
        )


class WrongPassphrase(WrongKey):
    def __init__(self) -> None:
        super().__init__(
            "Sai mật khẩu. Dữ liệu chưa được mở và không bị thay đổi. Hãy thử lại (chú ý phím "
            "Caps Lock và bộ gõ tiếng Việt).",
            "Wrong passphrase. The data was not opened and nothing was changed. Try again "
            "(mind Caps Lock and the Vietnamese keyboard).",
        )


class KeyMissing(StoreOpenError):
    """An encrypted store whose keyring entry is gone: never replaced by a new store."""

    def __init__(self, db_path: Path) -> None:
        super().__init__(
            f"Không tìm thấy khoá của dữ liệu trong kho khoá của máy này (Windows Credential "
            f"Manager). Dữ liệu vẫn còn nguyên trong {db_path}, nhưng không đọc được nếu thiếu "
            "khoá; ứng dụng không tạo dữ liệu mới đè lên. Có thể thư mục dữ liệu được chép từ "
            "máy khác, hoặc tài khoản Windows đã bị tạo lại. Hãy báo cán bộ phường: các phiếu "
            "đã đồng bộ có thể được phường gửi lại sau khi đăng ký lại máy (docs/privacy.md).",
            f"The data's key is not in this computer's keyring (Windows Credential Manager). "
            f"The data is still in {db_path}, but it cannot be read without the key; the app "
            "does not create new data over it. Perhaps the data folder was copied from another "
            "computer, or the Windows account was re-created. Tell ward staff: the records "
            "already synced can be sent back after the laptop is enrolled again "
            "(docs/privacy.md).",
        )


class KeyringUnavailable(StoreOpenError):
    """The store's key is in the keyring, but no keyring answers now."""

    def __init__(self) -> None:
        super().__init__(
            "Khoá của dữ liệu được cất trong kho khoá của máy, nhưng kho khoá hiện không dùng "
            "được. Hãy đăng nhập lại vào máy (hoặc mở khoá kho khoá) rồi mở lại ứng dụng. Dữ "
            "liệu không bị thay đổi.",
            "The data's key is kept in this computer's keyring, but the keyring cannot be "
            "used now. Log in again (or unlock the keyring) and reopen the app. The data was "
            "not changed.",
        )


class KeyringKeyWrong(WrongKey):
    def __init__(self) -> None:
        super().__init__(
            "Khoá trong kho khoá của máy không mở được dữ liệu này. Dữ liệu không bị thay đổi; "
            "hãy báo cán bộ phường (docs/privacy.md).",
            "The key in this computer's keyring does not open this data. Nothing was changed; "
            "tell ward staff (docs/privacy.md).",
        )


class ProtectionChoiceNeeded(StoreError):
    """A store is to be created or encrypted, and there is no keyring: a passphrase is needed."""

    def __init__(self) -> None:
        super().__init__(
            "Máy này không có kho khoá (keyring) để cất khoá dữ liệu. Hãy đặt một mật khẩu "
            "cho dữ liệu; mật khẩu sẽ được hỏi mỗi lần mở ứng dụng.",
            "This computer has no keyring to keep the data key in. Choose a passphrase for "
            "the data; it will be asked for each time the app starts.",
        )


class ProtectionBusy(StoreError):
    def __init__(self) -> None:
        super().__init__(
            "Đang có việc khác dùng dữ liệu (đồng bộ, nhập tệp). Hãy đợi xong rồi thử lại.",
            "Something else is using the data (a sync, an import). Wait for it to finish, "
            "then try again.",
        )


class RewriteFailed(StoreError):
    """The new copy did not match the original: the original is kept and still in use."""


# ---- what is in the folder ----------------------------------------------------------------


def inspect(data_dir: Path) -> StoreState:
    """What the data folder holds (reads 16 bytes and ``protection.json``, writes nothing)."""
    db = database_path(data_dir)
    try:
        with db.open("rb") as fh:
            head = fh.read(len(PLAIN_HEADER))
    except FileNotFoundError:
        head = b""
    if not head:
        wal = db.with_name(db.name + "-wal")
        if wal.exists() and wal.stat().st_size > 0:
            # Pages in a WAL with an empty main file: not "nothing", never to be overwritten.
            return StoreState(FileKind.ENCRYPTED, db)
        return StoreState(FileKind.NEW, db)
    if head == PLAIN_HEADER:
        return StoreState(FileKind.PLAIN, db)
    salt = head[:SALT_BYTES] if len(head) >= SALT_BYTES else None
    entry = _read_entries(data_dir).get(salt.hex()) if salt else None
    mode = Mode(entry["mode"]) if entry and entry.get("mode") in set(Mode) else None
    return StoreState(FileKind.ENCRYPTED, db, salt=salt, mode=mode)


def current_mode(store: Store) -> Mode | None:
    return inspect(store.data_dir).mode


# ---- opening --------------------------------------------------------------------------------


def open_store(
    data_dir: Path,
    *,
    keystore: KeyStore | None = None,
    passphrase: StoreKey | None = None,
    clock: Clock = system_clock,
    reference: ReferenceData | None = None,
    on_step: StepHook | None = None,
) -> Store:
    """Open the app's (encrypted) store in ``data_dir``; see the module docstring.

    Args:
        keystore: where random keys are kept (default: the OS keyring).
        passphrase: for a passphrase-protected store, the passphrase typed; for a new or a
            plain store, the passphrase chosen for it (then keyring mode is not used).
        on_step: told the name of each step of a re-write (progress; tests interrupt them).

    Raises:
        PassphraseNeeded, WrongPassphrase, KeyMissing, KeyringUnavailable, KeyringKeyWrong,
        ProtectionChoiceNeeded, StoreOpenError: all known errors; the data is left as it was.
    """
    keys = keystore if keystore is not None else key_stores.default_keystore()
    try:
        private_dir(data_dir)
    except OSError as exc:
        raise StoreOpenError(
            f"Không tạo được thư mục dữ liệu {data_dir}: {exc.strerror}.",
            f"Cannot create the data folder {data_dir}: {exc.strerror}.",
        ) from exc
    _discard_unfinished_rewrite(data_dir, keys)
    state = inspect(data_dir)
    if state.kind is FileKind.NEW:
        key, mode = _new_key(keys, passphrase)
        _record(data_dir, key, mode, pending=True)
        if mode is Mode.KEYRING:
            _save_raw_key(keys, key)
        store = Store.open(data_dir, key=key, clock=clock, reference=reference)
        _record(data_dir, key, mode, pending=False, salt=_file_salt(state.db_path))
        adopt_legacy_file(store)
        return store
    if state.kind is FileKind.PLAIN:
        key, mode = _new_key(keys, passphrase)
        _rewrite(data_dir, None, key, mode, keys, on_step)
    else:
        key = _existing_key(state, keys, passphrase)
    try:
        opened = Store.open(data_dir, key=key, clock=clock, reference=reference)
    except WrongKey:
        if key.kind == "passphrase":
            raise WrongPassphrase() from None
        raise KeyringKeyWrong() from None
    # An autosave file from before the snapshot moved into the store: in, then deleted.
    adopt_legacy_file(opened)
    return opened


def _new_key(keys: KeyStore, passphrase: StoreKey | None) -> tuple[StoreKey, Mode]:
    if passphrase is not None:
        return passphrase, Mode.PASSPHRASE
    if not keys.available():
        raise ProtectionChoiceNeeded()
    return StoreKey.generate(), Mode.KEYRING


def _existing_key(state: StoreState, keys: KeyStore, passphrase: StoreKey | None) -> StoreKey:
    if state.salt is None:
        raise StoreOpenError(
            f"Tệp dữ liệu {state.db_path} bị hỏng (quá ngắn). Tệp được giữ nguyên.",
            f"The data file {state.db_path} is damaged (too short). It is left as it was.",
        )
    mode = state.mode
    if mode is None:
        # Nothing recorded (protection.json lost): the keyring entry named after the salt
        # decides; without one, only a passphrase can open the file.
        found = keys.load(keyring_account(state.salt)) if keys.available() else None
        if found is not None:
            return StoreKey.from_keyring_value(found)
        mode = Mode.PASSPHRASE
    if mode is Mode.PASSPHRASE:
        if passphrase is None:
            raise PassphraseNeeded()
        return passphrase
    if not keys.available():
        raise KeyringUnavailable()
    value = keys.load(keyring_account(state.salt))
    if value is None:
        raise KeyMissing(state.db_path)
    return StoreKey.from_keyring_value(value)


# ---- changing the protection ----------------------------------------------------------------


def change_protection(
    store: Store,
    mode: Mode,
    *,
    keystore: KeyStore | None = None,
    passphrase: StoreKey | None = None,
    on_step: StepHook | None = None,
) -> None:
    """Re-encrypt ``store`` for ``mode`` (a new passphrase, or a new key in the keyring).

    Runs on the thread that owns the store (the GUI's database worker), with no other
    connection in use; the store object then works on the new file as before.

    Raises:
        ProtectionChoiceNeeded: keyring mode asked for on a machine without a keyring.
        ProtectionBusy: another connection is in use.
        RewriteFailed, KeyringError: nothing changed; the store keeps its current key.
    """
    keys = keystore if keystore is not None else key_stores.default_keystore()
    if mode is Mode.PASSPHRASE and passphrase is None:
        raise ValueError("a passphrase is needed for passphrase mode")
    if mode is Mode.KEYRING and not keys.available():
        raise ProtectionChoiceNeeded()
    pool: Any = store.engine.pool
    if pool.checkedout() > 0:
        raise ProtectionBusy()
    source = _key_of_open_store(store)
    target = passphrase if mode is Mode.PASSPHRASE else StoreKey.generate()
    assert target is not None
    store.engine.dispose()
    _rewrite(store.data_dir, source, target, mode, keys, on_step)
    store.replace_engine(create_store_engine(store.db_path, key=target), key=target)


def _key_of_open_store(store: Store) -> StoreKey:
    if store.key is not None:
        return store.key
    raise StoreError(
        "Kho dữ liệu này không được mở bằng khoá; không đổi được cách bảo vệ.",
        "This store was not opened with a key; its protection cannot be changed.",
    )


# ---- the re-write ---------------------------------------------------------------------------


def _rewrite(
    data_dir: Path,
    source: StoreKey | None,
    target: StoreKey,
    mode: Mode,
    keys: KeyStore,
    on_step: StepHook | None,
) -> None:
    db = database_path(data_dir)
    tmp = db.with_name(db.name + REWRITE_SUFFIX)

    def step(name: str) -> None:
        if on_step is not None:
            on_step(name)

    old_salt = _file_salt(db)
    step("key")
    _remove_with_side_files(tmp)
    if mode is Mode.KEYRING:
        _record(data_dir, target, mode, pending=True)
        _save_raw_key(keys, target)
    step("copy")
    prepare_private_file(tmp)
    _copy(db, source, tmp, target)
    step("verify")
    _verify(db, source, tmp, target)
    _fsync_file(tmp)
    step("record")
    new_salt = _file_salt(tmp)
    _record(data_dir, target, mode, pending=True, salt=new_salt)
    step("swap")
    _make_self_contained(db, source)
    for suffix in SIDE_FILES:
        with contextlib.suppress(FileNotFoundError):
            db.with_name(db.name + suffix).unlink()
    os.replace(tmp, db)
    make_private(db)
    fsync_dir(data_dir)
    step("cleanup")
    _finish_record(data_dir, keys, live=new_salt, old=old_salt)


@contextlib.contextmanager
def _single_connection(path: Path, key: StoreKey | None) -> Iterator[Any]:
    """A raw DB-API connection from the one engine factory (ATTACH needs autocommit)."""
    engine: Engine = create_store_engine(path, key=key)
    try:
        with engine.connect() as connection:
            yield connection.connection.dbapi_connection
    finally:
        engine.dispose()


def _copy(db: Path, source: StoreKey | None, tmp: Path, target: StoreKey) -> None:
    with _single_connection(db, source) as raw:
        cursor = raw.cursor()
        cursor.execute(f"ATTACH DATABASE ? AS rewrite KEY {target.sql_literal()}", (str(tmp),))
        cursor.execute("SELECT sqlcipher_export('rewrite')")
        cursor.execute("DETACH DATABASE rewrite")
        cursor.close()


def _verify(db: Path, source: StoreKey | None, tmp: Path, target: StoreKey) -> None:
    """Open the copy afresh with its new key and compare it, row by row, with the original."""
    source_literal = source.sql_literal() if source is not None else "''"
    with _single_connection(tmp, target) as raw:
        cursor = raw.cursor()
        cursor.execute(f"ATTACH DATABASE ? AS original KEY {source_literal}", (str(db),))
        schema = "SELECT type, name, tbl_name, sql FROM {}.sqlite_master ORDER BY type, name"
        copied = cursor.execute(schema.format("main")).fetchall()
        original = cursor.execute(schema.format("original")).fetchall()
        if copied != original:
            raise _mismatch("schema")
        for kind, name, _table, sql in original:
            if kind != "table":
                continue
            order = "" if sql and "WITHOUT ROWID" in sql.upper() else " ORDER BY rowid"
            quoted = '"' + name.replace('"', '""') + '"'
            left = raw.cursor()
            right = raw.cursor()
            left.execute(f"SELECT * FROM main.{quoted}{order}")
            right.execute(f"SELECT * FROM original.{quoted}{order}")
            while True:
                a = left.fetchmany(_VERIFY_BATCH)
                b = right.fetchmany(_VERIFY_BATCH)
                if a != b:
                    raise _mismatch(name)
                if not a:
                    break
            left.close()
            right.close()
        cursor.execute("DETACH DATABASE original")
        # Back to a rollback journal: the copy must be one self-contained file when renamed.
        cursor.execute("PRAGMA journal_mode=DELETE")
        cursor.close()


def _make_self_contained(db: Path, key: StoreKey | None) -> None:
    """Fold the live file's WAL into it, so nothing of it survives beside the new file."""
    with _single_connection(db, key) as raw:
        cursor = raw.cursor()
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cursor.execute("PRAGMA journal_mode=DELETE")
        cursor.close()


def _mismatch(what: str) -> RewriteFailed:
    return RewriteFailed(
        f"Bản sao mã hoá không khớp với dữ liệu gốc ({what}); dữ liệu gốc được giữ nguyên và "
        "vẫn dùng được. Hãy báo lỗi này cho cán bộ phường.",
        f"The encrypted copy does not match the original ({what}); the original is kept and "
        "still in use. Report this to ward staff.",
    )


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDWR)  # Windows flushes only a handle opened for writing
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_with_side_files(path: Path) -> None:
    for suffix in ("", *SIDE_FILES):
        with contextlib.suppress(FileNotFoundError):
            path.with_name(path.name + suffix).unlink()


def _discard_unfinished_rewrite(data_dir: Path, keys: KeyStore) -> None:
    """A copy left by an interrupted re-write is never the live file: remove it, and forget
    the keys recorded for it."""
    db = database_path(data_dir)
    tmp = db.with_name(db.name + REWRITE_SUFFIX)
    if any(tmp.with_name(tmp.name + s).exists() for s in ("", *SIDE_FILES)):
        _remove_with_side_files(tmp)
    _finish_record(data_dir, keys, live=_file_salt(db), old=None)


def _file_salt(db: Path) -> bytes | None:
    try:
        with db.open("rb") as fh:
            head = fh.read(len(PLAIN_HEADER))
    except FileNotFoundError:
        return None
    if len(head) < SALT_BYTES or head == PLAIN_HEADER:
        return None
    return head[:SALT_BYTES]


def _save_raw_key(keys: KeyStore, key: StoreKey) -> None:
    assert key.salt is not None
    keys.save(keyring_account(key.salt), key.secret)


# ---- protection.json ------------------------------------------------------------------------


def _protection_path(data_dir: Path) -> Path:
    return data_dir / PROTECTION_FILE


def _read_entries(data_dir: Path) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads(_protection_path(data_dir).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError, OSError):
        return {}
    entries = data.get("databases") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return {}
    return {str(e["salt"]): e for e in entries if isinstance(e, dict) and "salt" in e}


def _write_entries(data_dir: Path, entries: dict[str, dict[str, Any]]) -> None:
    document = {
        "format": 1,
        "about": "How the Hỗ trợ số database in this folder is encrypted. No key is kept here.",
        "databases": sorted(entries.values(), key=lambda e: str(e["salt"])),
    }
    write_private_bytes(_protection_path(data_dir),
                        json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8"))


def _record(data_dir: Path, key: StoreKey, mode: Mode, *, pending: bool,
            salt: bytes | None = None) -> None:
    salt = salt if salt is not None else key.salt
    if salt is None:
        return  # a passphrase's salt is known once SQLCipher has written the file
    entries = _read_entries(data_dir)
    entries[salt.hex()] = {"salt": salt.hex(), "mode": mode.value, "pending": pending}
    _write_entries(data_dir, entries)


def _finish_record(data_dir: Path, keys: KeyStore, *, live: bytes | None,
                   old: bytes | None) -> None:
    """Keep the live file's entry (no longer pending); drop the old file's entry and entries
    of unfinished re-writes, with their keyring keys."""
    entries = _read_entries(data_dir)
    if not entries:
        return
    keep: dict[str, dict[str, Any]] = {}
    for salt_hex, entry in entries.items():
        is_live = live is not None and salt_hex == live.hex()
        is_old = old is not None and salt_hex == old.hex()
        if is_live:
            keep[salt_hex] = {**entry, "pending": False}
        elif entry.get("pending") or is_old:
            if entry.get("mode") == Mode.KEYRING and keys.available():
                with contextlib.suppress(StoreError):
                    keys.delete(keyring_account(bytes.fromhex(salt_hex)))
        else:
            keep[salt_hex] = entry
    if keep != entries:
        _write_entries(data_dir, keep)


# ---- recovery ------------------------------------------------------------------------------


def set_aside(data_dir: Path, *, now: datetime) -> Path:
    """Move an unreadable database (and what belongs to it) into a dated sub-folder, so a new
    store can start; nothing is deleted (docs/privacy.md, "Recovery")."""
    target = private_dir(data_dir / f"unreadable-{now:%Y%m%d-%H%M%S}")
    db = database_path(data_dir)
    for path in (db, *(db.with_name(db.name + s) for s in SIDE_FILES),
                 _protection_path(data_dir)):
        if path.exists():
            shutil.move(str(path), str(target / path.name))
    fsync_dir(data_dir)
    return target
