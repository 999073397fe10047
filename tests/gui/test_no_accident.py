"""Nothing changes data by accident: the wheel, the next resident typed over a saved one,
unsaved edits thrown away, a failed save that seems to do nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from desktop.gui.main_window import MainWindow
from sync.contract.record import Place, Result
from tests.gui.conftest import press, type_text
from tests.gui.fit import settle

CTRL = Qt.KeyboardModifier.ControlModifier


def wheel(widget: QWidget, steps: int = 3) -> None:
    """A turn of the mouse wheel over ``widget`` (positive: away from the volunteer, which
    scrolls up and picks the previous item)."""
    at = QPointF(widget.rect().center())
    event = QWheelEvent(at, QPointF(widget.mapToGlobal(at.toPoint())), QPoint(0, 0),
                        QPoint(0, 120 * steps), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def _fill(window: MainWindow, name: str = "Lê Văn Nam") -> None:
    form = window.form
    form.full_name.setText(name)
    form.category.setCurrentIndex(form.category.findData("VNEID_INSTALL"))
    form.result.setCurrentIndex(form.result.findData(Result.COMPLETED))
    form.place.setCurrentIndex(form.place.findData(Place.WARD_DESK))
    form.consent.setChecked(True)


def test_a_wheel_over_an_unfocused_date_or_combo_changes_nothing_and_scrolls_the_form(
        qtbot: QtBot, window: MainWindow) -> None:
    form = window.form
    window.resize(1280, 720)
    settle()
    form.full_name.setFocus()
    day, hood = form.assisted_on.date(), form.neighbourhood.currentData()
    bar = form.scroll_area.verticalScrollBar()
    bar.setValue(bar.maximum())  # the date and neighbourhood are at the end of the form
    settle()
    before = bar.value()
    for field in (form.assisted_on, form.neighbourhood, form.place, form.category):
        assert not field.hasFocus()
        wheel(field)
    assert form.assisted_on.date() == day
    assert form.neighbourhood.currentData() == hood
    assert form.place.currentIndex() == 0 and form.category.currentIndex() == 0
    assert bar.value() != before, "the wheel scrolls the form instead"
    # With the focus (clicked or tabbed to), the wheel does change a field, as expected.
    form.neighbourhood.setFocus()
    wheel(form.neighbourhood, -1)
    assert form.neighbourhood.currentData() != hood


def test_wheel_over_a_filter_combo_without_focus_changes_no_filter(
        qtbot: QtBot, window: MainWindow) -> None:
    window.form.full_name.setFocus()
    with qtbot.assertNotEmitted(window.filters.filter_changed, wait=300):
        wheel(window.filters.category)
    assert window.filters.category.currentIndex() == 0


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_alt_down_opens_the_date_calendar(qtbot: QtBot, window: MainWindow) -> None:
    form = window.form
    form.assisted_on.setFocus()
    press(form.assisted_on, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = form.assisted_on.calendarWidget()
    qtbot.waitUntil(calendar.isVisible, timeout=2000)
    assert calendar.selectedDate() == form.assisted_on.date()
    calendar.window().close()
    assert form.assisted_on.date() == QDate(2026, 5, 14)  # opening it changed nothing


def test_ctrl_n_after_scrolling_shows_the_name_field(qtbot: QtBot, window: MainWindow) -> None:
    form = window.form
    window.resize(1280, 720)
    settle()
    bar = form.scroll_area.verticalScrollBar()
    assert bar.maximum() > 0, "the form should need scrolling at 720 px"
    bar.setValue(bar.maximum())
    form.notes.setFocus()
    press(form.notes, Qt.Key.Key_N, CTRL)
    settle()
    assert bar.value() == 0
    assert form.full_name.hasFocus()
    top = form.full_name.mapTo(form.scroll_area.viewport(), QPoint(0, 0)).y()
    assert 0 <= top < form.scroll_area.viewport().height()


def test_after_save_the_next_resident_cannot_be_typed_over_the_saved_record(
        qtbot: QtBot, window: MainWindow) -> None:
    form = window.form
    _fill(window)
    with qtbot.waitSignal(window.record_saved, timeout=5000) as saved:
        window.act_save.trigger()
    assert form.viewing
    assert form.saved_banner.isVisible() and "Lê Văn Nam" in form.saved_text.text()
    assert not form.full_name.isEnabled()  # typing goes nowhere
    assert form.new_after_save_button.hasFocus()
    type_text(QApplication.focusWidget() or form, "Trần Thị Bé")
    assert form.full_name.text() == "Lê Văn Nam"
    # Ctrl+S again saves nothing twice.
    with qtbot.assertNotEmitted(window.record_saved, wait=200):
        window.act_save.trigger()
    # Phiếu mới starts the next resident at once (nothing unsaved to ask about).
    qtbot.mouseClick(form.new_after_save_button, Qt.MouseButton.LeftButton)
    assert not form.viewing and form.editing is None and form.full_name.text() == ""
    assert form.full_name.hasFocus()
    # Sửa unlocks a saved record for a correction.
    window.open_record(saved.args[0].id)
    qtbot.waitUntil(lambda: form.editing is not None, timeout=3000)
    assert form.full_name.isEnabled()


@pytest.mark.parametrize("choice", ["save", "discard", "cancel"])
def test_unsaved_edits_prompt_before_a_new_record(qtbot: QtBot, window: MainWindow,
                                                  choice: str) -> None:
    form = window.form
    _fill(window, "Đinh Thị Yến")
    window.act_new.trigger()
    box = window.findChild(QMessageBox, "unsaved_edits")
    assert box is not None and box.isVisible()
    roles = {"save": QMessageBox.ButtonRole.AcceptRole,
             "discard": QMessageBox.ButtonRole.DestructiveRole,
             "cancel": QMessageBox.ButtonRole.RejectRole}
    button = next(b for b in box.buttons() if box.buttonRole(b) == roles[choice])
    if choice == "save":
        with qtbot.waitSignal(window.record_saved, timeout=5000) as saved:
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert saved.args[0].full_name == "Đinh Thị Yến"
        qtbot.waitUntil(lambda: form.full_name.text() == "" and not form.viewing,
                        timeout=3000)  # then the new record it was asked for
    elif choice == "discard":
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert form.full_name.text() == "" and form.editing is None
    else:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert form.full_name.text() == "Đinh Thị Yến"
        assert form.is_dirty()


def test_a_blank_form_or_an_untouched_record_asks_nothing(qtbot: QtBot,
                                                          window: MainWindow) -> None:
    window.act_new.trigger()
    assert window.findChild(QMessageBox, "unsaved_edits") is None


def test_a_failed_save_lists_its_problems_and_jumps_to_the_first(
        qtbot: QtBot, window: MainWindow) -> None:
    form = window.form
    window.resize(1280, 720)
    settle()
    form.full_name.setText("Lê Văn Nam")
    form.cccd.setText("0221")  # too short
    form.notes.setFocus()
    form.scroll_area.verticalScrollBar().setValue(form.scroll_area.verticalScrollBar().maximum())
    with qtbot.assertNotEmitted(window.record_saved, wait=300):
        window.act_save.trigger()
    summary = form.problem_summary
    assert summary.isVisible()
    text = summary.text()
    assert "Chưa lưu được" in text
    for label in ("Số CCCD", "Nội dung hỗ trợ", "Kết quả", "Nơi hỗ trợ"):
        assert label in text, label
    first = form.problems[0].field if form.problems else ""
    focused = QApplication.focusWidget()
    assert focused is not None and focused is not form.notes
    assert form.rows[first].widget is focused or form.rows[first].widget.isAncestorOf(focused)
    # The summary's links jump to each field.
    summary.linkActivated.emit("result")
    assert form.result.hasFocus()
