"""The sync panel: the Sync now button, the status-bar progress with Cancel, the banners
(withdrawn access, a sync that could not finish), the sync history and the USB bundle.

A self-contained controller: it owns its widgets and actions, runs the sync through
:class:`~desktop.gui.sync_controller.SyncController`, and needs from the window only the
small :class:`~desktop.gui.host.Host` interface. It listens to the one change signal: a save
starts a sync soon after (while the server was reachable), an enrolment or a new CA
certificate refreshes the sync state.

Offline is not an error: when the ward server cannot be reached (known within a few
seconds), the status bar and a banner say so in plain words, with the time of the next
automatic try; no dialog interrupts the volunteer.

Strings keep the ``MainWindow`` translation context: they were the window's, and the
Vietnamese catalogue holds them under that name.

Signals:
    sync_finished(object): the ``SyncReport`` of a run that ended, once it is shown (None
        after a bug in the client, already reported).
    exported(object, int): a bundle's path and how many records it holds.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QPushButton, QSizePolicy

from desktop.app import Change, LaptopApp
from desktop.app.sync import SyncHistory, SyncStatus
from desktop.app.types import Status, SyncReport
from desktop.gui.host import Host
from desktop.gui.icons import app_icon
from desktop.gui.settings import UiSettings
from desktop.gui.shortcuts import keys
from desktop.gui.sync_controller import SyncController
from desktop.gui.sync_widgets import SyncBar, SyncHistoryDialog, run_summary
from desktop.gui.tasks import TaskRunner

translate = QCoreApplication.translate
BUNDLE_FILTER = "Hỗ trợ số bundle (*.hotroso-bundle)"
UNREACHABLE = "unreachable"


def banner(name: str, role: str = "") -> QLabel:
    """A wrapped message that follows the width it is given (never widens the window)."""
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    if role:
        label.setProperty("role", role)
    label.setMargin(6)  # counted in its height for a width (stylesheet padding is not)
    label.hide()
    return label


class SyncPanel(QObject):
    sync_finished = Signal(object)
    exported = Signal(object, int)

    def __init__(self, app: LaptopApp, tasks: TaskRunner, host: Host, *,
                 settings: UiSettings | None = None,
                 probe_interval_ms: int | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._tasks = tasks
        self._host = host
        self._settings = settings
        self._manual = False  # the running sync was asked for by the volunteer
        self.sync = SyncController(app.sync, tasks, **(
            {"probe_interval_ms": probe_interval_ms} if probe_interval_ms else {}))
        owner = host.dialog_parent()
        self.button = QPushButton()
        self.button.setObjectName("sync_now")
        self.button.setIcon(app_icon())
        self.bar = SyncBar()
        self.revoked_banner = banner("revoked_banner")
        self.notice = banner("sync_notice", "warning")
        self.act_sync = QAction(owner)
        self.act_sync.setObjectName("act_sync")
        self.act_sync.setShortcut(keys("F5"))
        self.act_sync_history = QAction(owner)
        self.act_sync_history.setObjectName("act_sync_history")
        self.act_sync_history.setShortcut(keys("Ctrl+Shift+H"))
        self.act_export_bundle = QAction(owner)
        self.act_export_bundle.setObjectName("act_export_bundle")
        self.act_export_bundle.setShortcut(keys("Ctrl+Shift+E"))

        self.button.clicked.connect(self.sync_now)
        self.act_sync.triggered.connect(lambda _checked=False: self.sync_now())
        self.act_sync_history.triggered.connect(lambda _checked=False: self.show_history())
        self.act_export_bundle.triggered.connect(lambda _checked=False: self.export_bundle())
        self.bar.cancel_clicked.connect(self.sync.cancel)
        self.sync.sync_started.connect(self._on_sync_started)
        self.sync.progressed.connect(
            lambda done, total: self.bar.show_progress(self.sync.phase, done, total))
        self.sync.sync_finished.connect(self._on_sync_finished)
        self.sync.status_changed.connect(self._on_status_changed)
        tasks.changed.connect(self._on_changed)
        self.retranslate_ui()

    def actions(self) -> list[QAction]:
        return [self.act_sync, self.act_sync_history, self.act_export_bundle]

    def start(self) -> None:
        """Learn whether this laptop can sync, which starts the periodic probe."""
        self.sync.refresh_status(then=lambda status: self.sync.probe())

    def stop(self) -> None:
        self.sync.stop()

    def retranslate_ui(self) -> None:
        self.button.setText(translate("MainWindow", "Sync now"))
        self.act_sync.setText(translate("MainWindow", "S&ync now"))
        self.act_sync_history.setText(translate("MainWindow", "Sync &history…"))
        self.act_export_bundle.setText(translate("MainWindow", "Export data &bundle (USB)…"))
        self.bar.retranslate_ui()
        self.update_availability()

    # --- state ------------------------------------------------------------------------------

    def update_availability(self) -> None:
        """Enable the sync controls and explain them, for the current status."""
        status = self.sync.status
        running = self.sync.running
        self.button.setEnabled(not running)
        self.act_sync.setEnabled(not running)
        self.act_export_bundle.setEnabled(status is not None and status.enrolled)
        if status is not None and status.revoked:
            self.button.setToolTip(translate(
                "MainWindow", "The ward has withdrawn this laptop's access; see Settings."))
            self.revoked_banner.setText(self.revoked_text())
            self.revoked_banner.show()
        elif status is not None and status.enrolled:
            self.button.setToolTip(translate(
                "MainWindow",
                "Send new and changed records to the ward and get its answers (F5)"))
            self.revoked_banner.hide()
        else:
            self.button.setToolTip(translate(
                "MainWindow",
                "Sending to the ward is not set up on this laptop yet; records stay safe "
                "here until it is. Open Settings to enrol (Ctrl+,)."))
            self.revoked_banner.hide()

    @staticmethod
    def revoked_text() -> str:
        return translate(
            "MainWindow",
            "The ward has withdrawn this laptop's access to the server, so nothing more is "
            "sent. All your records are still here. Ask ward staff for a new one-time code "
            "and enrol again in Settings (Ctrl+,).")

    def _on_status_changed(self, status: SyncStatus) -> None:
        self.update_availability()

    def _on_changed(self, change: Change) -> None:
        if change.created or change.updated:
            self.sync.record_saved()
        if change.sync_status and not self.sync.running:
            # An enrolment (a new server address) or a new certificate: look again.
            self.sync.refresh_status(
                then=(lambda status: self.sync.probe()) if change.server else None)

    # --- Sync now ---------------------------------------------------------------------------

    def sync_now(self) -> None:
        """The Sync now button/menu: sync, or explain what is missing."""
        status = self.sync.status
        if status is not None and not status.can_sync:
            self._explain_cannot_sync(status)
            return
        self._manual = True
        if not self.sync.sync_now(manual=True):
            self._host.show_status(translate("MainWindow", "A sync is running already."), 4000)

    def _explain_cannot_sync(self, status: SyncStatus) -> None:
        box = QMessageBox(self._host.dialog_parent())
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
            lambda button: self._host.show_settings() if button is settings else None)
        box.open()

    def _on_sync_started(self) -> None:
        self.bar.set_running(True)
        self.update_availability()

    def _on_sync_finished(self, report: SyncReport | None) -> None:
        manual, self._manual = self._manual, False
        self.bar.set_running(False)
        self.update_availability()
        if report is None:  # a bug, already reported
            self.bar.show_text(translate("MainWindow", "Sync failed."))
            self.sync_finished.emit(None)
            return
        summary = run_summary(report.to_history())
        if report.status is Status.OK:
            self.notice.hide()
            self.bar.show_text(summary)
        elif report.error_code == UNREACHABLE:
            text = self.offline_text()
            self.bar.show_text(text)
            self.notice.setText(text)
            self.notice.show()
        elif report.status is Status.FAILED:
            text = translate("MainWindow", "Last sync: {summary}").format(summary=summary)
            self.bar.show_text(text)
            if manual:
                self.notice.setText(text)
                self.notice.show()
        else:
            self.bar.show_text(translate("MainWindow", "Last sync: {summary}").format(
                summary=summary))
        if report.status is Status.REVOKED:
            box = QMessageBox(self._host.dialog_parent())
            box.setObjectName("sync_failed")
            box.setIcon(QMessageBox.Icon.Warning)
            box.setWindowTitle(translate("MainWindow", "Sync"))
            box.setText(self.revoked_text())
            box.addButton(translate("MainWindow", "Close"), QMessageBox.ButtonRole.AcceptRole)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
        elif manual and report.rejected:
            self._host.show_status(translate(
                "MainWindow",
                "{count} records need attention: they are marked in the list with the ward's "
                "reason.").format(count=report.rejected), 8000)
        self.sync_finished.emit(report)

    def offline_text(self) -> str:
        """The ward server cannot be reached: said plainly, with the next automatic try."""
        text = translate(
            "MainWindow",
            "The ward server cannot be reached (no connection). Your records are safe on "
            "this laptop.")
        wait = self.sync.next_try_ms()
        if wait is not None:
            at = (self._app.now() + timedelta(milliseconds=wait)).astimezone()
            text += " " + translate("MainWindow", "Next automatic try at {time}.").format(
                time=at.strftime("%H:%M"))
        return text

    # --- history and bundles ----------------------------------------------------------------

    def show_history(self) -> None:
        def loaded(history: SyncHistory) -> None:
            dialog = SyncHistoryDialog(history.runs, self._host.dialog_parent(),
                                       names=history.names)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self._tasks.changed.connect(dialog.on_changed)
            dialog.reload_requested.connect(lambda: self._tasks.run_db(
                lambda ctx: self._app.sync.history(), on_success=dialog.show_history))
            dialog.open()

        self._tasks.run_db(lambda ctx: self._app.sync.history(), on_success=loaded)

    def export_bundle(self) -> None:
        """File → Export data bundle (USB): every unsent record in one file for the ward."""
        stamp = self._app.today().strftime("%Y-%m-%d")
        folder = self._settings.last_folder if self._settings is not None else ""
        name, _ = QFileDialog.getSaveFileName(
            self._host.dialog_parent(),
            translate("transfer", "Export data bundle for the ward"),
            str(Path(folder or ".") / f"ho-tro-so-{stamp}.hotroso-bundle"), BUNDLE_FILTER)
        if name:
            path = Path(name)
            if self._settings is not None:
                self._settings.last_folder = str(path.parent)
            self.start_export_bundle(path if path.suffix
                                     else path.with_suffix(".hotroso-bundle"))

    def start_export_bundle(self, path: Path) -> None:
        def done(count: int) -> None:
            self._host.show_status(translate(
                "transfer", "{count} unsent records written to {path}. Take the file to the "
                "ward; the next sync tells this laptop the outcome.").format(
                    count=count, path=path), 10000)
            self.exported.emit(path, count)

        self._tasks.run_db(lambda ctx: self._app.sync.export_bundle(path), on_success=done,
                           label=translate("transfer", "Writing {name}…").format(
                               name=path.name))
