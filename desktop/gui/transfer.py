"""File menu: import records from CSV/XLSX (with a report of rejected rows) and export them.

Both run on the database worker through the background-work helper, with a progress dialog
for long files; Cancel stops an import after the chunk being written (every row is stored
whole or not at all).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
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

from desktop.gui.i18n import current_language
from desktop.gui.tasks import TaskContext
from desktop.io.exporter import export_file
from desktop.io.importer import ImportReport, import_file

if TYPE_CHECKING:
    from desktop.gui.main_window import MainWindow

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
        self.resize(780, 460 if report.problems else 160)


def run_import(window: MainWindow) -> None:
    name, _ = QFileDialog.getOpenFileName(
        window, translate("transfer", "Import records"), window.settings.last_folder,
        FILE_FILTER)
    if name:
        window.settings.last_folder = str(Path(name).parent)
        start_import(window, Path(name))


def start_import(window: MainWindow, path: Path) -> None:
    store = window.services.store
    actor = window.profile.volunteer_name

    def job(ctx: TaskContext) -> ImportReport:
        return import_file(store, path, actor=actor,
                           progress=lambda done, total: ctx.update(done, total),
                           cancel=lambda: ctx.cancelled)

    def done(report: ImportReport) -> None:
        window.refresh_list()
        dialog = ImportReportDialog(report, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    window.tasks.run_db(job, on_success=done, cancellable=True,
                        label=translate("transfer", "Importing {name}…").format(
                            name=path.name))


def run_export(window: MainWindow) -> None:
    name, _ = QFileDialog.getSaveFileName(
        window, translate("transfer", "Export records"),
        str(Path(window.settings.last_folder or ".") / "ho-tro-so.xlsx"), FILE_FILTER)
    if name:
        window.settings.last_folder = str(Path(name).parent)
        start_export(window, Path(name))


def start_export(window: MainWindow, path: Path) -> None:
    store = window.services.store
    style: Any = "vi" if current_language() == "vi" else "en"

    def done(count: int) -> None:
        window.statusBar().showMessage(translate("transfer", "{count} records written to {path}")
                                       .format(count=count, path=path), 8000)
        window.exported.emit(path, count)

    window.tasks.run_db(lambda ctx: export_file(store, path, style=style), on_success=done,
                        label=translate("transfer", "Exporting to {name}…").format(
                            name=path.name))


BUNDLE_FILTER = "Hỗ trợ số bundle (*.hotroso-bundle)"


def run_export_bundle(window: MainWindow) -> None:
    """File → Export data bundle (USB): every unsent record in one file for the ward."""
    stamp = window.services.today().strftime("%Y-%m-%d")
    name, _ = QFileDialog.getSaveFileName(
        window, translate("transfer", "Export data bundle for the ward"),
        str(Path(window.settings.last_folder or ".") / f"ho-tro-so-{stamp}.hotroso-bundle"),
        BUNDLE_FILTER)
    if name:
        window.settings.last_folder = str(Path(name).parent)
        path = Path(name)
        start_export_bundle(window, path if path.suffix else path.with_suffix(".hotroso-bundle"))


def start_export_bundle(window: MainWindow, path: Path) -> None:
    sync = window.sync_services

    def done(count: int) -> None:
        window.statusBar().showMessage(translate(
            "transfer", "{count} unsent records written to {path}. Take the file to the ward; "
            "the next sync tells this laptop the outcome.").format(count=count, path=path),
            10000)
        window.exported.emit(path, count)

    window.tasks.run_db(lambda ctx: sync.export_bundle(path), on_success=done,
                        label=translate("transfer", "Writing {name}…").format(name=path.name))
