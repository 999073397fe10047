"""Deleting a record (with confirmation) and undoing the last save or delete (Ctrl+Z).

A self-contained controller with its two actions. The undo list itself lives in the
application layer (``app.records.undo_last``: every save and delete made there is undoable,
newest first); the list and the form learn of the outcome from the one change signal.

Strings keep the ``MainWindow`` translation context: they were the window's, and the
Vietnamese catalogue holds them under that name.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from desktop.app import LaptopApp
from desktop.gui.host import Host
from desktop.gui.shortcuts import keys
from desktop.gui.tasks import TaskRunner
from sync.contract.record import AssistanceRecord

translate = QCoreApplication.translate


class UndoController(QObject):
    def __init__(self, app: LaptopApp, tasks: TaskRunner, host: Host,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._tasks = tasks
        self._host = host
        owner = host.dialog_parent()
        self.act_undo = QAction(owner)
        self.act_undo.setObjectName("act_undo")
        self.act_undo.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.act_undo.triggered.connect(lambda _checked=False: self.undo_last())
        self.act_delete = QAction(owner)
        self.act_delete.setObjectName("act_delete")
        self.act_delete.setShortcut(keys("Ctrl+Delete"))
        self.act_delete.triggered.connect(lambda _checked=False: self.delete_current())
        self.retranslate_ui()

    def actions(self) -> list[QAction]:
        return [self.act_undo, self.act_delete]

    def retranslate_ui(self) -> None:
        self.act_undo.setText(translate("MainWindow", "&Undo last save or delete"))
        self.act_delete.setText(translate("MainWindow", "&Delete record…"))

    def delete_current(self) -> None:
        record_id = self._host.current_record_id()
        if record_id is None:
            self._host.show_status(
                translate("MainWindow", "Choose a record in the list first."), 4000)
            return
        box = QMessageBox(self._host.dialog_parent())
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
        self._tasks.run_db(
            lambda ctx: self._app.records.delete(record_id),
            on_success=lambda _stored: self._host.show_status(
                translate("MainWindow", "Deleted. Ctrl+Z brings it back."), 5000))

    def undo_last(self) -> None:
        def undone(stored: AssistanceRecord | None) -> None:
            self._host.show_status(translate("MainWindow", "Nothing to undo.") if stored is None
                                   else translate("MainWindow", "Undone."), 4000)

        self._tasks.run_db(lambda ctx: self._app.records.undo_last(), on_success=undone)
