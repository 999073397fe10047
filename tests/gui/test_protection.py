"""The GUI side of encryption at rest beyond the start-up dialogs (tests/gui/test_unlock.py):
a plain database encrypted at the first start, the choice in the first run, Settings → Data
protection, and the warning before a CSV/XLSX export."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog
from pytestqt.qtbot import QtBot

from desktop.app import LaptopApp
from desktop.app.types import RecordFilter, RecordSort
from desktop.gui.app import apply_protection_choice, apply_setup, laptop_on
from desktop.gui.export_warning import PersonalExportWarning
from desktop.gui.first_run import FirstRunDialog
from desktop.gui.i18n import Translations
from desktop.gui.main_window import MainWindow
from desktop.gui.protection_choice import ProtectionChoiceBox, ProtectionDialog
from desktop.gui.tasks import TaskRunner
from desktop.gui.unlock import open_app_store
from desktop.paths import database_path
from desktop.store import Store
from desktop.store.clock import fixed_clock
from desktop.store.exports import ExportLog
from desktop.store.protection import FileKind, Mode, inspect
from tests.gui.conftest import NOW, make_record, type_text

PASSPHRASE = "Tổ công nghệ số khu 7"


@pytest.fixture
def tasks(qapp: Any) -> Iterator[TaskRunner]:
    runner = TaskRunner(progress_delay_ms=600)
    yield runner
    runner.shutdown()


def opened(tasks: TaskRunner, data: Path) -> LaptopApp:
    """The laptop opened through the start-up path (the keyring of tests/conftest.py)."""
    store = open_app_store(tasks, data, clock=fixed_clock(NOW))
    assert store is not None
    return laptop_on(store, tasks)


def with_profile(laptop: LaptopApp, tasks: TaskRunner) -> LaptopApp:
    tasks.on_db_worker(lambda: laptop.profile.save(
        volunteer_name="Trần Thị Lan", neighbourhood_code="HT03", language="vi",
        server_url=""))
    return laptop


def record_count(laptop: LaptopApp, tasks: TaskRunner) -> int:
    return len(tasks.on_db_worker(lambda: laptop.records.query(RecordFilter(),
                                                               RecordSort())).ids)


def test_a_plain_database_is_encrypted_at_the_first_start(
    qtbot: QtBot, translations: Translations, tasks: TaskRunner, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    plain = LaptopApp(Store.open(data, clock=fixed_clock(NOW)))  # as before encryption
    plain.profile.save(volunteer_name="Trần Thị Lan", neighbourhood_code="HT03",
                       language="vi", server_url="")
    make_record(plain)
    plain.close()
    assert database_path(data).read_bytes().startswith(b"SQLite format 3")
    laptop = opened(tasks, data)
    try:
        assert inspect(data).kind is FileKind.ENCRYPTED
        assert record_count(laptop, tasks) == 1
    finally:
        tasks.shutdown()
        laptop.close()


def test_the_first_run_offers_keyring_or_passphrase(
    qtbot: QtBot, translations: Translations, tasks: TaskRunner, tmp_path: Path
) -> None:
    laptop = opened(tasks, tmp_path / "fresh")
    try:
        box = ProtectionChoiceBox(laptop.protection.mode(),
                                  keyring_available=laptop.protection.keyring_available())
        dialog = FirstRunDialog(laptop.reference, translations, today=laptop.today(),
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
        choices = dialog.choices()
        tasks.on_db_worker(lambda: apply_setup(laptop, choices))
        apply_protection_choice(laptop, tasks, box)
        assert inspect(laptop.data_dir).mode is Mode.PASSPHRASE
        # The same store, re-encrypted, goes on.
        assert tasks.on_db_worker(laptop.profile.load) is not None
    finally:
        tasks.shutdown()
        laptop.close()


def test_settings_change_the_protection_and_back(
    qtbot: QtBot, translations: Translations, tasks: TaskRunner, tmp_path: Path
) -> None:
    laptop = with_profile(opened(tasks, tmp_path / "data"), tasks)
    tasks.on_db_worker(lambda: make_record(laptop))
    changes: list[Any] = []
    tasks.changed.connect(changes.append)
    try:
        dialog = ProtectionDialog(laptop, tasks)
        qtbot.addWidget(dialog)
        dialog.show()
        assert "kho khoá" in dialog.state.text()
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
        assert "Không có gì" in dialog.outcome.text()
        dialog.choice.passphrase_mode.setChecked(True)
        type_text(dialog.choice.passphrase, "ngắn")
        type_text(dialog.choice.again, "ngắn")
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
        assert "8 ký tự" in dialog.outcome.text()
        for field in (dialog.choice.passphrase, dialog.choice.again):
            field.clear()
            type_text(field, PASSPHRASE)
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "Xong" in dialog.outcome.text(), timeout=10000)
        assert inspect(laptop.data_dir).mode is Mode.PASSPHRASE
        assert "mật khẩu" in dialog.state.text()
        assert not dialog.choice.passphrase.text()
        assert any(change.settings for change in changes)  # told through the one signal
        dialog.choice.keyring.setChecked(True)
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "kho khoá" in dialog.state.text(), timeout=10000)
        assert inspect(laptop.data_dir).mode is Mode.KEYRING
        assert record_count(laptop, tasks) == 1
    finally:
        tasks.shutdown()
        laptop.close()


def test_settings_open_the_data_protection_dialog(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown: list[ProtectionDialog] = []
    monkeypatch.setattr(ProtectionDialog, "open", lambda self: shown.append(self))
    from desktop.gui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(window.app, window.tasks, today=window.today(), parent=window)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.protection_button, Qt.MouseButton.LeftButton)
    [protection] = shown
    assert protection.choice.current is Mode.KEYRING


def test_an_export_says_what_the_file_will_hold_and_is_logged(
    qtbot: QtBot, window: MainWindow, laptop: LaptopApp, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window.tasks.on_db_worker(lambda: make_record(laptop))
    target = tmp_path / "xuat.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: (str(target), ""))
    shown: list[PersonalExportWarning] = []
    answer = {"export": False}

    def confirmed(self: PersonalExportWarning) -> bool:
        shown.append(self)
        return answer["export"]

    monkeypatch.setattr(PersonalExportWarning, "confirmed", confirmed)
    window.files.run_export()
    assert not target.exists()  # Cancel: nothing written
    [warning] = shown
    assert "CCCD" in warning.text() and "xuat.csv" in warning.informativeText()
    assert warning.defaultButton() is warning.cancel_button

    answer["export"] = True
    with qtbot.waitSignal(window.exported, timeout=10000):
        window.files.run_export()
    assert target.exists()
    if os.name == "posix":
        assert target.stat().st_mode & 0o777 == 0o600
    [entry] = window.tasks.on_db_worker(lambda: ExportLog(laptop.store).entries())
    assert (entry.kind, entry.record_count, entry.actor) == ("csv", 1, "Trần Thị Lan")


def test_the_export_warning_really_asks(qtbot: QtBot, translations: Translations,
                                        tmp_path: Path) -> None:
    warning = PersonalExportWarning(tmp_path / "a.xlsx")
    qtbot.addWidget(warning)
    warning.show()
    warning.export_button.click()
    assert warning.clickedButton() is warning.export_button
    assert "KHÔNG được bảo vệ" in warning.text()
