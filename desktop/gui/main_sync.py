"""The main window's sync wiring: the Sync now button, the status-bar progress, the
withdrawn-access banner and what the window does when a sync starts or ends.

The sync itself runs in :class:`~desktop.gui.sync_controller.SyncController`; this module
only connects it to the window's widgets. It is a child QObject of the window, so its
connections end with the window, as they did when these were the window's own slots.

Strings keep the ``MainWindow`` translation context: they were the window's, and the
Vietnamese catalogue holds them under that name.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QMessageBox

from desktop.gui.sync_service import SyncStatus
from desktop.gui.sync_widgets import run_summary

if TYPE_CHECKING:
    from desktop.gui.main_window import MainWindow

translate = QCoreApplication.translate


class MainWindowSync(QObject):
    """Keeps the window's sync controls in step with the sync controller."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._manual = False  # the running sync was asked for by the volunteer

    def connect_signals(self) -> None:
        window = self._window
        sync = window.sync
        window.sync_button.clicked.connect(self.sync_now)
        window.sync_bar.cancel_clicked.connect(sync.cancel)
        sync.sync_started.connect(self._on_sync_started)
        sync.progressed.connect(
            lambda done, total: window.sync_bar.show_progress(sync.phase, done, total))
        sync.sync_finished.connect(self._on_sync_finished)
        sync.status_changed.connect(self._on_sync_status_changed)
        window.record_saved.connect(lambda _record: sync.record_saved())

    def update_availability(self) -> None:
        """Enable the sync controls and explain them, for the current status."""
        window = self._window
        status = window.sync.status
        running = window.sync.running
        window.sync_button.setEnabled(not running)
        window.act_sync.setEnabled(not running)
        window.act_export_bundle.setEnabled(status is not None and status.enrolled)
        if status is not None and status.revoked:
            window.sync_button.setToolTip(translate(
                "MainWindow", "The ward has withdrawn this laptop's access; see Settings."))
            window.revoked_banner.setText(self.revoked_text())
            window.revoked_banner.show()
        elif status is not None and status.enrolled:
            window.sync_button.setToolTip(translate(
                "MainWindow",
                "Send new and changed records to the ward and get its answers (F5)"))
            window.revoked_banner.hide()
        else:
            window.sync_button.setToolTip(translate(
                "MainWindow",
                "Sending to the ward is not set up on this laptop yet; records stay safe "
                "here until it is. Open Settings to enrol (Ctrl+,)."))
            window.revoked_banner.hide()

    @staticmethod
    def revoked_text() -> str:
        return translate(
            "MainWindow",
            "The ward has withdrawn this laptop's access to the server, so nothing more is "
            "sent. All your records are still here. Ask ward staff for a new one-time code "
            "and enrol again in Settings (Ctrl+,).")

    def sync_now(self) -> None:
        """The Sync now button/menu: sync, or explain what is missing."""
        window = self._window
        status = window.sync.status
        if status is not None and not status.can_sync:
            self._explain_cannot_sync(status)
            return
        self._manual = True
        if not window.sync.sync_now(manual=True):
            window.statusBar().showMessage(
                translate("MainWindow", "A sync is running already."), 4000)

    def _explain_cannot_sync(self, status: SyncStatus) -> None:
        box = QMessageBox(self._window)
        box.setObjectName("cannot_sync")
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(translate("MainWindow", "Sync"))
        if status.revoked:
            box.setText(self.revoked_text())
        else:
            box.setText(translate(
                "MainWindow",
                "This laptop is not enrolled with the ward server yet. Your records are safe "
                "here. Open Settings, enter the ward's address and the one-time code from "
                "ward staff, then sync."))
        settings = box.addButton(translate("MainWindow", "Open Settings"),
                                 QMessageBox.ButtonRole.AcceptRole)
        box.addButton(translate("MainWindow", "Close"), QMessageBox.ButtonRole.RejectRole)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(
            lambda button: self._window.show_settings() if button is settings else None)
        box.open()

    def _on_sync_started(self) -> None:
        self._window.sync_bar.set_running(True)
        self.update_availability()

    def _on_sync_status_changed(self, status: SyncStatus) -> None:
        self.update_availability()
        from desktop.gui.settings_dialog import SettingsDialog

        dialog = self._window.findChild(SettingsDialog)
        if dialog is not None:
            dialog.show_status(status)

    def _on_sync_finished(self, report: Any) -> None:
        window = self._window
        manual, self._manual = self._manual, False
        window.sync_bar.set_running(False)
        self.update_availability()
        if report is None:  # a bug, already reported
            window.sync_bar.show_text(translate("MainWindow", "Sync failed."))
            window.sync_finished.emit(None)
            return
        from sync.client.report import Status

        entry = report.to_history()
        summary = run_summary(entry)
        window.sync_bar.show_text(
            summary if report.status is Status.OK
            else translate("MainWindow", "Last sync: {summary}").format(summary=summary))
        window.sync_bar.setToolTip(summary)
        window.model.invalidate_all()
        window.refresh_list()
        editing = window.form.editing
        if editing is not None:
            window.tasks.run_db(lambda ctx: window.services.fetch_rows([editing.id]),
                                on_success=lambda rows: window.show_server_message(
                                    rows[0] if rows else None))
        if report.status is Status.REVOKED or (manual and report.status is Status.FAILED):
            box = QMessageBox(window)
            box.setObjectName("sync_failed")
            box.setIcon(QMessageBox.Icon.Warning)
            box.setWindowTitle(translate("MainWindow", "Sync"))
            box.setText(self.revoked_text() if report.status is Status.REVOKED
                        else summary)
            box.addButton(translate("MainWindow", "Close"), QMessageBox.ButtonRole.AcceptRole)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
        elif manual and report.rejected:
            window.statusBar().showMessage(translate(
                "MainWindow",
                "{count} records need attention: they are marked in the list with the ward's "
                "reason.").format(count=report.rejected), 8000)
        window.sync_finished.emit(report)

    def show_history(self) -> None:
        from desktop.gui.sync_widgets import SyncHistoryDialog

        window = self._window

        def job(ctx: Any) -> tuple[list[dict[str, Any]], dict[str, str]]:
            history = window.sync_services.history()
            ids = {uuid.UUID(r["record_id"]) for entry in history
                   for r in entry.get("rejected_records") or () if r.get("record_id")}
            rows = window.services.fetch_rows(sorted(ids)) if ids else []
            return history, {str(r.id): r.full_name for r in rows}

        def loaded(result: tuple[list[dict[str, Any]], dict[str, str]]) -> None:
            dialog = SyncHistoryDialog(result[0], window, names=result[1])
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()

        window.tasks.run_db(job, on_success=loaded)

    def on_enrolled(self) -> None:
        # Records made before enrolment are now waiting to be sent: show that.
        window = self._window
        window.model.invalidate_all()
        window.refresh_list()
        window.sync.refresh_status(then=lambda status: window.sync.probe())
