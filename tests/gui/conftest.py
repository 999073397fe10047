"""Fixtures for driving the real GUI offscreen: a store in tmp, the worker threads, a window.

``type_text`` types any text, Vietnamese included, one QKeyEvent per character:
``qtbot.keyClicks`` aborts the whole process on non-ASCII characters (see stack-notes).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from desktop.app import LaptopApp
from desktop.gui.app import application, create_main_window, open_laptop
from desktop.gui.i18n import Translations
from desktop.gui.main_window import MainWindow
from desktop.gui.settings import UiSettings
from desktop.gui.tasks import TaskRunner
from desktop.store.clock import fixed_clock
from sync.contract.record import AssistanceRecord, Gender, Place, RecordStatus, Result

#: 09:00 in Vietnam on a Thursday; every test runs at this moment.
NOW = datetime(2026, 5, 14, 2, 0, tzinfo=UTC)
NEIGHBOURHOOD = "HT03"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The offscreen platform warns that it cannot resize native windows; harmless here.
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_ignore("propagateSizeHints"))


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` into ``widget`` as key presses, one character at a time."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier,
                                                     ch))


def press(widget: QWidget, key: Qt.Key,
          modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key press as the window system would deliver it (so menu shortcuts fire)."""
    QTest.keyClick(widget, key, modifiers)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


@pytest.fixture(scope="session")
def qapp_cls() -> type[QApplication]:
    return QApplication


@pytest.fixture
def app(qapp: QApplication) -> QApplication:
    return application()


@pytest.fixture
def translations(app: QApplication) -> Iterator[Translations]:
    tr = Translations()
    tr.set_language("vi")
    yield tr
    tr.set_language("vi")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def tasks(app: QApplication) -> Iterator[TaskRunner]:
    runner = TaskRunner(progress_delay_ms=600)
    yield runner
    runner.shutdown()


@pytest.fixture
def laptop(data_dir: Path, tasks: TaskRunner) -> Iterator[LaptopApp]:
    """The application layer as the GUI opens it (its sync writes on the database worker),
    with a volunteer profile."""
    opened = open_laptop(data_dir, tasks, clock=fixed_clock(NOW))
    opened.profile.save(volunteer_name="Trần Thị Lan", neighbourhood_code=NEIGHBOURHOOD,
                        language="vi", server_url="")
    yield opened
    tasks.shutdown()  # no job may still use the store
    opened.close()


@pytest.fixture
def window(qtbot, laptop: LaptopApp, tasks: TaskRunner,  # type: ignore[no-untyped-def]
           translations: Translations, data_dir: Path) -> MainWindow:
    win = create_main_window(laptop, tasks, translations, UiSettings(data_dir),
                             now=fixed_clock(NOW))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    with qtbot.waitSignal(win.list_updated, timeout=5000):
        win.start()
    return win


def make_record(laptop: LaptopApp, **overrides: object) -> AssistanceRecord:
    """A final record stored directly through the application layer (test set-up, not the
    thing tested)."""
    profile = laptop.profile.current
    assert profile is not None
    ref = laptop.reference
    values: dict[str, object] = {
        "device_id": str(profile.device_id), "volunteer_name": profile.volunteer_name,
        "created_at": NOW, "updated_at": NOW, "assisted_on": NOW.date(),
        "status": RecordStatus.FINAL, "ward_code": ref.ward.code, "ward_name": ref.ward.name,
        "neighbourhood_code": NEIGHBOURHOOD,
        "neighbourhood_name": ref.neighbourhoods[NEIGHBOURHOOD].name,
        "full_name": "Nguyễn Thị Hoà", "birth_year": 1985, "gender": Gender.FEMALE,
        "cccd": "022185012345", "category": "VNEID_INSTALL", "place": Place.WARD_DESK,
        "result": Result.COMPLETED, "consent": True, "consent_at": NOW,
        "consent_method": "verbal", "consent_notice_version": ref.consent.version,
    }
    values.update(overrides)
    return laptop.records.save(AssistanceRecord(**values)).value  # type: ignore[arg-type]
