"""Encryption at rest: the store is SQLCipher, its key in the keyring or a passphrase; plain
databases are migrated safely; a wrong or missing key never touches the data."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import unicodedata
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from desktop.paths import database_path
from desktop.store import Store, migrate
from desktop.store.clock import fixed_clock
from desktop.store.engine import create_store_engine
from desktop.store.errors import StoreOpenError, WrongKey
from desktop.store.form_draft import LEGACY_FILENAME, FormDraft
from desktop.store.keys import (
    KEYRING_SERVICE,
    OsKeyring,
    PassphraseError,
    StoreKey,
    keyring_account,
    new_passphrase,
)
from desktop.store.meetings import MeetingRepository
from desktop.store.models import SettingRow
from desktop.store.profile import ProfileRepository
from desktop.store.protection import (
    PROTECTION_FILE,
    REWRITE_SUFFIX,
    STEPS,
    FileKind,
    KeyMissing,
    KeyringUnavailable,
    Mode,
    PassphraseNeeded,
    ProtectionChoiceNeeded,
    RewriteFailed,
    WrongPassphrase,
    change_protection,
    inspect,
    open_store,
    set_aside,
)
from desktop.store.record_rows import CREATE, insert_new_records
from desktop.store.records import RecordRepository
from desktop.testdata.generate import generate_records
from sync.contract.record import Gender
from tests.keyrings import MemoryKeyring
from tests.store.factories import NOW, TODAY, make_record

CCCD = "022185012345"
PHONE_DIGITS = "0912345678"
PASSPHRASE = "Mật khẩu của tổ 3"


class Interrupted(Exception):
    """Stands for a crash or a power cut at one step."""


@pytest.fixture
def ring() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture
def keys(ring: MemoryKeyring) -> OsKeyring:
    return OsKeyring(ring)


def open_with(data: Path, keys: OsKeyring, **kwargs: Any) -> Store:
    return open_store(data, keystore=keys, clock=fixed_clock(NOW), **kwargs)


def save_known_record(store: Store) -> None:
    profile = ProfileRepository(store).save(volunteer_name="Trần Thị Lan",
                                            neighbourhood_code="HT01")
    RecordRepository(store).save(make_record(profile, cccd=CCCD, phone="+84912345678",
                                             full_name="Phạm Thị Ngọc Ánh",
                                             gender=Gender.FEMALE), actor="Lan")


def files_under(folder: Path) -> Iterator[Path]:
    return (p for p in folder.rglob("*") if p.is_file())


def leaks(folder: Path) -> list[str]:
    """Files holding the CCCD or phone as text, as UTF-16, or as the bare digits."""
    needles = [CCCD.encode(), PHONE_DIGITS.encode(), b"912345678",
               CCCD.encode("utf-16-le"), PHONE_DIGITS.encode("utf-16-le"),
               "Ngọc Ánh".encode()]
    return [f"{p.name}: {n!r}" for p in files_under(folder) for n in needles
            if n in p.read_bytes()]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in files_under(folder)}


def test_a_new_store_is_encrypted_with_a_keyring_key_and_user_only(
    tmp_path: Path, keys: OsKeyring, ring: MemoryKeyring
) -> None:
    data = tmp_path / "data"
    store = open_with(data, keys)
    save_known_record(store)
    # Looked at while the store is open, WAL and shared-memory files included …
    assert {p.name for p in files_under(data)} >= {"hotroso.sqlite3", "hotroso.sqlite3-wal"}
    assert leaks(data) == []
    store.close()
    # … and after it is closed.
    assert leaks(data) == []
    state = inspect(data)
    assert state.kind is FileKind.ENCRYPTED and state.mode is Mode.KEYRING
    assert state.salt is not None
    assert list(ring.entries) == [(KEYRING_SERVICE, keyring_account(state.salt))]
    secret = next(iter(ring.entries.values()))[:64]
    assert not [p for p in files_under(data) if secret.encode() in p.read_bytes().lower()
                or bytes.fromhex(secret) in p.read_bytes()]
    if os.name == "posix":
        assert data.stat().st_mode & 0o777 == 0o700
        assert {p.name: p.stat().st_mode & 0o777 for p in files_under(data)} == {
            p.name: 0o600 for p in files_under(data)}
    with pytest.raises(WrongKey):  # not readable as a plain SQLite file
        Store.open(data)
    reopened = open_with(data, keys)
    assert [r.cccd for r in RecordRepository(reopened).fetch_rows(
        RecordRepository(reopened).query_ids())] == [CCCD]
    reopened.close()


def test_modes_are_set_whatever_the_umask(tmp_path: Path, keys: OsKeyring) -> None:
    if os.name != "posix":
        pytest.skip("POSIX modes")
    old = os.umask(0o000)
    try:
        store = open_with(tmp_path / "data", keys)
        save_known_record(store)
        store.close()
    finally:
        os.umask(old)
    assert (tmp_path / "data").stat().st_mode & 0o777 == 0o700
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in files_under(tmp_path / "data"))


def test_a_missing_keyring_entry_never_creates_a_new_store(
    tmp_path: Path, keys: OsKeyring, ring: MemoryKeyring
) -> None:
    data = tmp_path / "data"
    store = open_with(data, keys)
    save_known_record(store)
    store.close()
    before = snapshot(data)
    ring.entries.clear()  # the Windows profile was re-created, the folder copied elsewhere …

    with pytest.raises(KeyMissing) as caught:
        open_with(data, keys)

    assert snapshot(data) == before
    assert "không tạo dữ liệu mới" in caught.value.message_vi
    assert "docs/privacy.md" in caught.value.message_en


def test_no_usable_keyring_asks_for_a_passphrase_instead(tmp_path: Path) -> None:
    from keyring.backends import fail, null

    for backend in (null.Keyring(), fail.Keyring()):
        no_keyring = OsKeyring(backend)
        with pytest.raises(ProtectionChoiceNeeded):
            open_store(tmp_path / "data", keystore=no_keyring)
        assert inspect(tmp_path / "data").kind is FileKind.NEW
        store = open_store(tmp_path / "data", keystore=no_keyring,
                           passphrase=new_passphrase(PASSPHRASE, PASSPHRASE))
        store.close()
        with pytest.raises(PassphraseNeeded):
            open_store(tmp_path / "data", keystore=no_keyring)
        shutil.rmtree(tmp_path / "data")


def test_a_keyring_store_on_a_machine_whose_keyring_is_gone_is_refused_plainly(
    tmp_path: Path, keys: OsKeyring
) -> None:
    from keyring.backends import fail

    open_with(tmp_path / "data", keys).close()
    before = snapshot(tmp_path / "data")
    with pytest.raises(KeyringUnavailable):
        open_store(tmp_path / "data", keystore=OsKeyring(fail.Keyring()))
    assert snapshot(tmp_path / "data") == before


def test_a_wrong_passphrase_leaves_every_file_byte_for_byte_unchanged(
    tmp_path: Path, keys: OsKeyring
) -> None:
    data = tmp_path / "data"
    store = open_with(data, keys, passphrase=new_passphrase(PASSPHRASE))
    save_known_record(store)
    # A copy taken while the store is open: the last writes are still in its WAL.
    shutil.copytree(data, tmp_path / "copy")
    store.close()
    for folder in (data, tmp_path / "copy"):
        before = snapshot(folder)
        assert "hotroso.sqlite3" in before
        for wrong in ("mật khẩu của tổ 3", "Mat khau cua to 3", PASSPHRASE + " "):
            with pytest.raises(WrongPassphrase) as caught:
                open_with(folder, keys, passphrase=StoreKey.passphrase(wrong))
            assert "không bị thay đổi" in caught.value.message_vi
            assert snapshot(folder) == before
        with pytest.raises(PassphraseNeeded):
            open_with(folder, keys)
        assert snapshot(folder) == before
    # The copy holds the record too (its WAL was complete): the right passphrase opens both.
    for folder in (data, tmp_path / "copy"):
        opened = open_with(folder, keys, passphrase=StoreKey.passphrase(PASSPHRASE))
        assert RecordRepository(opened).fetch_rows(RecordRepository(opened).query_ids())[
            0].cccd == CCCD
        opened.close()


def test_a_passphrase_typed_with_decomposed_accents_opens_the_store(
    tmp_path: Path, keys: OsKeyring
) -> None:
    open_with(tmp_path / "d", keys, passphrase=new_passphrase(PASSPHRASE)).close()
    decomposed = unicodedata.normalize("NFD", PASSPHRASE)
    assert decomposed != PASSPHRASE
    open_with(tmp_path / "d", keys, passphrase=StoreKey.passphrase(decomposed)).close()


def test_new_passphrases_are_checked() -> None:
    with pytest.raises(PassphraseError, match="8"):
        new_passphrase("ngắn")
    with pytest.raises(PassphraseError, match="differ"):
        new_passphrase(PASSPHRASE, PASSPHRASE + "!")
    assert "hidden" in repr(new_passphrase(PASSPHRASE)) and PASSPHRASE not in repr(
        new_passphrase(PASSPHRASE))


# ---- migrating a plain database ----------------------------------------------------------


def make_plain_store_of_today(data: Path) -> None:
    """A plain database exactly as the app before encryption left it: schema 0003, records
    with audit and outbox, a profile, a meeting, settings, a sync cursor, an autosave file."""
    db = database_path(data)
    data.mkdir(parents=True)
    engine = create_store_engine(db)
    migrate.upgrade(engine, "0003")
    store = Store(engine, data_dir=data, clock=fixed_clock(NOW))
    profile = ProfileRepository(store).save(volunteer_name="Trần Thị Lan",
                                            neighbourhood_code="HT01")
    records = list(generate_records(250, seed=3, today=TODAY, device_id=str(profile.device_id),
                                    volunteer_name=profile.volunteer_name))
    with store.session() as session:
        insert_new_records(session, records, actor="Lan", action=CREATE, at=NOW,
                           sync_state="local")
        session.add(SettingRow(key="ui.note", value="Ghi chú có dấu"))
    RecordRepository(store).save(make_record(profile, cccd=CCCD, phone="+84912345678",
                                             gender=Gender.FEMALE), actor="Lan")
    MeetingRepository(store).start(place="Nhà văn hoá khu 3", on=TODAY, host="Bà Hoa",
                                   neighbourhood_code="HT01")
    engine.dispose()
    (data / LEGACY_FILENAME).write_text(
        json.dumps({"full_name": "Phạm Thị Ngọc Ánh", "cccd": CCCD}, ensure_ascii=False),
        encoding="utf-8")


def plain_tables(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    with closing(sqlite3.connect(db)) as raw:
        names = [n for (n,) in raw.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {n: raw.execute(f'SELECT * FROM "{n}" ORDER BY rowid').fetchall() for n in names}


def store_tables(store: Store, names: list[str]) -> dict[str, list[tuple[Any, ...]]]:
    with store.engine.connect() as connection:
        return {n: [tuple(r) for r in connection.execute(
            text(f'SELECT * FROM "{n}" ORDER BY rowid'))] for n in names}


def test_a_plain_database_of_today_is_migrated_with_every_row_intact(
    tmp_path: Path, keys: OsKeyring, ring: MemoryKeyring
) -> None:
    data = tmp_path / "data"
    make_plain_store_of_today(data)
    before = plain_tables(database_path(data))
    assert len(before["records"]) == 251 and before["meetings"] and before["outbox"]
    assert before["alembic_version"] == [("0003",)]
    steps: list[str] = []

    store = open_with(data, keys, on_step=steps.append)

    assert steps == list(STEPS)
    names = [n for n in before if n != "alembic_version"]
    assert store_tables(store, names) == {n: before[n] for n in names}
    assert migrate.current_revision(store.engine) == migrate.head_revision()
    # The old autosave file was adopted into the store, and is gone.
    assert FormDraft(store).load() == {"full_name": "Phạm Thị Ngọc Ánh", "cccd": CCCD}
    store.close()
    assert sorted(p.name for p in files_under(data)) == ["hotroso.sqlite3", PROTECTION_FILE]
    assert leaks(data) == []
    assert inspect(data).mode is Mode.KEYRING and len(ring.entries) == 1


@pytest.mark.parametrize("step", STEPS)
def test_an_interrupted_migration_leaves_a_usable_database(
    tmp_path: Path, keys: OsKeyring, ring: MemoryKeyring, step: str
) -> None:
    data = tmp_path / "data"
    make_plain_store_of_today(data)
    before = plain_tables(database_path(data))

    def crash(name: str) -> None:
        if name == step:
            raise Interrupted(name)

    with pytest.raises(Interrupted):
        open_with(data, keys, on_step=crash)
    kind = inspect(data).kind
    # Up to the rename the plain file is the database; from then on, the encrypted one.
    assert kind is (FileKind.ENCRYPTED if step == "cleanup" else FileKind.PLAIN)
    if kind is FileKind.PLAIN:
        assert plain_tables(database_path(data))["records"] == before["records"]

    store = open_with(data, keys)  # the next start finishes the job
    assert store_tables(store, ["records", "outbox", "audit"]) == {
        n: before[n] for n in ("records", "outbox", "audit")}
    store.close()
    assert not (data / ("hotroso.sqlite3" + REWRITE_SUFFIX)).exists()
    state = inspect(data)
    assert state.salt is not None
    assert list(ring.entries) == [(KEYRING_SERVICE, keyring_account(state.salt))]
    entries = json.loads((data / PROTECTION_FILE).read_text(encoding="utf-8"))["databases"]
    assert [e["salt"] for e in entries] == [state.salt.hex()]
    assert leaks(data) == []


def test_a_leftover_half_copy_is_discarded(tmp_path: Path, keys: OsKeyring) -> None:
    data = tmp_path / "data"
    make_plain_store_of_today(data)
    (data / ("hotroso.sqlite3" + REWRITE_SUFFIX)).write_bytes(b"\x00" * 5000)
    open_with(data, keys).close()
    assert not (data / ("hotroso.sqlite3" + REWRITE_SUFFIX)).exists()
    assert inspect(data).kind is FileKind.ENCRYPTED


def test_a_copy_that_differs_from_the_original_is_never_swapped_in(
    tmp_path: Path, keys: OsKeyring
) -> None:
    data = tmp_path / "data"
    make_plain_store_of_today(data)
    before = snapshot(data)
    copy = database_path(data).with_name("hotroso.sqlite3" + REWRITE_SUFFIX)

    def tamper(name: str) -> None:
        if name == "verify":  # the copy is written: change one row in it
            engine = create_store_engine(copy, key=keyring_key(keys, copy))
            with engine.begin() as connection:
                connection.execute(text("UPDATE records SET full_name = 'X' WHERE rowid = 7"))
            engine.dispose()

    with pytest.raises(RewriteFailed, match="records"):
        open_with(data, keys, on_step=tamper)
    after = snapshot(data)
    assert after.pop(PROTECTION_FILE)
    assert {k: v for k, v in after.items() if REWRITE_SUFFIX not in k} == before


def keyring_key(keys: OsKeyring, db: Path) -> StoreKey:
    salt = db.read_bytes()[:16]
    value = keys.load(keyring_account(salt))
    assert value is not None
    return StoreKey.from_keyring_value(value)


# ---- changing the protection -------------------------------------------------------------


def test_changing_between_keyring_and_passphrase_re_encrypts_safely(
    tmp_path: Path, keys: OsKeyring, ring: MemoryKeyring
) -> None:
    data = tmp_path / "data"
    store = open_with(data, keys)
    save_known_record(store)
    first_salt = inspect(data).salt

    change_protection(store, Mode.PASSPHRASE, keystore=keys,
                      passphrase=new_passphrase(PASSPHRASE))

    assert RecordRepository(store).fetch_rows(RecordRepository(store).query_ids())[0].cccd == CCCD
    save_known_record(store)  # the same store object keeps working on the new file
    store.close()
    state = inspect(data)
    assert state.mode is Mode.PASSPHRASE and state.salt != first_salt
    assert ring.entries == {}  # the old key is gone with the old file
    with pytest.raises(PassphraseNeeded):
        open_with(data, keys)
    store = open_with(data, keys, passphrase=StoreKey.passphrase(PASSPHRASE))
    assert len(RecordRepository(store).query_ids()) == 2

    change_protection(store, Mode.KEYRING, keystore=keys)
    store.close()
    assert inspect(data).mode is Mode.KEYRING and len(ring.entries) == 1
    store = open_with(data, keys)
    assert len(RecordRepository(store).query_ids()) == 2
    store.close()
    assert leaks(data) == []


@pytest.mark.parametrize("step", STEPS)
def test_an_interrupted_change_keeps_a_store_that_opens(
    tmp_path: Path, keys: OsKeyring, step: str
) -> None:
    data = tmp_path / "data"
    store = open_with(data, keys)
    save_known_record(store)

    def crash(name: str) -> None:
        if name == step:
            raise Interrupted(name)

    with pytest.raises(Interrupted):
        change_protection(store, Mode.PASSPHRASE, keystore=keys,
                          passphrase=new_passphrase(PASSPHRASE), on_step=crash)
    store.close()
    # Whichever file is live, the state says how to open it.
    passphrase = StoreKey.passphrase(PASSPHRASE) if inspect(data).mode is Mode.PASSPHRASE \
        else None
    assert (passphrase is not None) == (step == "cleanup")
    store = open_with(data, keys, passphrase=passphrase)
    assert [r.cccd for r in RecordRepository(store).fetch_rows(
        RecordRepository(store).query_ids())] == [CCCD]
    store.close()
    assert not (data / ("hotroso.sqlite3" + REWRITE_SUFFIX)).exists()


def test_without_protection_json_the_file_still_opens(tmp_path: Path, keys: OsKeyring) -> None:
    open_with(tmp_path / "k", keys).close()
    (tmp_path / "k" / PROTECTION_FILE).unlink()
    open_with(tmp_path / "k", keys).close()  # the keyring entry named after the salt

    open_with(tmp_path / "p", keys, passphrase=new_passphrase(PASSPHRASE)).close()
    (tmp_path / "p" / PROTECTION_FILE).unlink()
    with pytest.raises(PassphraseNeeded):
        open_with(tmp_path / "p", keys)
    open_with(tmp_path / "p", keys, passphrase=StoreKey.passphrase(PASSPHRASE)).close()


def test_set_aside_moves_an_unreadable_store_out_of_the_way(
    tmp_path: Path, keys: OsKeyring, ring: MemoryKeyring
) -> None:
    data = tmp_path / "data"
    store = open_with(data, keys)
    save_known_record(store)
    store.close()
    ring.entries.clear()
    with pytest.raises(StoreOpenError):
        open_with(data, keys)
    kept = set_aside(data, now=NOW)
    assert sorted(p.name for p in kept.iterdir()) == ["hotroso.sqlite3", PROTECTION_FILE]
    open_with(data, keys).close()  # a fresh store starts; the old file is kept aside
    assert (kept / "hotroso.sqlite3").stat().st_size > 0
