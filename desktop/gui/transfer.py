"""Files: import records from CSV/XLSX (with a report of rejected rows) and export them.

A self-contained controller with its two actions. Both run on the database worker through
the background-work helper, with a determinate progress dialog and Cancel: Cancel stops an
import after the chunk being written (every row is stored whole or not at all) and an export
at once (no half-written file is left). The list learns of imported records from the one
change signal.

Signals:
    exported(object, int): the written file's path and how many records it holds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.app import LaptopApp
from desktop.app.types import ImportReport
from desktop.gui.export_warning import PersonalExportWarning
from desktop.gui.host import Host
from desktop.gui.i18n import current_language
from desktop.gui.settings import UiSettings
from desktop.gui.shortcuts import keys
from desktop.gui.tasks import TaskContext, TaskRunner
from desktop.gui.window_fit import keep_wrapped_text_whole

translate = QCoreApplication.translate
FILE_FILTER = "CSV, Excel (*.csv *.xlsx)"


class ImportReportDialog(QDialog):
    """What an import did: rows stored, already there, and every rejected row with why."""

    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("import_report_dialog")
        self.setWindowTitle(self.tr("Import report"))
        lang = "en" if current_language() == "en" else "vi"
        lines = [self.tr("File: {name}").format(name=report.file.name),
                 self.tr("Rows read: {rows}. Stored: {stored}. Already in this laptop: "
                         "{present}. Rejected: {rejected}.").format(
                     rows=report.rows, stored=report.stored, present=report.already_present,
                     rejected=report.rejected)]
        if report.cancelled:
            lines.append(self.tr("The import was cancelled; the rows stored so far are kept."))
        if report.consent_stamped:
            lines.append(self.tr(
                "{count} rows had consent but no consent time or notice version: they were "
                "given the time of this import and the notice in force.").format(
                    count=report.consent_stamped))
        if report.unknown_headers:
            lines.append(self.tr("Columns not recognised (ignored): {columns}").format(
                columns=", ".join(report.unknown_headers)))
        self.summary = QLabel("\n".join(lines))
        self.summary.setObjectName("import_summary")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(len(report.problems), 3)
        self.table.setObjectName("rejected_rows")
        self.table.setHorizontalHeaderLabels([self.tr("Line"), self.tr("Column"),
                                              self.tr("What to fix")])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, problem in enumerate(sorted(report.problems, key=lambda p: p.line)):
            self.table.setItem(row, 0, QTableWidgetItem(str(problem.line)))
            self.table.setItem(row, 1, QTableWidgetItem(problem.column(lang)))
            self.table.setItem(row, 2, QTableWidgetItem(problem.message(lang)))
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setVisible(bool(report.problems))
        buttons = QDialogButtonBox()
        close = buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.AcceptRole)
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        keep_wrapped_text_whole(self)
        self.resize(780, 460 if report.problems else 160)


class TransferController(QObject):
    exported = Signal(object, int)

    def __init__(self, app: LaptopApp, tasks: TaskRunner, host: Host, settings: UiSettings,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._tasks = tasks
        self._host = host
        self._settings = settings
        owner = host.dialog_parent()
        self.act_import = QAction(owner)
        self.act_import.setObjectName("act_import")
        self.act_import.setShortcut(keys("Ctrl+I"))
        self.act_import.triggered.connect(lambda _checked=False: self.run_import())
        self.act_export = QAction(owner)
        self.act_export.setObjectName("act_export")
        self.act_export.setShortcut(keys("Ctrl+E"))
        self.act_export.triggered.connect(lambda _checked=False: self.run_export())
        self.retranslate_ui()

    def actions(self) -> list[QAction]:
        return [self.act_import, self.act_export]

    def retranslate_ui(self) -> None:
        self.act_import.setText(translate("MainWindow", "&Import from file…"))
        self.act_export.setText(translate("MainWindow", "&Export to file…"))

    def run_import(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self._host.dialog_parent(), translate("transfer", "Import records"),
            self._settings.last_folder, FILE_FILTER)
        if name:
            self._settings.last_folder = str(Path(name).parent)
            self.start_import(Path(name))

    def start_import(self, path: Path) -> None:
        def job(ctx: TaskContext) -> Any:
            return self._app.transfer.import_file(
                path, progress=lambda done, total: ctx.update(done, total),
                cancel=lambda: ctx.cancelled)

        def done(report: ImportReport) -> None:
            dialog = ImportReportDialog(report, self._host.dialog_parent())
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()

        self._tasks.run_db(job, on_success=done, cancellable=True,
                           label=translate("transfer", "Importing {name}…").format(
                               name=path.name))

    def run_export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self._host.dialog_parent(), translate("transfer", "Export records"),
            str(Path(self._settings.last_folder or ".") / "ho-tro-so.xlsx"), FILE_FILTER)
        if name and PersonalExportWarning(Path(name), self._host.dialog_parent()).confirmed():
            self._settings.last_folder = str(Path(name).parent)
            self.start_export(Path(name))

    def start_export(self, path: Path) -> None:
        style: Any = "vi" if current_language() == "vi" else "en"

        def job(ctx: TaskContext) -> Any:
            # ctx.progress raises Cancelled after Cancel; the exporter then removes its
            # unfinished file.
            return self._app.transfer.export_file(
                path, style=style, progress=lambda done, total: ctx.progress(done, total))

        def done(count: int) -> None:
            self._host.show_status(translate("transfer", "{count} records written to {path}")
                                   .format(count=count, path=path), 8000)
            self.exported.emit(path, count)

        def cancelled() -> None:
            self._host.show_status(translate("transfer", "Export cancelled; no file written."),
                                   5000)

        self._tasks.run_db(job, on_success=done, on_cancelled=cancelled, cancellable=True,
                           label=translate("transfer", "Exporting to {name}…").format(
                               name=path.name))
