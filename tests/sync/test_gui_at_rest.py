"""The acceptance test of encryption at rest: a record with a known CCCD and phone saved
through the GUI, another one left half-typed (the autosave), a USB bundle exported; with the
app closed, neither number (as text, as bare digits, as UTF-16) nor the names are in any file
under the data folder or in the bundle, and every file is the user's own.

Runs the GUI (offscreen) with the real ward server (subprocess, SQLite) for the enrolment and
the bundle import; the GUI fixtures are those of tests/gui.
"""

from __future__ import annotations

import io
import logging
import os
import unicodedata
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from desktop.gui.app import application, create_main_window, laptop_on
from desktop.gui.i18n import Translations
from desktop.gui.log_setup import configure_logging
from desktop.gui.main_window import MainWindow
from desktop.gui.settings import UiSettings
from desktop.gui.tasks import TaskRunner
from desktop.gui.unlock import open_app_store
from desktop.store.clock import fixed_clock
from desktop.store.exports import ExportLog
from desktop.store.protection import Mode, inspect
from sync.server import cli
from tests.gui.conftest import NEIGHBOURHOOD, NOW, focused, press, type_text
from tests.keyrings import MemoryKeyring
from tests.sync.conftest import issue_code, version_counts
from tests.sync.ward import WardServer

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
CTRL = Qt.KeyboardModifier.ControlModifier

SAVED = {"name": "Vũ Thị Thanh Hương", "cccd": "001190023456", "phone": "0987654321"}
TYPED = {"name": "Đặng Văn Quyết", "cccd": "001090065432", "phone": "0977111222"}


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """Only the SQLite ward here (overrides the two-database fixture of the sync conftest)."""
    return f"sqlite:///{tmp_path / 'ward.sqlite3'}"


def forms_of(value: str) -> set[bytes]:
    """Every way a value could sit in a file: UTF-8 (NFC and NFD), UTF-16 LE/BE, digits only,
    and for a phone its national and international spellings."""
    texts = {value, unicodedata.normalize("NFD", value)}
    digits = "".join(c for c in value if c.isdigit())
    if digits:
        texts.add(digits)
        if digits.startswith("0") and len(digits) == 10:
            texts |= {"84" + digits[1:], "+84" + digits[1:], digits[1:]}
    found: set[bytes] = set()
    for text in texts:
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            found.add(text.encode(encoding))
    return found


def leaks(paths: list[Path], *values: str) -> list[str]:
    return [f"{path.name} holds {needle!r}" for path in paths for value in values
            for needle in forms_of(value) if needle in path.read_bytes()]


def enter_record(qtbot: QtBot, window: MainWindow, person: dict[str, str], birth: str) -> None:
    """The keyboard path of tests/gui/test_entry.py, with this person's data."""
    window.form.setFocus()
    type_text(focused(), person["name"])
    press(focused(), Qt.Key.Key_Return)
    type_text(focused(), birth)
    press(focused(), Qt.Key.Key_Tab)
    press(focused(), Qt.Key.Key_Down)
    press(focused(), Qt.Key.Key_Down)  # Nữ
    press(focused(), Qt.Key.Key_Tab)
    type_text(focused(), person["cccd"])
    press(focused(), Qt.Key.Key_Tab)
    press(focused(), Qt.Key.Key_Tab)
    type_text(focused(), person["phone"])


def test_nothing_typed_in_the_app_is_readable_in_its_files_or_its_bundle(
    qtbot: QtBot, ward: WardServer, ward_db: Engine, db_url: str, tmp_path: Path,
    store_keyring: MemoryKeyring,
) -> None:
    data = tmp_path / "laptop"
    logs = tmp_path / "logs"  # the app's log folder (beside the data in portable mode)
    handlers = configure_logging(io.StringIO(), folder=logs)
    try:
        run_the_app_and_check(qtbot, ward, ward_db, db_url, tmp_path, data, logs)
    finally:
        for handler in handlers:
            logging.getLogger().removeHandler(handler)
            handler.close()


