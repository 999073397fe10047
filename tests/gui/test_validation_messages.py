"""Each validation message appears beside its field, live, in the user's language."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QEvent, QObject
from pytestqt.qtbot import QtBot

from desktop.gui.main_window import MainWindow
from desktop.gui.record_form import RecordForm
from sync.contract.record import Gender, Result
from tests.gui.conftest import type_text


def _gender(value: Gender) -> Callable[[RecordForm], None]:
    return lambda f: f.gender.setCurrentIndex(f.gender.findData(value))


# (what to do, the row that shows the message, a phrase of the Vietnamese message)
LIVE_CASES = [
    ([lambda f: type_text(f.cccd, "02218501")], "cccd", "đúng 12 chữ số (đang có 8)"),
    ([lambda f: type_text(f.cccd, "022185012345"), lambda f: type_text(f.birth, "1958")],
     "cccd", "Số CCCD cho biết sinh năm 1985, nhưng năm sinh đã nhập là 1958"),
    ([lambda f: type_text(f.cccd, "022185012345"), _gender(Gender.MALE)],
     "cccd", "giới tính đã chọn là nam"),
    ([lambda f: type_text(f.cccd, "999185012345")], "cccd", "không phải mã tỉnh"),
    ([lambda f: type_text(f.phone, "0123456789")], "phone", "không phải số điện thoại"),
    ([lambda f: type_text(f.full_name, "Nguyễn Văn 2")], "full_name", "không được có chữ số"),
    ([lambda f: type_text(f.birth, "31/02/1990")], "birth_date", "Không đọc được ngày sinh"),
    ([lambda f: type_text(f.birth, "1850")], "birth_date", "Năm sinh 1850 không hợp lý"),
    ([lambda f: type_text(f.cmnd, "12345")], "cmnd", "gồm đúng 9 chữ số"),
]


@pytest.mark.parametrize(("steps", "row", "phrase"), LIVE_CASES,
                         ids=[c[2][:24] for c in LIVE_CASES])
def test_live_message_beside_the_field(qtbot: QtBot, window: MainWindow,
                                       steps: list[Callable[[RecordForm], None]], row: str,
                                       phrase: str) -> None:
    form = window.form
    for step in steps:
        step(form)
    message = form.rows[row].message
    qtbot.waitUntil(lambda: phrase in message.text(), timeout=2000)
    assert message.isVisible()


FINAL_CASES = [
    ([], "consent", "Cần người dân đồng ý"),
    ([], "category", "Hãy chọn nội dung hỗ trợ"),
    ([lambda f: f.category.setCurrentIndex(f.category.findData("DVC_SUBMIT"))],
     "procedure_code", "cần chọn thủ tục"),
    ([lambda f: f.category.setCurrentIndex(f.category.findData("OTHER"))],
     "category_detail", "Khác"),
    ([lambda f: f.result.setCurrentIndex(f.result.findData(Result.FOLLOW_UP))],
     "follow_up_date", "phải có ngày hẹn"),
    ([lambda f: f.result.setCurrentIndex(f.result.findData(Result.NOT_POSSIBLE))],
     "reason", "lý do"),
]


@pytest.mark.parametrize(("steps", "row", "phrase"), FINAL_CASES,
                         ids=[c[1] for c in FINAL_CASES])
def test_saving_final_names_what_is_missing(window: MainWindow,
                                            steps: list[Callable[[RecordForm], None]],
                                            row: str, phrase: str) -> None:
    form = window.form
    form.full_name.setText("Hoàng Văn Nam")
    for step in steps:
        step(form)
    saved: list[object] = []
    window.record_saved.connect(saved.append)
    form.request_save(final=True, next_after=False)
    assert phrase in form.rows[row].message.text()
    assert form.rows[row].message.isVisible()
    assert not saved


def test_message_follows_the_language(qtbot: QtBot, window: MainWindow) -> None:
    form = window.form
    type_text(form.phone, "12345")
    qtbot.waitUntil(lambda: "không phải số điện thoại" in form.rows["phone"].message.text())
    window.act_en.trigger()
    qtbot.waitUntil(lambda: "is not a Vietnamese phone number"
                    in form.rows["phone"].message.text(), timeout=2000)


class _StyleChanges(QObject):
    """Names the watched widgets that were restyled (a property set, unpolish/polish)."""

    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.DynamicPropertyChange, QEvent.Type.FontChange,
                            QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self.names.append(watched.objectName())
        return False


def test_a_validation_pass_restyles_only_the_rows_whose_message_changed(
        qtbot: QtBot, window: MainWindow) -> None:
    form = window.form
    type_text(form.cccd, "02218501")
    qtbot.waitUntil(lambda: form.rows["cccd"].message.isVisible(), timeout=2000)
    changes = _StyleChanges()
    for row in form.rows.values():
        row.widget.installEventFilter(changes)
        row.message.installEventFilter(changes)
    form.validate_now()  # same problems as shown: nothing to restyle
    assert changes.names == []
    type_text(form.phone, "0123456789")
    form.validate_now()  # one more message: only the phone row changes
    assert set(changes.names) == {"phone"}
    assert form.rows["phone"].message.isVisible()
    assert form.phone.property("invalid") is True
    assert "02218501" in form.cccd.text() and form.rows["cccd"].message.isVisible()
    changes.names.clear()
    form.phone.clear()
    form.validate_now()
    assert set(changes.names) == {"phone"}
    assert not form.rows["phone"].message.isVisible()
    assert form.phone.property("invalid") is False
