"""Entering records: keyboard only, save-and-next, drafts, duplicates."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.app import LaptopApp
from desktop.gui.main_window import MainWindow
from sync.contract.record import Place, RecordStatus, Result
from sync.contract.validation import Problem, ValidationError
from tests.gui.conftest import NEIGHBOURHOOD, focused, make_record, press, type_text

CTRL = Qt.KeyboardModifier.ControlModifier


def test_a_valid_record_entered_by_keyboard_alone(qtbot: QtBot, window: MainWindow,
                                                  laptop: LaptopApp) -> None:
    window.form.setFocus()
    assert focused() is window.form.full_name
    type_text(focused(), "Nguyễn Thị Hoà")
    press(focused(), Qt.Key.Key_Return)  # Enter moves on, like Tab
    type_text(focused(), "12/03/1985")
    press(focused(), Qt.Key.Key_Tab)
    assert focused() is window.form.gender
    press(focused(), Qt.Key.Key_Down)
    press(focused(), Qt.Key.Key_Down)  # blank -> Nam -> Nữ
    press(focused(), Qt.Key.Key_Tab)
    type_text(focused(), "022 1 85 012345")
    press(focused(), Qt.Key.Key_Tab)
    press(focused(), Qt.Key.Key_Tab)  # no old CMND
    type_text(focused(), "0912 345 678")
    press(focused(), Qt.Key.Key_Tab)
    type_text(focused(), "Tổ 5, khu 3")
    press(focused(), Qt.Key.Key_Tab)
    assert focused() is window.form.category
    press(focused(), Qt.Key.Key_Down)  # the first category: install VNeID
    press(focused(), Qt.Key.Key_Tab)
    assert focused() is window.form.result  # hidden category-specific fields are skipped
    press(focused(), Qt.Key.Key_Down)  # completed
    press(focused(), Qt.Key.Key_Tab)
    press(focused(), Qt.Key.Key_Tab)  # notes
    assert focused() is window.form.consent
    assert not window.form.consent.isChecked()  # never pre-ticked
    press(focused(), Qt.Key.Key_Space)
    press(focused(), Qt.Key.Key_Tab)
    assert focused() is window.form.consent_method  # verbal
    press(focused(), Qt.Key.Key_Tab)
    assert focused() is window.form.assisted_on  # today
    press(focused(), Qt.Key.Key_Tab)
    assert focused() is window.form.neighbourhood  # the profile's
    press(focused(), Qt.Key.Key_Tab)
    assert focused() is window.form.place
    press(focused(), Qt.Key.Key_Down)  # neighbourhood meeting
    with qtbot.waitSignal(window.record_saved, timeout=5000) as saved:
        press(focused(), Qt.Key.Key_S, CTRL)
    record = saved.args[0]
    assert record.full_name == "Nguyễn Thị Hoà"
    assert record.birth_date is not None and record.birth_date.isoformat() == "1985-03-12"
    assert record.cccd == "022185012345"
    assert record.phone == "+84912345678"
    assert record.status is RecordStatus.FINAL
    assert record.result is Result.COMPLETED
    assert record.place is Place.MEETING
    assert record.consent and record.consent_notice_version
    assert laptop.records.get(record.id) is not None
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)


def test_save_and_next_keeps_neighbourhood_category_and_meeting(
        qtbot: QtBot, window: MainWindow, laptop: LaptopApp) -> None:
    meeting = laptop.meetings.start(place="Nhà văn hoá khu 3", on=laptop.today(),
                                    host="Lan", neighbourhood_code=NEIGHBOURHOOD).value
    window.meetings.on_loaded(meeting)
    form = window.form
    form.neighbourhood.setCurrentIndex(form.neighbourhood.findData("HT05"))
    form.category.setCurrentIndex(form.category.findData("DVC_SUBMIT"))
    form.procedure.search.setFocus()
    type_text(form.procedure.search, "khai sinh")  # unaccented finds "Đăng ký khai sinh"
    assert form.procedure.code() == "1.001193"
    form.result.setCurrentIndex(form.result.findData(Result.PENDING))
    form.consent.setChecked(True)
    form.full_name.setText("Lê Văn Minh")
    with qtbot.waitSignal(window.list_updated, timeout=5000), \
            qtbot.waitSignal(window.record_saved, timeout=5000) as saved:
        press(form.full_name, Qt.Key.Key_Return, CTRL)
    first = saved.args[0]
    assert first.meeting_id == meeting.id and first.procedure_code == "1.001193"
    # the next resident: same neighbourhood, help and meeting; the person is blank
    assert form.editing is None
    assert form.full_name.text() == ""
    assert form.neighbourhood.currentData() == "HT05"
    assert form.category.currentData() == "DVC_SUBMIT"
    assert form.place.currentData() == Place.MEETING
    assert form.meeting_banner.isVisible()
    assert window.model.rowCount() == 1


def test_save_as_draft_accepts_an_incomplete_record(qtbot: QtBot, window: MainWindow) -> None:
    type_text(window.form.full_name, "Phạm Thu")
    with qtbot.waitSignal(window.record_saved, timeout=5000) as saved:
        press(window.form.full_name, Qt.Key.Key_S,
              CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert saved.args[0].status is RecordStatus.DRAFT
    assert saved.args[0].category is None


def test_duplicate_warning_while_typing_links_to_the_existing_record(
        qtbot: QtBot, window: MainWindow, laptop: LaptopApp) -> None:
    existing = make_record(laptop)
    form = window.form
    type_text(form.cccd, "022185012345")
    qtbot.waitUntil(form.duplicate_banner.isVisible, timeout=3000)
    assert "cùng số CCCD" in form.duplicate_banner.text()
    assert "Nguyễn Thị Hoà" in form.duplicate_banner.text()
    form.cccd.clear()
    qtbot.waitUntil(lambda: not form.duplicate_banner.isVisible(), timeout=3000)
    # same person typed another way: unaccented upper-case name + birth year
    type_text(form.full_name, "NGUYEN THI HOA")
    type_text(form.birth, "1985")
    qtbot.waitUntil(form.duplicate_banner.isVisible, timeout=3000)
    assert "cùng họ tên và năm sinh" in form.duplicate_banner.text()
    form.duplicate_banner.linkActivated.emit(str(existing.id))
    # What was typed is not thrown away unasked: Lưu / Bỏ / Huỷ.
    box = window.findChild(QMessageBox, "unsaved_edits")
    assert box is not None and box.isVisible()
    discard = next(b for b in box.buttons()
                   if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole)
    qtbot.mouseClick(discard, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.editing is not None and form.editing.id == existing.id,
                    timeout=3000)
    assert form.full_name.text() == "Nguyễn Thị Hoà"


def test_a_saved_record_is_in_the_list_with_its_data_at_once(
        qtbot: QtBot, window: MainWindow, laptop: LaptopApp) -> None:
    make_record(laptop, full_name="Lê Văn Nam", cccd=None)
    with qtbot.waitSignal(window.list_updated, timeout=3000):
        window.refresh_list()
    qtbot.waitUntil(lambda: window.model.summary(0) is not None, timeout=3000)
    form = window.form
    form.full_name.setText("Phạm Thị Thu")
    form.category.setCurrentIndex(form.category.findData("VNEID_INSTALL"))
    form.result.setCurrentIndex(form.result.findData(Result.COMPLETED))
    form.place.setCurrentIndex(form.place.findData(Place.WARD_DESK))
    form.consent.setChecked(True)
    # The row comes with the save: no placeholder, no page fetched afterwards.
    with qtbot.assertNotEmitted(window.model.rows_fetched, wait=200):
        with qtbot.waitSignal(window.record_saved, timeout=5000) as saved:
            window.act_save.trigger()
        assert window.model.rowCount() == 2
        assert window.model.index(0, 1).data() == "Phạm Thị Thu"
        # An edit replaces the row the same way (Lưu left the record shown, locked: Sửa).
        assert form.viewing
        form.edit_button.click()
        form.full_name.setText("Phạm Thị Thu Hà")
        with qtbot.waitSignal(window.record_saved, timeout=5000):
            window.act_save.trigger()
        assert window.model.row_of(saved.args[0].id) == 0
        assert window.model.index(0, 1).data() == "Phạm Thị Thu Hà"
    assert laptop.records.get(saved.args[0].id).full_name == "Phạm Thị Thu Hà"  # type: ignore[union-attr]


def test_a_save_the_store_refuses_shows_its_problems_and_is_not_retried(
        qtbot: QtBot, window: MainWindow, laptop: LaptopApp) -> None:
    """Even when the store judges by newer data than the form did (a race with a sync), its
    refusal is shown in the form; the form never resubmits by itself."""
    form = window.form
    form.full_name.setText("Lê Thị Mai")
    form.category.setCurrentIndex(form.category.findData("CASHLESS"))
    form.result.setCurrentIndex(form.result.findData(Result.COMPLETED))
    form.place.setCurrentIndex(form.place.findData(Place.WARD_DESK))
    form.consent.setChecked(True)
    attempts: list[object] = []

    def refuse(record: object) -> object:
        attempts.append(record)
        raise ValidationError([Problem(
            "category_detail", "required", "Hãy ghi rõ nội dung hỗ trợ.",
            "Describe the help given.", ("category_detail",))])

    laptop.records.save = refuse  # type: ignore[method-assign,assignment]
    window.act_save.trigger()
    qtbot.waitUntil(form.problem_summary.isVisible, timeout=3000)
    qtbot.wait(300)
    assert len(attempts) == 1
    assert "Hãy ghi rõ nội dung hỗ trợ." in form.problem_summary.text()
    assert "Hãy ghi rõ nội dung hỗ trợ." in form.rows["category_detail"].message.text()