def run_the_app_and_check(qtbot: QtBot, ward: WardServer, ward_db: Engine, db_url: str,
                          tmp_path: Path, data: Path, logs: Path) -> None:
    application()
    translations = Translations()
    translations.set_language("vi")
    tasks = TaskRunner()
    store = open_app_store(tasks, data, clock=fixed_clock(NOW))  # the start-up path
    assert store is not None and inspect(data).mode is Mode.KEYRING
    laptop = laptop_on(store, tasks)
    tasks.on_db_worker(lambda: laptop.profile.save(
        volunteer_name="Trần Thị Lan", neighbourhood_code=NEIGHBOURHOOD, language="vi",
        server_url=""))
    code = issue_code(ward_db, neighbourhood=NEIGHBOURHOOD)
    laptop.sync.enroll(ward.url, code, ca_cert=None, device_label="Trần Thị Lan")
    window = create_main_window(laptop, tasks, translations, UiSettings(data),
                                now=fixed_clock(NOW))
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.list_updated, timeout=5000):
        window.start()

    # A record saved with its CCCD and phone, typed as a volunteer types them.
    enter_record(qtbot, window, SAVED, "05/06/1990")
    press(focused(), Qt.Key.Key_Tab)
    type_text(focused(), "Tổ 2, khu 3")
    press(focused(), Qt.Key.Key_Tab)
    press(focused(), Qt.Key.Key_Down)  # a category
    press(focused(), Qt.Key.Key_Tab)
    press(focused(), Qt.Key.Key_Down)  # completed
    window.form.consent.setChecked(True)
    window.form.place.setCurrentIndex(1)
    with qtbot.waitSignal(window.record_saved, timeout=5000) as saved:
        press(window.form.full_name, Qt.Key.Key_Return, CTRL)  # save, then a new record
    assert (saved.args[0].cccd, saved.args[0].phone) == (SAVED["cccd"], "+84987654321")

    # Another one half-typed: the autosave keeps it (in the store) when the app closes.
    enter_record(qtbot, window, TYPED, "1990")
    window.autosave.write_now()

    # The USB bundle, through File → Export data bundle.
    bundle = tmp_path / "usb" / "lan.hotroso-bundle"
    bundle.parent.mkdir()
    with qtbot.waitSignal(window.exported, timeout=10000):
        window.sync_panel.start_export_bundle(bundle)

    # The automatic sync (after enrolment, after the save) ends before the app closes.
    window.sync.stop()
    qtbot.waitUntil(lambda: not window.sync.running, timeout=15000)
    window.close()  # writes the autosave and the window settings
    tasks.shutdown()
    laptop.close()

    for handler in logging.getLogger().handlers:
        handler.flush()
    files = sorted(p for p in [*data.rglob("*"), *logs.rglob("*")] if p.is_file())
    names = {p.name for p in files}
    assert {"hotroso.sqlite3", "gui.ini", "hotroso.log"} <= names
    assert not names & {"form-autosave.json", "form-autosave.tmp"}
    assert not [n for n in names if n.endswith((".bak", "-journal"))]
    assert leaks([*files, bundle], *SAVED.values(), *TYPED.values()) == []
    if os.name == "posix":
        assert data.stat().st_mode & 0o777 == 0o700 and logs.stat().st_mode & 0o777 == 0o700
        assert {p.name: oct(p.stat().st_mode & 0o777) for p in [*files, bundle]} == {
            p.name: oct(0o600) for p in [*files, bundle]}

    # Encrypted, not lost: the next start has the record and puts the half-typed one back.
    tasks = TaskRunner()
    store = open_app_store(tasks, data, clock=fixed_clock(NOW))
    assert store is not None
    laptop = laptop_on(store, tasks)
    try:
        draft = tasks.on_db_worker(laptop.drafts.load)
        assert draft is not None and TYPED["name"] in str(draft.values())
        [entry] = ExportLog(store).entries()
        assert (entry.kind, entry.record_count, entry.encrypted) == ("bundle", 1, True)
    finally:
        tasks.shutdown()
        laptop.close()
    # And the ward reads the bundle (the record may have arrived by the automatic sync too).
    assert cli.main(["import-bundle", str(bundle), "--db", db_url]) == 0
    assert version_counts(ward_db) == (1, 1)
