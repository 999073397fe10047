"""Record → Resident withdrew consent… (also in the list's context menu): a confirmation that
names the resident and how many records are theirs, Keep the default; erasing clears their
personal data from the list and the form, and cannot be undone with Ctrl+Z."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.app import LaptopApp
from desktop.gui.main_window import MainWindow
from sync.contract.record import ConsentMethod
from tests.gui.conftest import make_record


def _confirmation(qtbot: QtBot, window: MainWindow,
                  before: QMessageBox | None = None) -> QMessageBox:
    """The confirmation the action opened (after the scope was read on the worker)."""
    qtbot.waitUntil(lambda: window.consent.confirmation not in (None, before), timeout=3000)
    box = window.consent.confirmation
    assert box is not None and box.isVisible()
    assert box.objectName() == "confirm_withdraw_consent"
    return box


def test_a_withdrawal_is_confirmed_then_erases_the_residents_records(
    qtbot: QtBot, window: MainWindow, laptop: LaptopApp
) -> None:
    first = window.tasks.on_db_worker(lambda: make_record(laptop))
    second = window.tasks.on_db_worker(lambda: make_record(laptop, notes="gọi lại sau"))
    other = window.tasks.on_db_worker(lambda: make_record(
        laptop, full_name="Phạm Văn Bình", cccd="022090012345", gender="male",
        birth_year=1990))
    window.refresh_list()
    qtbot.waitUntil(lambda: window.model.rowCount() == 3)
    assert window.act_withdraw_consent in window.table.actions()  # the context menu
    assert window.act_withdraw_consent in window.menu_record.actions()
    window.open_record(first.id)
    qtbot.waitUntil(lambda: window.form.editing is not None
                    and window.form.editing.id == first.id, timeout=3000)

    window.act_withdraw_consent.trigger()
    box = _confirmation(qtbot, window)
    assert "Nguyễn Thị Hoà" in box.text() and "2 phiếu" in box.text()
    assert box.defaultButton() is box.escapeButton()  # Keep
    qtbot.mouseClick(box.escapeButton(), Qt.MouseButton.LeftButton)
    assert laptop.records.get(first.id).cccd == first.cccd  # type: ignore[union-attr]

    window.act_withdraw_consent.trigger()
    box = _confirmation(qtbot, window, before=box)
    erase = next(b for b in box.buttons()
                 if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole)
    with qtbot.waitSignal(window.list_updated, timeout=3000):
        qtbot.mouseClick(erase, Qt.MouseButton.LeftButton)
    for record in (first, second):
        kept = window.tasks.on_db_worker(lambda r=record: laptop.records.get(r.id))
        assert kept is not None and kept.cccd is None and kept.full_name == ""
        assert not kept.consent
    untouched = window.tasks.on_db_worker(lambda: laptop.records.get(other.id))
    assert untouched is not None and untouched.cccd == "022090012345"
    assert window.form.editing is None and window.form.full_name.text() == ""
    assert window.model.rowCount() == 3  # the helps are still counted
    assert "2 phiếu" in window.statusBar().currentMessage()
    with qtbot.waitSignal(window.tasks.changed, timeout=3000, raising=False):
        window.act_undo.trigger()
    again = window.tasks.on_db_worker(lambda: laptop.records.get(first.id))
    assert again is not None and again.cccd is None  # nothing brings the data back
    # Never sent, so each is now a count marked "consent withdrawn", sent without personal
    # data; opened in the form it stays one: nothing looks edited, no consent is ticked.
    assert again.consent_method is ConsentMethod.WITHDRAWN
    window.open_record(first.id)
    qtbot.waitUntil(lambda: window.form.editing is not None
                    and window.form.editing.id == first.id, timeout=3000)
    assert not window.form.consent.isChecked()
    assert not window.form.is_dirty()
    assert window.form.consent_method.findData(ConsentMethod.WITHDRAWN) == -1  # never offered
