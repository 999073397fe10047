"""The GUI side of encryption at rest: the passphrase asked at start-up (a wrong one changes
nothing), a new passphrase where there is no keyring or on a USB stick, the choice in the
first run, Settings → Data protection, and the warning before a CSV/XLSX export."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from keyring.backends import null
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog
from pytestqt.qtbot import QtBot

from desktop.gui.app import apply_protection_choice, apply_setup
from desktop.gui.export_warning import PersonalExportWarning
from desktop.gui.first_run import FirstRunDialog
from desktop.gui.i18n import Translations
from desktop.gui.main_window import MainWindow
from desktop.gui.passphrase_dialog import CREATE, ENTER, PassphraseDialog
from desktop.gui.protection_choice import ProtectionChoiceBox, ProtectionDialog
from desktop.gui.services import StoreServices
from desktop.gui.tasks import TaskRunner
from desktop.gui.transfer import run_export
from desktop.gui.unlock import open_app_store
from desktop.paths import database_path
from desktop.store import Store, keys
from desktop.store.clock import fixed_clock
from desktop.store.exports import ExportLog
from desktop.store.keys import OsKeyring, new_passphrase
from desktop.store.protection import FileKind, Mode, inspect, open_store
from tests.gui.conftest import NOW, make_record, type_text

PASSPHRASE = "Tổ công nghệ số khu 7"


class Typist:
    """A dialog factory that types the next answer into each passphrase dialog it makes
    (a tuple: several tries in the same dialog; None: Cancel)."""

    def __init__(self, *answers: str | tuple[str, ...] | None) -> None:
        self.answers = list(answers)
        self.seen: list[PassphraseDialog] = []

    def __call__(self, mode: str = ENTER, **kwargs: Any) -> PassphraseDialog:
        typist = self

        class Answered(PassphraseDialog):
            def exec(self) -> int:
                typist.seen.append(self)
                answer = typist.answers.pop(0)
                if answer is None:
                    return QDialog.DialogCode.Rejected.value
                for attempt in (answer,) if isinstance(answer, str) else answer:
                    self.passphrase.clear()
                    self.again.clear()
                    type_text(self.passphrase, attempt)
                    if self.mode == CREATE:
                        type_text(self.again, attempt)
                    self._on_ok()
                return self.result()

        return Answered(mode, **kwargs)


@pytest.fixture
def tasks(qapp: Any) -> Iterator[TaskRunner]:
    runner = TaskRunner(progress_delay_ms=600)
    yield runner
    runner.shutdown()


def test_a_wrong_passphrase_at_start_up_asks_again_and_changes_nothing(
    qtbot: QtBot, translations: Translations, tasks: TaskRunner, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    open_store(data, passphrase=new_passphrase(PASSPHRASE)).close()
    before = {p.name: p.read_bytes() for p in data.iterdir()}
    typist = Typist("tổ công nghệ số khu 7", None)

    assert open_app_store(tasks, data, dialog_factory=typist) is None  # cancelled the 2nd

    assert {p.name: p.read_bytes() for p in data.iterdir()} == before
    first, second = typist.seen
    assert first.mode == ENTER and not first.problem.isVisible()
    assert "Sai mật khẩu" in second.problem.text()

    typist = Typist("wrong one", PASSPHRASE)
    store = open_app_store(tasks, data, dialog_factory=typist)
    assert store is not None and len(typist.seen) == 2
    store.close()


def test_without_a_keyring_a_new_passphrase_is_chosen_and_checked(
    qtbot: QtBot, translations: Translations, tasks: TaskRunner, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(keys, "default_keystore", lambda: OsKeyring(null.Keyring()))
    data = tmp_path / "data"
    typist = Typist(("ngắn", PASSPHRASE))
    store = open_app_store(tasks, data, dialog_factory=typist)
    assert store is not None
    store.close()
    [dialog] = typist.seen
    assert dialog.mode == CREATE and "kho khoá" in dialog.reason.text()
    assert "8 ký tự" in dialog.problem.text()  # the short one was refused in the dialog
    assert inspect(data).mode is Mode.PASSPHRASE
    assert open_app_store(tasks, data, dialog_factory=Typist(PASSPHRASE)) is not None


def test_a_usb_stick_asks_for_a_passphrase_even_with_a_keyring(
    qtbot: QtBot, translations: Translations, tasks: TaskRunner, tmp_path: Path
) -> None:
    typist = Typist(PASSPHRASE)
    store = open_app_store(tasks, tmp_path / "stick", portable=True, dialog_factory=typist)
    assert store is not None
    store.close()
    assert "USB" in typist.seen[0].reason.text()
    assert inspect(tmp_path / "stick").mode is Mode.PASSPHRASE


def test_a_plain_database_is_encrypted_at_the_first_start(
    qtbot: QtBot, translations: Translations, tasks: TaskRunner, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    plain = Store.open(data, clock=fixed_clock(NOW))
    services = StoreServices(plain)
    services.save_profile(volunteer_name="Trần Thị Lan", neighbourhood_code="HT03",
                          language="vi", server_url="")
    make_record(services)
    plain.close()
    assert database_path(data).read_bytes().startswith(b"SQLite format 3")
    store = open_app_store(tasks, data, clock=fixed_clock(NOW))
    assert store is not None
    try:
        assert inspect(data).kind is FileKind.ENCRYPTED
        assert len(StoreServices(store).records.query_ids()) == 1
    finally:
        store.close()


def test_the_first_run_offers_keyring_or_passphrase(
    qtbot: QtBot, translations: Translations, tasks: TaskRunner, tmp_path: Path
) -> None:
    store = open_app_store(tasks, tmp_path / "fresh", clock=fixed_clock(NOW))
    assert store is not None
    services = StoreServices(store)
    try:
        box = ProtectionChoiceBox(services.protection_mode(),
                                  keyring_available=services.keyring_available())
        dialog = FirstRunDialog(store.reference, translations, today=store.today(),
                                protection=box)
        qtbot.addWidget(dialog)
        dialog.show()
        assert box.keyring.isChecked() and not box.fields.isVisible()
        type_text(dialog.name, "Phan Thị Ngọc")
        box.passphrase_mode.setChecked(True)
        assert box.fields.isVisible() and "quên" in box.note.text()
        type_text(box.passphrase, PASSPHRASE)
        type_text(box.again, PASSPHRASE + "!")
        qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
        assert dialog.problem.isVisible() and "không khớp" in dialog.problem.text()
        box.again.clear()
        type_text(box.again, PASSPHRASE)
        qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
        assert dialog.result() == QDialog.DialogCode.Accepted
        tasks.call_in_db_thread_blocking(lambda: apply_setup(services, dialog.choices()))
        apply_protection_choice(services, tasks, box)
        assert inspect(store.data_dir).mode is Mode.PASSPHRASE
        assert services.profile() is not None  # the same store, re-encrypted, goes on
    finally:
        services.close()


def test_settings_change_the_protection_and_back(
    qtbot: QtBot, translations: Translations, tasks: TaskRunner, tmp_path: Path
) -> None:
    store = open_app_store(tasks, tmp_path / "data", clock=fixed_clock(NOW))
    assert store is not None
    services = StoreServices(store)
    services.save_profile(volunteer_name="Trần Thị Lan", neighbourhood_code="HT03",
                          language="vi", server_url="")
    make_record(services)
    try:
        dialog = ProtectionDialog(services, tasks)
        qtbot.addWidget(dialog)
        dialog.show()
        assert "kho khoá" in dialog.state.text()
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
        assert "Không có gì" in dialog.result.text()
        dialog.choice.passphrase_mode.setChecked(True)
        type_text(dialog.choice.passphrase, "ngắn")
        type_text(dialog.choice.again, "ngắn")
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
        assert "8 ký tự" in dialog.result.text()
        for field in (dialog.choice.passphrase, dialog.choice.again):
            field.clear()
            type_text(field, PASSPHRASE)
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "Xong" in dialog.result.text(), timeout=10000)
        assert inspect(store.data_dir).mode is Mode.PASSPHRASE
        assert "mật khẩu" in dialog.state.text()
        assert not dialog.choice.passphrase.text()
        dialog.choice.keyring.setChecked(True)
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "kho khoá" in dialog.state.text(), timeout=10000)
        assert inspect(store.data_dir).mode is Mode.KEYRING
        assert len(services.records.query_ids()) == 1
    finally:
        services.close()


def test_an_export_says_what_the_file_will_hold_and_is_logged(
    qtbot: QtBot, window: MainWindow, services: StoreServices, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_record(services)
    target = tmp_path / "xuat.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: (str(target), ""))
    shown: list[PersonalExportWarning] = []
    answer = {"export": False}

    def confirmed(self: PersonalExportWarning) -> bool:
        shown.append(self)
        return answer["export"]

    monkeypatch.setattr(PersonalExportWarning, "confirmed", confirmed)
    run_export(window)
    assert not target.exists()  # Cancel: nothing written
    [warning] = shown
    assert "CCCD" in warning.text() and "xuat.csv" in warning.text()
    assert warning.defaultButton() is warning.cancel_button

    answer["export"] = True
    with qtbot.waitSignal(window.exported, timeout=10000):
        run_export(window)
    assert target.exists()
    if os.name == "posix":
        assert target.stat().st_mode & 0o777 == 0o600
    [entry] = window.tasks.call_in_db_thread_blocking(
        lambda: ExportLog(services.store).entries())
    assert (entry.kind, entry.record_count, entry.actor) == ("csv", 1, "Trần Thị Lan")


def test_the_export_warning_really_asks(qtbot: QtBot, translations: Translations,
                                        tmp_path: Path) -> None:
    warning = PersonalExportWarning(tmp_path / "a.xlsx")
    qtbot.addWidget(warning)
    warning.show()
    warning.export_button.click()
    assert warning.clickedButton() is warning.export_button
    assert "không được bảo vệ" in warning.text()
