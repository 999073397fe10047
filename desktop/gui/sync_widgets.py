"""What sync looks like in the window: the status-bar progress with Cancel, the history dialog,
and the words for a run's outcome.

The history comes from the store's sync history (``StoreSync.history``, the last 100 runs):
when, what was sent and received, what failed and why, including every rejected record with
the server's reason.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.app import Change
from desktop.app.types import Phase
from desktop.gui.elided_label import ElidedLabel
from desktop.gui.i18n import current_language, pick

translate = QCoreApplication.translate


def status_text(status: str) -> str:
    return {
        "ok": translate("SyncWidgets", "Done"),
        "failed": translate("SyncWidgets", "Could not finish"),
        "cancelled": translate("SyncWidgets", "Cancelled"),
        "revoked": translate("SyncWidgets", "Access withdrawn"),
    }.get(status, status)


def when_text(iso: str | None) -> str:
    if not iso:
        return ""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    return moment.astimezone().strftime("%d/%m/%Y %H:%M")


def run_summary(entry: dict[str, Any]) -> str:
    """One line about a run (a history entry or ``SyncReport.to_history()``)."""
    sent = int(entry.get("accepted", 0)) + int(entry.get("already_had", 0)) \
        + int(entry.get("conflicts", 0))
    text = translate(
        "SyncWidgets", "Sent {sent}, received {received} updates, rejected {rejected}.").format(
        sent=sent, received=entry.get("pulled", 0), rejected=entry.get("rejected", 0))
    message = pick(str(entry.get("message_vi") or ""), str(entry.get("message_en") or ""))
    return f"{text} {message}".strip()


class SyncBar(QWidget):
    """Status-bar widget: what sync is doing, a progress bar and Cancel while it runs.

    Signals:
        cancel_clicked(): the volunteer pressed Cancel.
    """

    cancel_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sync_bar")
        self.label = ElidedLabel()
        self.label.setObjectName("sync_label")
        self.bar = QProgressBar()
        self.bar.setObjectName("sync_progress")
        self.bar.setMaximumWidth(180)
        self.bar.setMaximumHeight(16)
        self.bar.setTextVisible(False)
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("sync_cancel")
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self.retranslate_ui()
        self.set_running(False)

    def retranslate_ui(self) -> None:
        self.cancel_button.setText(translate("SyncWidgets", "Cancel"))

    def set_running(self, running: bool) -> None:
        self.bar.setVisible(running)
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)
        if running:
            self.bar.setMaximum(0)  # busy until the first count arrives
            self.label.setText(translate("SyncWidgets", "Syncing with the ward…"))

    def show_progress(self, phase: Phase, done: int, total: int) -> None:
        if phase is Phase.PUSH:
            self.label.setText(translate("SyncWidgets", "Sending records… {done}/{total}").format(
                done=done, total=total))
            self.bar.setMaximum(max(total, 1))
            self.bar.setValue(min(done, max(total, 1)))
        else:
            self.label.setText(translate(
                "SyncWidgets", "Receiving the ward's answers… {done}").format(done=done))
            self.bar.setMaximum(0)

    def show_text(self, text: str) -> None:
        self.label.setText(text)

    def _on_cancel_clicked(self) -> None:
        self.cancel_button.setEnabled(False)
        self.label.setText(translate("SyncWidgets", "Cancelling…"))
        self.cancel_clicked.emit()


class SyncHistoryDialog(QDialog):
    """Past sync runs, newest first; choosing one shows what failed and why.

    Signals:
        reload_requested(): a sync changed the history while the dialog is open.
    """

    reload_requested = Signal()

    def __init__(self, history: list[dict[str, Any]], parent: QWidget | None = None, *,
                 names: dict[str, str] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sync_history_dialog")
        self.setWindowTitle(self.tr("Sync history"))
        self._history = history
        self._names = names or {}
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("sync_history")
        self.table.setHorizontalHeaderLabels([
            self.tr("When"), self.tr("Result"), self.tr("Sent"), self.tr("Received"),
            self.tr("Rejected")])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 140)
        self.empty = QLabel(self.tr("This laptop has not synced yet."))
        self.details = QPlainTextEdit()
        self.details.setObjectName("sync_details")
        self.details.setReadOnly(True)
        self.table.currentCellChanged.connect(lambda row, *_: self._show_details(row))
        buttons = QDialogButtonBox()
        close = buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.AcceptRole)
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        self.resize(760, 480)
        self._fill(history)

    def on_changed(self, change: Change) -> None:
        """The one change signal: a sync that ended adds a run."""
        if change.sync_status:
            self.reload_requested.emit()

    def show_history(self, history: Any) -> None:
        """Show the history again (a ``desktop.app.sync.SyncHistory``)."""
        self._names = history.names
        self._fill(history.runs)

    def _fill(self, history: list[dict[str, Any]]) -> None:
        self._history = history
        self.table.setRowCount(len(history))
        for row, entry in enumerate(history):
            sent = int(entry.get("accepted", 0)) + int(entry.get("already_had", 0)) \
                + int(entry.get("conflicts", 0))
            cells = (when_text(entry.get("started_at")), status_text(str(entry.get("status"))),
                     str(sent), str(entry.get("pulled", 0)), str(entry.get("rejected", 0)))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.empty.setVisible(not history)
        if history:
            self.table.selectRow(0)
            self._show_details(0)

    def _show_details(self, row: int) -> None:
        if not 0 <= row < len(self._history):
            self.details.clear()
            return
        entry = self._history[row]
        key = "message_vi" if current_language() == "vi" else "message_en"
        lines = [
            self.tr("Started {start}, ended {end}.").format(
                start=when_text(entry.get("started_at")), end=when_text(entry.get("finished_at"))),
            self.tr("Sent: {new} new, {had} the ward already had, {conflicts} in conflict; "
                    "rejected {rejected}.").format(
                new=entry.get("accepted", 0), had=entry.get("already_had", 0),
                conflicts=entry.get("conflicts", 0), rejected=entry.get("rejected", 0)),
            self.tr("Received: {pulled} updates ({reviews} reviews, {corrections} "
                    "corrections).").format(
                pulled=entry.get("pulled", 0), reviews=entry.get("reviews", 0),
                corrections=entry.get("corrections", 0)),
            self.tr("Requests: {requests}, {kb} kB sent, {kb_in} kB received.").format(
                requests=entry.get("requests", 0),
                kb=round(int(entry.get("bytes_sent", 0)) / 1024, 1),
                kb_in=round(int(entry.get("bytes_received", 0)) / 1024, 1)),
        ]
        if entry.get(key):
            lines.append(self.tr("Why it stopped: {message}").format(message=entry[key]))
        rejected = entry.get("rejected_records") or []
        if rejected:
            lines.append(self.tr("Rejected records (fix them and sync again):"))
            for r in rejected:
                record_id = str(r.get("record_id", ""))
                who = self._names.get(record_id) or f"{record_id[:8]}…"
                lines.append(f"  • {who}: {r.get(key, '')}")
        self.details.setPlainText("\n".join(lines))
