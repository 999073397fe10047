"""The command line on the encrypted store: keyring by default, a passphrase from the
environment, ``hotroso protection``, and exports that warn and are logged."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from keyring.backends import null

from desktop import cli
from desktop.commands.common import FAILED, OK
from desktop.store import keys
from desktop.store.exports import ExportLog
from desktop.store.keys import OsKeyring
from desktop.store.protection import FileKind, Mode, inspect, open_store
from tests.keyrings import MemoryKeyring

PASSPHRASE = "tổ công nghệ số khu 3"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = cli.main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_a_new_store_made_by_the_command_line_is_encrypted_in_the_keyring(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], store_keyring: MemoryKeyring
) -> None:
    data = str(tmp_path / "data")
    status, _, _ = run(capsys, "profile", "--data-dir", data, "--name", "Lan",
                       "--neighbourhood", "HT01")
    assert status == OK
    assert inspect(tmp_path / "data").mode is Mode.KEYRING and store_keyring.entries
    status, out, _ = run(capsys, "protection", "status", "--data-dir", data, "--lang", "en")
    assert status == OK and "Encrypted with a random key in this computer's keyring" in out


def test_a_passphrase_from_the_environment_and_a_plain_refusal_without_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = str(tmp_path / "data")
    monkeypatch.setenv("HOTROSO_PASSPHRASE", PASSPHRASE)
    assert run(capsys, "profile", "--data-dir", data, "--name", "Lan",
               "--neighbourhood", "HT01")[0] == OK
    assert inspect(tmp_path / "data").mode is Mode.PASSPHRASE
    monkeypatch.delenv("HOTROSO_PASSPHRASE")
    status, _, err = run(capsys, "profile", "--data-dir", data, "--lang", "en")
    assert status == FAILED and "HOTROSO_PASSPHRASE" in err and "Traceback" not in err
    monkeypatch.setenv("HOTROSO_PASSPHRASE", "not the passphrase")
    status, _, err = run(capsys, "profile", "--data-dir", data, "--lang", "en")
    assert status == FAILED and "Wrong passphrase" in err


def test_no_keyring_means_choosing_a_passphrase(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(keys, "default_keystore", lambda: OsKeyring(null.Keyring()))
    data = str(tmp_path / "data")
    status, _, err = run(capsys, "profile", "--data-dir", data, "--lang", "en")
    assert status == FAILED and "HOTROSO_PASSPHRASE" in err
    assert inspect(tmp_path / "data").kind is FileKind.NEW  # nothing was created
    status, out, _ = run(capsys, "protection", "status", "--data-dir", data, "--lang", "en")
    assert "Keyring on this computer: not available" in out


def test_protection_can_be_changed_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = str(tmp_path / "data")
    run(capsys, "profile", "--data-dir", data, "--name", "Lan", "--neighbourhood", "HT01")
    monkeypatch.setenv("HOTROSO_PASSPHRASE_NEW", PASSPHRASE)
    status, out, _ = run(capsys, "protection", "use-passphrase", "--data-dir", data,
                         "--lang", "en")
    assert status == OK and "Remember it" in out
    assert inspect(tmp_path / "data").mode is Mode.PASSPHRASE
    monkeypatch.setenv("HOTROSO_PASSPHRASE", PASSPHRASE)
    assert run(capsys, "protection", "use-keyring", "--data-dir", data)[0] == OK
    monkeypatch.delenv("HOTROSO_PASSPHRASE")
    assert inspect(tmp_path / "data").mode is Mode.KEYRING
    status, out, _ = run(capsys, "profile", "--data-dir", data, "--lang", "en")
    assert status == OK and "Lan" in out


def test_export_warns_writes_an_owner_only_file_and_is_logged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(tmp_path / "data")
    run(capsys, "profile", "--data-dir", data, "--name", "Trần Thị Lan",
        "--neighbourhood", "HT01")
    source = tmp_path / "in.csv"
    source.write_text("Họ và tên,Số điện thoại,Năm sinh\nLê Thị Hoa,0912345678,1990\n",
                      encoding="utf-8-sig")
    run(capsys, "import", str(source), "--data-dir", data)
    target = tmp_path / "out.csv"
    status, out, err = run(capsys, "export", str(target), "--data-dir", data, "--lang", "en")
    assert status == OK and "Exported 1 records" in out
    assert "CCCD and phone numbers UNPROTECTED" in err
    if os.name == "posix":
        assert target.stat().st_mode & 0o777 == 0o600
    store = open_store(tmp_path / "data")
    try:
        [entry] = ExportLog(store).entries()
    finally:
        store.close()
    assert (entry.kind, entry.record_count, entry.actor, entry.encrypted) == (
        "csv", 1, "Trần Thị Lan", False)
    assert entry.file_path == str(target.resolve())


def test_set_aside_needs_a_confirmation_and_keeps_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], store_keyring: MemoryKeyring
) -> None:
    data = str(tmp_path / "data")
    run(capsys, "profile", "--data-dir", data, "--name", "Lan", "--neighbourhood", "HT01")
    store_keyring.entries.clear()  # the key is lost
    status, _, err = run(capsys, "profile", "--data-dir", data, "--lang", "en")
    assert status == FAILED and "not in this computer's keyring" in err
    status, out, _ = run(capsys, "protection", "set-aside", "--yes", "--data-dir", data,
                         "--lang", "en")
    assert status == OK and "Nothing was deleted" in out
    [kept] = (tmp_path / "data").glob("unreadable-*")
    assert (kept / "hotroso.sqlite3").stat().st_size > 0
    assert run(capsys, "profile", "--data-dir", data)[0] == OK  # a fresh start
