"""Recording that a resident withdrew consent (Record → Resident withdrew consent…, also in
the list's context menu).

The volunteer confirms in a dialog that says what happens: the resident's personal data is
erased from every record of theirs on this laptop (how many is shown), the help stays
counted, the ward erases its copies at the next sync, and it cannot be undone. The work is
the application layer's (``app.records.withdraw_consent``); the list and the form learn of it
from the one change signal.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from desktop.app import LaptopApp
from desktop.gui.entry import EntryController
from desktop.gui.host import Host
from desktop.gui.tasks import TaskRunner

translate = QCoreApplication.translate


class ConsentController(QObject):
    def __init__(self, app: LaptopApp, tasks: TaskRunner, host: Host, entry: EntryController,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._entry = entry
        self._tasks = tasks
        self._host = host
        self.act_withdraw = QAction(host.dialog_parent())
        self.act_withdraw.setObjectName("act_withdraw_consent")
        self.act_withdraw.triggered.connect(lambda _checked=False: self.withdraw_current())
        self.confirmation: QMessageBox | None = None
        self.retranslate_ui()

    def actions(self) -> list[QAction]:
        return [self.act_withdraw]

    def retranslate_ui(self) -> None:
        self.act_withdraw.setText(translate("ConsentController",
                                            "Resident &withdrew consent…"))

    def withdraw_current(self) -> None:
        record_id = self._host.current_record_id()
        if record_id is None:
            self._host.show_status(
                translate("MainWindow", "Choose a record in the list first."), 4000)
            return
        self._tasks.run_db(lambda ctx: self._app.records.withdrawal_scope(record_id),
                           on_success=lambda scope: self._confirm(record_id, *scope))

    def _confirm(self, record_id: uuid.UUID, count: int, name: str) -> None:
        if count == 0:
            return  # the record is gone meanwhile (a sync, an undo)
        box = QMessageBox(self._host.dialog_parent())
        box.setObjectName("confirm_withdraw_consent")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(translate("ConsentController", "Consent withdrawn"))
        box.setText(translate(
            "ConsentController",
            "{name} withdrew their consent. Erase their name, CCCD, phone, address and notes "
            "from the {count} record(s) of theirs on this laptop?").format(
                name=name or translate("ConsentController", "The resident"), count=count))
        box.setInformativeText(translate(
            "ConsentController",
            "The help stays counted. The ward erases its copies at the next sync; a record not "
            "sent yet reaches it only as a count, with no personal data. This cannot be "
            "undone."))
        erase = box.addButton(translate("ConsentController", "&Erase their data"),
                              QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(translate("ConsentController", "&Keep"),
                             QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(
            lambda button: self._withdraw(record_id) if button is erase else None)
        self.confirmation = box
        box.open()

    def _withdraw(self, record_id: uuid.UUID) -> None:
        def done(ids: list[uuid.UUID]) -> None:
            editing = self._entry.form.editing
            if editing is not None and editing.id in ids:
                # The form still shows what was erased (and its autosave holds it): cleared.
                self._entry.autosave.clear()
                self._entry.form.new_record(keep=False)
            self._host.show_status(translate(
                "ConsentController",
                "Personal data erased from {count} record(s); the ward is told at the next "
                "sync.").format(count=len(ids)), 8000)

        self._tasks.run_db(lambda ctx: self._app.records.withdraw_consent(record_id),
                           on_success=done)
