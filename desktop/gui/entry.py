"""The entry form's work: new, open and save through the application layer, the duplicate
lookup, the autosave, what the ward said about the record, and unsaved edits.

Unsaved edits are never thrown away without a choice: "Phiếu mới", opening another record or
a duplicate link first ask "Lưu / Bỏ / Huỷ" (Save / Discard / Cancel) when the form has edits.

A save that the store refuses with a ``ValidationError`` (say, reference data newer than the
form's last look) shows its problems in the form; nothing is resubmitted by itself.

The controller listens to the one change signal: new reference data refills the form's
lists, a new profile is used for new records, a record deleted or changed elsewhere (undo, a
sync) is taken out of the form or shown again.

Signals:
    record_saved(object): an ``AssistanceRecord`` the store has just stored from the form.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox

from desktop.app import Change, LaptopApp
from desktop.app.records import OpenedRecord
from desktop.app.types import Meeting, Profile, RecordSummary, server_message_text
from desktop.gui.autosave import FormAutosave
from desktop.gui.errors import report_failure
from desktop.gui.form_duplicates import IdentityKey, duplicate_hints
from desktop.gui.host import Host
from desktop.gui.i18n import current_language
from desktop.gui.record_form import FormProfile, RecordForm
from desktop.gui.tasks import TaskRunner
from sync.contract.record import AssistanceRecord
from sync.contract.validation import ValidationError

log = logging.getLogger(__name__)
translate = QCoreApplication.translate


def form_profile(profile: Profile) -> FormProfile:
    return FormProfile(device_id=str(profile.device_id), volunteer_name=profile.volunteer_name,
                       neighbourhood_code=profile.neighbourhood_code)


class EntryController(QObject):
    record_saved = Signal(object)

    def __init__(self, app: LaptopApp, tasks: TaskRunner, host: Host, *,
                 now: Callable[[], datetime], today: Callable[[], date]) -> None:
        super().__init__()
        self._app = app
        self._tasks = tasks
        self._host = host
        self._after_save: Callable[[], None] | None = None
        self.form = RecordForm(lambda: app.reference, form_profile(app.profile.require()),
                               now=now, today=today)
        self.autosave = FormAutosave(self.form, app, tasks)
        self.form.save_requested.connect(self._on_save_requested)
        self.form.identity_changed.connect(self._on_identity_changed)
        self.form.open_record_requested.connect(self.open_record)
        self.form.new_requested.connect(self.new_record)
        tasks.changed.connect(self._on_changed)

    # --- start and end ----------------------------------------------------------------------

    def restore_autosave(self) -> None:
        """Offer back what was being typed when the app last closed (or crashed)."""
        self.autosave.load(then=self.put_back)

    def put_back(self, snapshot: dict[str, Any] | None) -> None:
        """Put an autosave snapshot into the form, unless the volunteer already typed."""
        if snapshot and self.form.is_blank():
            self.form.restore_snapshot(snapshot)
            self.form.show_notice(translate(
                "MainWindow",
                "What you were typing when the app closed has been put back. Save it or "
                "press New record to discard it."))

    def close(self) -> None:
        self.form.stop_timers()
        if self.form.is_dirty():
            self.autosave.write_now()

    # --- asking before edits are lost -------------------------------------------------------

    def ask_unsaved(self, then: Callable[[], None]) -> None:
        """Run ``then`` now, or after the volunteer chose Lưu (once saved) or Bỏ."""
        if not self.form.is_dirty():
            then()
            return
        box = QMessageBox(self._host.dialog_parent())
        box.setObjectName("unsaved_edits")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(translate("EntryController", "Unsaved record"))
        box.setText(translate(
            "EntryController",
            "The form has changes that are not saved yet. Save them first?"))
        save = box.addButton(translate("EntryController", "&Save"),
                             QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(translate("EntryController", "&Discard"),
                                QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(translate("EntryController", "&Cancel"),
                               QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.setEscapeButton(cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def chosen(button: object) -> None:
            if button is save:
                self._after_save = then
                if not self.form.request_save(final=True, next_after=False):
                    self._after_save = None  # problems are shown in the form
            elif button is discard:
                self.autosave.clear()
                then()

        box.buttonClicked.connect(chosen)
        box.open()

    def new_record(self) -> None:
        self.ask_unsaved(lambda: self.form.new_record(keep=True))

    def open_record(self, record_id: uuid.UUID) -> None:
        self.ask_unsaved(lambda: self._open(record_id))

    def _open(self, record_id: uuid.UUID) -> None:
        def loaded(opened: OpenedRecord | None) -> None:
            if opened is None:
                self._host.show_status(
                    translate("MainWindow", "That record no longer exists."), 5000)
                return
            self.form.load_record(opened.record)
            self.show_server_message(opened.row)

        self._tasks.run_db(lambda ctx: self._app.records.open(record_id), on_success=loaded)

    # --- saving -----------------------------------------------------------------------------

    def _on_save_requested(self, record: AssistanceRecord, next_after: bool) -> None:
        def saved(stored: AssistanceRecord) -> None:
            self.autosave.clear()
            self.form.saved(stored, next_after=next_after)
            self.form.show_attention("")  # fixed and waiting to be sent again
            self._host.show_status(translate("MainWindow", "Saved: {name}").format(
                name=stored.full_name or translate("MainWindow", "(no name)")), 4000)
            self.record_saved.emit(stored)
            then, self._after_save = self._after_save, None
            if then is not None:
                then()

        def failed(exc: BaseException) -> None:
            self._after_save = None
            if isinstance(exc, ValidationError):
                # The store judged with the reference data in force; the form shows why.
                self.form.show_save_problems(exc.problems)
                return
            self.autosave.write_now()
            report_failure(self._host.dialog_parent(), exc)

        self._tasks.run_db(lambda ctx: self._app.records.save(record), on_success=saved,
                           on_failure=failed)

    # --- what the ward said -----------------------------------------------------------------

    def show_server_message(self, row: RecordSummary | None) -> None:
        """What the ward said about the record in the form (rejected, conflict, a review)."""
        if row is None or row.sync_state != "attention":
            self.form.show_attention("")
            return
        text = server_message_text(row.server_message, current_language()) \
            or translate("MainWindow", "The ward server did not accept this record.")
        self.form.show_attention(translate(
            "MainWindow",
            "Needs attention — the ward says: {message}\nCorrect the record and save it: it "
            "is sent again at the next sync.").format(message=text))

    # --- duplicates -------------------------------------------------------------------------

    def _on_identity_changed(self, key: IdentityKey) -> None:
        def found(rows: list[Any]) -> None:
            if self.form.identity() != key:
                return  # the volunteer kept typing; a newer lookup is on its way
            self.form.show_duplicates(duplicate_hints(key, rows))

        self._tasks.run_db(
            lambda ctx: self._app.records.find_duplicates(key.cccd, key.name_key,
                                                          key.birth_year, key.exclude_id),
            on_success=found)

    # --- meetings ---------------------------------------------------------------------------

    def set_meeting(self, meeting: Meeting | None) -> None:
        if meeting is None:
            self.form.set_meeting(None)
        else:
            self.form.set_meeting(meeting.id,
                                  f"{meeting.place}, {meeting.date.strftime('%d/%m/%Y')}")

    # --- what changed elsewhere -------------------------------------------------------------

    def _on_changed(self, change: Change) -> None:
        if change.reference:
            self.form.reference_changed()
        if change.profile and self._app.profile.current is not None:
            self.form.set_profile(form_profile(self._app.profile.current))
        editing = self.form.editing
        if editing is None:
            return
        if editing.id in change.deleted:
            self.form.new_record(keep=True)
            return
        row = change.row(editing.id)
        if editing.id in change.updated and row is not None \
                and row.revision > editing.revision and not self.form.is_dirty():
            self._open(editing.id)  # changed elsewhere (an undo): show it as it is now
        elif change.records_many:
            record_id = editing.id
            self._tasks.run_db(lambda ctx: self._app.records.row(record_id),
                               on_success=self.show_server_message)
