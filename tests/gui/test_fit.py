"""Every window fits a 1280×720 screen in both languages; nothing grows the window back; and
wrapped messages are never clipped (their height follows their width)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from desktop.app import LaptopApp
from desktop.app.types import ImportReport, RowProblem
from desktop.gui.errors import report_failure
from desktop.gui.first_run import FirstRunDialog
from desktop.gui.i18n import Translations
from desktop.gui.main_window import MainWindow
from desktop.gui.transfer import ImportReportDialog
from sync.contract.record import Result
from tests.gui.conftest import make_record, type_text
from tests.gui.fit import SCREEN_H, SCREEN_W, clipped_labels, settle, too_big

LANGUAGES = ["vi", "en"]


def _shown_dialog(qtbot: QtBot, name: str) -> QWidget:
    qtbot.waitUntil(lambda: any(w.objectName() == name and w.isVisible()
                                for w in QApplication.topLevelWidgets()), timeout=5000)
    widget = next(w for w in QApplication.topLevelWidgets()
                  if w.objectName() == name and w.isVisible())
    settle()
    return widget


def _open_settings(qtbot: QtBot, window: MainWindow, laptop: LaptopApp) -> QWidget:
    window.act_settings.trigger()
    return _shown_dialog(qtbot, "settings_dialog")


def _open_first_run(qtbot: QtBot, window: MainWindow, laptop: LaptopApp) -> QWidget:
    from desktop.gui.i18n import current_language

    translations = Translations()
    dialog = FirstRunDialog(laptop.reference, translations, today=laptop.today())
    qtbot.addWidget(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData(current_language()))
    dialog.show()
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)  # shows its problem
    settle()
    return dialog


def _open_start_meeting(qtbot: QtBot, window: MainWindow, laptop: LaptopApp) -> QWidget:
    window.act_meeting_start.trigger()
    return _shown_dialog(qtbot, "start_meeting_dialog")


def _open_meeting_summary(qtbot: QtBot, window: MainWindow, laptop: LaptopApp) -> QWidget:
    meeting = laptop.meetings.start(place="Nhà văn hoá khu 3", on=laptop.today(), host="Lan",
                                    neighbourhood_code="HT03").value
    for name, result in (("Bùi Văn Hải", Result.COMPLETED), ("Bùi Thị Hà", Result.DECLINED)):
        make_record(laptop, full_name=name, cccd=None, meeting_id=meeting.id, result=result,
                    reason="Không muốn" if result == Result.DECLINED else "")
    window.meetings.on_loaded(meeting)
    window.act_meeting_end.trigger()
    return _shown_dialog(qtbot, "meeting_summary_dialog")


def _open_follow_ups(qtbot: QtBot, window: MainWindow, laptop: LaptopApp) -> QWidget:
    make_record(laptop, full_name="Hồ Văn Sơn", cccd=None, result=Result.FOLLOW_UP,
                follow_up_date=date(2026, 5, 20))
    window.act_follow_ups.trigger()
    return _shown_dialog(qtbot, "follow_ups_dialog")


def _open_history(qtbot: QtBot, window: MainWindow, laptop: LaptopApp) -> QWidget:
    record = make_record(laptop)
    window.open_record(record.id)
    qtbot.waitUntil(lambda: window.form.editing is not None, timeout=3000)
    window.act_history.trigger()
    return _shown_dialog(qtbot, "history_dialog")


def _open_sync_history(qtbot: QtBot, window: MainWindow, laptop: LaptopApp) -> QWidget:
    window.act_sync_history.trigger()
    return _shown_dialog(qtbot, "sync_history_dialog")


def _open_import_report(qtbot: QtBot, window: MainWindow, laptop: LaptopApp) -> QWidget:
    from pathlib import Path

    report = ImportReport(file=Path("danh-sach-khu-3-thang-5.xlsx"), batch_id=1, rows=120,
                          stored=100, already_present=5,
                          unknown_headers=["Ghi chú thêm của tổ trưởng", "Cột 17"])
    report.problems = [RowProblem(n, "cccd", "format", "Số CCCD phải có đúng 12 chữ số.",
                                  "A CCCD number has exactly 12 digits.") for n in range(2, 17)]
    dialog = ImportReportDialog(report, window)
    dialog.show()
    settle()
    return dialog


def _open_failure(qtbot: QtBot, window: MainWindow, laptop: LaptopApp) -> QWidget:
    try:
        raise ZeroDivisionError("division by zero")
    except ZeroDivisionError as exc:
        dialog = report_failure(window, exc)
    settle()
    return dialog


def _open_about(qtbot: QtBot, window: MainWindow, laptop: LaptopApp) -> QWidget:
    window.act_about.trigger()
    return _shown_dialog(qtbot, "about_box")


def _open_unsaved(qtbot: QtBot, window: MainWindow, laptop: LaptopApp) -> QWidget:
    type_text(window.form.full_name, "Đinh Thị Yến")
    window.act_new.trigger()
    return _shown_dialog(qtbot, "unsaved_edits")


def _open_cannot_sync(qtbot: QtBot, window: MainWindow, laptop: LaptopApp) -> QWidget:
    qtbot.waitUntil(lambda: window.sync.status is not None, timeout=3000)
    window.act_sync.trigger()
    return _shown_dialog(qtbot, "cannot_sync")


def _open_data_protection(qtbot: QtBot, window: MainWindow, laptop: LaptopApp) -> QWidget:
    settings = _open_settings(qtbot, window, laptop)
    settings.findChild(QPushButton, "data_protection").click()  # type: ignore[union-attr]
    return _shown_dialog(qtbot, "protection_dialog")


def _open_new_passphrase(qtbot: QtBot, window: MainWindow, laptop: LaptopApp) -> QWidget:
    from desktop.gui.passphrase_dialog import CREATE, PassphraseDialog

    dialog = PassphraseDialog(CREATE, reason="This computer has no keyring to keep the data "
                              "key in, so the records are protected with a passphrase.",
                              problem="The two passphrases differ.")
    qtbot.addWidget(dialog)
    dialog.show()
    settle()
    return dialog


def _open_export_warning(qtbot: QtBot, window: MainWindow, laptop: LaptopApp) -> QWidget:
    from pathlib import Path

    from desktop.gui.export_warning import PersonalExportWarning

    dialog = PersonalExportWarning(Path("/home/lan/Tài liệu/xuat-khu-3.xlsx"), window)
    dialog.show()
    settle()
    return dialog


def _open_withdraw_consent(qtbot: QtBot, window: MainWindow, laptop: LaptopApp) -> QWidget:
    make_record(laptop, full_name="Nguyễn Thị Hoà")
    window.refresh_list()
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=3000)
    window.table.selectRow(0)
    window.findChild(QAction, "act_withdraw_consent").trigger()  # type: ignore[union-attr]
    return _shown_dialog(qtbot, "confirm_withdraw_consent")


DIALOGS: dict[str, Callable[[QtBot, MainWindow, LaptopApp], QWidget]] = {
    "data_protection": _open_data_protection, "new_passphrase": _open_new_passphrase,
    "export_warning": _open_export_warning, "withdraw_consent": _open_withdraw_consent,
    "settings": _open_settings, "first_run": _open_first_run,
    "start_meeting": _open_start_meeting, "meeting_summary": _open_meeting_summary,
    "follow_ups": _open_follow_ups, "history": _open_history,
    "sync_history": _open_sync_history, "import_report": _open_import_report,
    "failure": _open_failure, "about": _open_about, "unsaved": _open_unsaved,
    "cannot_sync": _open_cannot_sync,
}


@pytest.mark.parametrize("size", [(SCREEN_W, SCREEN_H), (1366, 768)])
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_main_window_fits_1280_by_720(qtbot: QtBot, window: MainWindow, laptop: LaptopApp,
                                          translations: Translations, language: str,
                                          size: tuple[int, int]) -> None:
    # A meeting running and records in the list, as at a neighbourhood meeting.
    for n in range(30):
        make_record(laptop, full_name=f"Người Thứ {chr(65 + n % 26)}{chr(97 + n // 26)}", cccd=None)
    meeting = laptop.meetings.start(place="Nhà văn hoá khu 3", on=laptop.today(), host="Lan",
                                    neighbourhood_code="HT03").value
    window.meetings.on_loaded(meeting)
    window.refresh_list()
    qtbot.waitUntil(lambda: window.model.rowCount() == 30, timeout=3000)
    translations.set_language(language)
    window.resize(*size)
    settle(300)
    hint = window.minimumSizeHint()
    assert hint.width() <= SCREEN_W and hint.height() <= SCREEN_H
    if size == (SCREEN_W, SCREEN_H):
        assert too_big(window) is None
    # Every primary action of the form is on screen: no part of a button is cut off.
    for button in (window.form.save_button, window.form.save_next_button,
                   window.form.save_draft_button, window.form.clear_button,
                   window.sync_button):
        corner = button.mapTo(window, button.rect().bottomRight())
        assert button.isVisible() and corner.x() < size[0] and corner.y() < size[1], \
            button.objectName()
        assert button.width() >= button.minimumSizeHint().width(), button.objectName()
    assert clipped_labels(window) == []


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", list(DIALOGS))
def test_every_dialog_fits_1280_by_720(qtbot: QtBot, window: MainWindow, laptop: LaptopApp,
                                       translations: Translations, language: str,
                                       name: str) -> None:
    translations.set_language(language)
    settle()
    dialog = DIALOGS[name](qtbot, window, laptop)
    assert too_big(dialog) is None
    assert clipped_labels(dialog) == []
    dialog.close()


def test_nothing_grows_the_window_back(qtbot: QtBot, window: MainWindow,
                                       translations: Translations) -> None:
    """A filter error, a language switch, a long sync message, a failed save's summary: the
    window keeps the size the volunteer gave it (here its smallest)."""
    window.resize(window.minimumSize())
    settle()
    size = window.size()
    hint = window.minimumSizeHint()

    def unchanged(step: str) -> None:
        settle()
        assert window.size() == size, step
        grown = window.minimumSizeHint()
        assert grown.width() <= max(hint.width(), size.width()), step
        assert grown.width() <= SCREEN_W and grown.height() <= SCREEN_H, step

    type_text(window.filters.date_from, "31/02/2026x")
    assert window.filters.problem.isVisible()
    unchanged("filter error")
    window.filters.category.setCurrentIndex(window.filters.category.count() - 1)
    unchanged("a long filter choice")
    window.sync_bar.show_text("Lần đồng bộ gần nhất: " + "không gửi được vì máy chủ bận " * 12)
    window.sync_panel.notice.setText("Không kết nối được máy chủ phường. " * 10)
    window.sync_panel.notice.show()
    unchanged("a long sync message")
    window.form.category.setCurrentIndex(window.form.category.count() - 1)
    window.act_save.trigger()  # incomplete: the summary of problems shows
    assert window.form.problem_summary.isVisible()
    unchanged("a failed save")
    for language in ("en", "vi", "en"):
        translations.set_language(language)
        unchanged(f"switch to {language}")
    assert clipped_labels(window) == []


def test_the_list_and_form_split_is_movable_and_remembered(
        qtbot: QtBot, window: MainWindow, laptop: LaptopApp, tasks, data_dir) -> None:  # type: ignore[no-untyped-def]
    from desktop.gui.app import create_main_window
    from desktop.gui.settings import UiSettings
    from desktop.store.clock import fixed_clock
    from tests.gui.conftest import NOW

    window.resize(SCREEN_W, SCREEN_H)
    settle()
    window.splitter.setSizes([500, 760])
    settle()
    moved = window.splitter.sizes()
    window.close()
    again = create_main_window(laptop, tasks, Translations(), UiSettings(data_dir),
                               now=fixed_clock(NOW))
    qtbot.addWidget(again)
    again.resize(SCREEN_W, SCREEN_H)  # what restoreGeometry does on a real 1280-px screen
    again.show()
    settle()
    assert again.splitter.sizes() == moved
    assert not again.splitter.childrenCollapsible()


def test_the_stylesheet_pads_no_label() -> None:
    """A wrapped QLabel leaves stylesheet padding out of its height for a width, so its first
    and last lines get cut (the consent notice did). Margins are set with setMargin."""
    import re

    import resources

    text = resources.path("style.qss").read_text(encoding="utf-8")
    rules = re.findall(r"([^{}]+)\{([^}]*)\}", re.sub(r"/\*.*?\*/", "", text, flags=re.S))
    padded = [selector.strip() for selector, body in rules
              if "QLabel" in selector and "padding" in body]
    assert padded == []
