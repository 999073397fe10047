"""The records list: search, filters, edit with history, undo, delete, language switch."""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.app import LaptopApp
from desktop.gui.history_dialog import HistoryDialog
from desktop.gui.main_window import MainWindow
from sync.contract.record import RecordStatus, Result
from tests.gui.conftest import make_record, type_text


def _search(qtbot: QtBot, window: MainWindow, text: str) -> None:
    window.filters.search.clear()
    with qtbot.waitSignal(window.list_updated, timeout=3000):
        type_text(window.filters.search, text)


def _names(window: MainWindow, qtbot: QtBot) -> list[str]:
    model = window.model
    for row in range(model.rowCount()):
        model.index(row, 1).data()  # asks for the rows lazily
    qtbot.waitUntil(lambda: all(model.summary(r) is not None for r in range(model.rowCount())),
                    timeout=3000)
    return sorted(model.index(r, 1).data() for r in range(model.rowCount()))


def test_search_finds_every_spelling_of_a_name(qtbot: QtBot, window: MainWindow,
                                               laptop: LaptopApp) -> None:
    make_record(laptop)
    make_record(laptop, full_name="Trần Văn Bình", birth_year=1970, cccd=None,
                gender=None, phone="+84912345678")
    window.refresh_list()
    qtbot.waitUntil(lambda: window.model.rowCount() == 2)
    for text in ("Nguyễn Thị Hoà", unicodedata.normalize("NFD", "Nguyễn Thị Hoà"),
                 "nguyen thi hoa", "NGUYỄN THỊ HOÀ", "hoa"):
        _search(qtbot, window, text)
        assert _names(window, qtbot) == ["Nguyễn Thị Hoà"], text
    _search(qtbot, window, "0912 345")
    assert _names(window, qtbot) == ["Trần Văn Bình"]
    _search(qtbot, window, "022185")
    assert _names(window, qtbot) == ["Nguyễn Thị Hoà"]


def test_filters(qtbot: QtBot, window: MainWindow, laptop: LaptopApp) -> None:
    from datetime import date

    make_record(laptop)
    make_record(laptop, full_name="Lê Thị Mai", birth_year=1990, cccd=None,
                category="EHEALTH", result=Result.FOLLOW_UP, follow_up_date=date(2026, 5, 20),
                neighbourhood_code="HT05", neighbourhood_name="Khu 5")
    make_record(laptop, full_name="Đỗ Văn Tâm", birth_year=1960, cccd=None,
                status=RecordStatus.DRAFT, category=None, assisted_on=date(2026, 4, 2))
    window.refresh_list()
    qtbot.waitUntil(lambda: window.model.rowCount() == 3)
    f = window.filters

    def choose(combo, data) -> list[str]:  # type: ignore[no-untyped-def]
        with qtbot.waitSignal(window.list_updated, timeout=3000):
            combo.setCurrentIndex(combo.findData(data))
        return _names(window, qtbot)

    assert choose(f.category, "EHEALTH") == ["Lê Thị Mai"]
    assert choose(f.category, None) == sorted(["Nguyễn Thị Hoà", "Lê Thị Mai", "Đỗ Văn Tâm"])
    assert choose(f.neighbourhood, "HT05") == ["Lê Thị Mai"]
    assert choose(f.neighbourhood, None) and choose(f.result, Result.FOLLOW_UP) == ["Lê Thị Mai"]
    assert choose(f.result, None) and choose(f.status, RecordStatus.DRAFT) == ["Đỗ Văn Tâm"]
    assert choose(f.status, None) and choose(f.sync_state, "sent") == []
    assert choose(f.sync_state, None)
    with qtbot.waitSignal(window.list_updated, timeout=3000):
        type_text(f.date_to, "30/04/2026")
    assert _names(window, qtbot) == ["Đỗ Văn Tâm"]
    with qtbot.waitSignal(window.list_updated, timeout=3000):
        f.clear()
    assert window.model.rowCount() == 3
    assert "hôm nay: 2" in window.records.counts_label.text()
    assert "tháng này: 2" in window.records.counts_label.text()


