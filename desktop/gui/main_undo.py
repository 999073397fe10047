"""Deleting a record from the main window, and undoing the last save or delete (Ctrl+Z).

Both sides share one stack of record ids: each save or delete pushes the record it changed,
and Undo asks the store to take that record back one revision. Kept apart from
:mod:`desktop.gui.main_window` so the window holds layout and list handling, and this the
confirmation and the undo rules.

A child QObject of the window, so its slots end with the window. Strings keep the
``MainWindow`` translation context: they were the window's, and the Vietnamese catalogue
holds them under that name.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QMessageBox

from sync.contract.record import AssistanceRecord

if TYPE_CHECKING:
    from desktop.gui.main_window import MainWindow

translate = QCoreApplication.translate


class MainWindowUndo(QObject):
    """Delete with confirmation, and undo of the window's last saves and deletes."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._stack: list[uuid.UUID] = []

    def remember(self, record_id: uuid.UUID) -> None:
        """A record was just saved or deleted: Undo takes it back first."""
        self._stack.append(record_id)

    def delete_current(self) -> None:
        window = self._window
        record_id = window.current_record_id()
        if record_id is None:
            window.statusBar().showMessage(
                translate("MainWindow", "Choose a record in the list first."), 4000)
            return
        box = QMessageBox(window)
        box.setObjectName("confirm_delete")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(translate("MainWindow", "Delete record"))
        box.setText(translate(
            "MainWindow",
            "Delete this record? It is kept as deleted, so the ward learns of "
            "it at the next sync, and you can undo with Ctrl+Z."))
        yes = box.addButton(translate("MainWindow", "Delete"),
                            QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(translate("MainWindow", "Keep it"), QMessageBox.ButtonRole.RejectRole)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(
            lambda button: self._delete_confirmed(record_id) if button is yes else None)
        box.open()

    def _delete_confirmed(self, record_id: uuid.UUID) -> None:
        window = self._window
        actor = window.profile.volunteer_name

        def deleted(stored: AssistanceRecord) -> None:
            self.remember(stored.id)
            if window.form.editing is not None and window.form.editing.id == stored.id:
                window.form.new_record(keep=True)
            window.refresh_list()
            window.statusBar().showMessage(
                translate("MainWindow", "Deleted. Ctrl+Z brings it back."), 5000)

        window.tasks.run_db(lambda ctx: window.services.delete(record_id, actor),
                            on_success=deleted)

    def undo_last(self) -> None:
        window = self._window
        if not self._stack:
            window.statusBar().showMessage(translate("MainWindow", "Nothing to undo."), 4000)
            return
        record_id = self._stack.pop()
        actor = window.profile.volunteer_name

        def undone(stored: AssistanceRecord) -> None:
            if stored.deleted:
                if window.form.editing is not None and window.form.editing.id == stored.id:
                    window.form.new_record(keep=True)
            elif window.form.editing is not None and window.form.editing.id == stored.id:
                window.form.load_record(stored)
            window.refresh_list(select=None if stored.deleted else stored.id)
            window.statusBar().showMessage(translate("MainWindow", "Undone."), 4000)

        window.tasks.run_db(lambda ctx: window.services.undo(record_id, actor),
                            on_success=undone)