def test_edit_shows_field_history(qtbot: QtBot, window: MainWindow,
                                  laptop: LaptopApp) -> None:
    record = make_record(laptop)
    window.refresh_list()
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    window.table.setFocus()
    window.table.selectRow(0)
    window.table.activated.emit(window.model.index(0, 0))
    qtbot.waitUntil(lambda: window.form.editing is not None)
    window.form.phone.clear()
    type_text(window.form.phone, "0987 654 321")
    with qtbot.waitSignal(window.record_saved, timeout=3000):
        window.act_save.trigger()
    stored = laptop.records.get(record.id)
    assert stored is not None and stored.phone == "+84987654321" and stored.revision == 2
    window.act_history.trigger()
    qtbot.waitUntil(lambda: window.findChild(HistoryDialog) is not None, timeout=3000)
    dialog = window.findChild(HistoryDialog)
    assert dialog is not None
    cells = [[dialog.table.item(r, c).text() for c in range(5)]
             for r in range(dialog.table.rowCount())]
    assert any("Số điện thoại" in row[2] and row[4] == "+84987654321" for row in cells), cells
    assert any("tạo mới" in row[2] for row in cells)
    dialog.close()


def test_undo_last_save_and_delete(qtbot: QtBot, window: MainWindow,
                                   laptop: LaptopApp) -> None:
    form = window.form
    type_text(form.full_name, "Vũ Thị Hạnh")
    with qtbot.waitSignal(window.record_saved, timeout=3000) as saved:
        window.act_save_draft.trigger()
    record_id = saved.args[0].id
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    with qtbot.waitSignal(window.list_updated, timeout=3000):
        window.act_undo.trigger()  # undoing a create deletes the record (a tombstone)
    assert window.model.rowCount() == 0
    assert laptop.records.get(record_id).deleted  # type: ignore[union-attr]
    window.act_undo.trigger()  # nothing left to undo: it stays deleted
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Không có gì để hoàn tác.",
                    timeout=3000)
    # delete with confirmation, then undo brings it back
    other = make_record(laptop)
    window.refresh_list()
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    window.table.selectRow(0)
    window.act_delete.trigger()
    box = window.findChild(QMessageBox, "confirm_delete")
    assert box is not None and box.isVisible()
    delete_button = next(b for b in box.buttons()
                         if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole)
    with qtbot.waitSignal(window.list_updated, timeout=3000):
        qtbot.mouseClick(delete_button, Qt.MouseButton.LeftButton)
    assert window.model.rowCount() == 0
    assert laptop.records.get(other.id).deleted  # type: ignore[union-attr]
    with qtbot.waitSignal(window.list_updated, timeout=3000):
        window.act_undo.trigger()
    assert window.model.rowCount() == 1
    assert not laptop.records.get(other.id).deleted  # type: ignore[union-attr]


def test_language_switch_at_run_time(qtbot: QtBot, window: MainWindow,
                                     laptop: LaptopApp) -> None:
    assert window.menu_file.title() == "&Tệp"
    assert window.form.save_next_button.text() == "Lưu && nhập &tiếp"
    window.act_en.trigger()
    qtbot.waitUntil(lambda: window.menu_file.title() == "&File", timeout=2000)
    assert window.form.save_next_button.text() == "Save && &next"
    assert window.model.headerData(1, Qt.Orientation.Horizontal) == "Name"
    assert window.form.rows["full_name"].label.text() == "Full name"
    assert laptop.profile.language == "en"  # kept in its one place, the profile
    window.act_vi.trigger()
    qtbot.waitUntil(lambda: window.menu_file.title() == "&Tệp", timeout=2000)
    assert window.form.rows["full_name"].label.text() == "Họ và tên"
