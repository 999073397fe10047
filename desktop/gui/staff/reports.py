"""The staff report screen: a period's figures by neighbourhood, kind of help, procedure,
volunteer, result and place, beside the previous period; bars per neighbourhood and the trend
per week or month; the records behind any number (double-click it); the report as Excel,
PDF or CSV; locking the period ("chốt số liệu") and unlocking it with a reason.

Every request runs on the network worker of the one background helper (the file is written
there too, atomically); a team lead's figures are their neighbourhood's (the server limits
them), and only staff and administrators lock, unlock and change the report's header.
"""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCharts import QChartView
from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.app.staff import Identity, StaffClient
from desktop.app.staff_reports import ReportOut, ReportRecordsPage, ReportSettingsBody, ward_reports
from desktop.gui.i18n import current_language
from desktop.gui.staff.failures import show_failure
from desktop.gui.staff.period_picker import PeriodPicker
from desktop.gui.staff.report_charts import neighbourhood_chart, trend_chart
from desktop.gui.staff.report_models import (
    FIGURE_COLUMNS,
    Deliver,
    FigureTableModel,
    RecordsBehindModel,
    change_text,
    number,
)
from desktop.gui.tasks import TaskContext, TaskRunner
from desktop.gui.wheel_guard import guard_wheel
from desktop.gui.window_fit import fit_screen
from sync.contract.reference import ReferenceData

BREAKDOWNS = ("neighbourhood", "category", "procedure", "volunteer", "result", "place")
FILTERS = {"xlsx": "Excel (*.xlsx)", "pdf": "PDF (*.pdf)", "csv": "CSV (*.csv)"}


def write_atomically(path: Path, data: bytes) -> None:
    """The whole file or nothing: a cancelled or failed export leaves no half file."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class ReportWindow(QWidget):
    """Signals:
        report_shown(): a period's figures arrived and are shown.
        records_shown(int): the first page of the records behind a number arrived (count).
        exported(str): a report file was written (its path).
        lock_changed(bool): the period was locked (True) or unlocked (False).
        failed(str): a request failed (the error's code), its message is on screen.
    """

    report_shown = Signal()
    records_shown = Signal(int)
    exported = Signal(str)
    lock_changed = Signal(bool)
    failed = Signal(str)

    def __init__(self, client: StaffClient, identity: Identity, tasks: TaskRunner,
                 reference: ReferenceData, *, today: date, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("report_window")
        self.client = client
        self.identity = identity
        self.tasks = tasks
        self.reference = reference
        self.today = today
        self.report: ReportOut | None = None
        self._shown: tuple[date, date] | None = None
        self._settings_dialog: ReportSettingsDialog | None = None
        self._build()
        self.retranslate_ui()
        fit_screen(self)

    # --- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.picker = PeriodPicker(self.today)
        self.scope = QComboBox()
        self.scope.setObjectName("report_scope")
        guard_wheel([self.scope])
        self.show_button = QPushButton()
        self.show_button.setObjectName("report_show")
        self.show_button.setDefault(True)
        self.show_button.clicked.connect(self.load)
        top = QHBoxLayout()
        top.addWidget(self.picker)
        top.addWidget(self.scope)
        top.addWidget(self.show_button)
        top.addStretch(1)

        self.summary = QLabel()
        self.summary.setObjectName("report_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.lock_label = QLabel()
        self.lock_label.setObjectName("report_lock_state")
        self.lock_label.setWordWrap(True)

        self.breakdown = QComboBox()
        self.breakdown.setObjectName("report_breakdown")
        guard_wheel([self.breakdown])
        self.breakdown.currentIndexChanged.connect(lambda _i: self._show_breakdown())
        self.model = FigureTableModel()
        self.table = QTableView()
        self.table.setObjectName("report_table")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 6):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.table.activated.connect(self._on_table_double_clicked)
        self._breakdown_label = QLabel()
        table_box = QWidget()
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self._breakdown_label)
        row.addWidget(self.breakdown, 1)
        table_layout.addLayout(row)
        table_layout.addWidget(self.table, 1)

        self.records_model = RecordsBehindModel(self.reference)
        self.records_model.loading_changed.connect(self._on_records_loading_changed)
        self.records = QTableView()
        self.records.setObjectName("report_records")
        self.records.setModel(self.records_model)
        self.records.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.records.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.records.verticalHeader().hide()
        self.records.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((84, 150, 90, 220, 110, 130)):
            self.records.setColumnWidth(column, width)
        self.records_title = QLabel()
        self.records_title.setObjectName("report_records_title")
        self.records_title.setWordWrap(True)
        records_box = QWidget()
        records_layout = QVBoxLayout(records_box)
        records_layout.setContentsMargins(0, 0, 0, 0)
        records_layout.addWidget(self.records_title)
        records_layout.addWidget(self.records, 1)

        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(table_box)
        left.addWidget(records_box)
        left.setSizes([330, 200])

        self.bars = QChartView()
        self.bars.setObjectName("report_bars")
        self.trend = QChartView()
        self.trend.setObjectName("report_trend")
        for view in (self.bars, self.trend):
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(220)
        self.charts = QTabWidget()
        self.charts.setObjectName("report_charts")
        self.charts.addTab(self.bars, "")
        self.charts.addTab(self.trend, "")

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.charts)
        splitter.setSizes([700, 560])

        self.export_buttons: dict[str, QPushButton] = {}
        actions = QHBoxLayout()
        for fmt in ("xlsx", "pdf", "csv"):
            button = QPushButton()
            button.setObjectName(f"report_export_{fmt}")
            button.setEnabled(False)
            button.clicked.connect(lambda _c=False, f=fmt: self.ask_export(f))
            self.export_buttons[fmt] = button
            actions.addWidget(button)
        actions.addStretch(1)
        self.lock_button = QPushButton()
        self.lock_button.setObjectName("report_lock")
        self.lock_button.setEnabled(False)
        self.lock_button.clicked.connect(self.ask_lock)
        self.settings_button = QPushButton()
        self.settings_button.setObjectName("report_settings")
        self.settings_button.clicked.connect(self.edit_settings)
        actions.addWidget(self.lock_button)
        actions.addWidget(self.settings_button)
        may_decide = self.identity.may_decide
        self.lock_button.setVisible(may_decide)
        self.settings_button.setVisible(may_decide)

        self.feedback = QLabel()
        self.feedback.setObjectName("report_feedback")
        self.feedback.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.lock_label)
        layout.addWidget(splitter, 1)
        layout.addLayout(actions)
        layout.addWidget(self.feedback)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Hỗ trợ số — reports"))
        self.picker.retranslate_ui()
        self.show_button.setText(self.tr("&Show report"))
        self._breakdown_label.setText(self.tr("By:"))
        names = (self.tr("Neighbourhood"), self.tr("Kind of help"),
                 self.tr("Procedure (online level)"), self.tr("Volunteer"), self.tr("Result"),
                 self.tr("Place"))
        index = self.breakdown.currentIndex()
        blocked = self.breakdown.blockSignals(True)
        self.breakdown.clear()
        for value, name in zip(BREAKDOWNS, names, strict=True):
            self.breakdown.addItem(name, value)
        self.breakdown.setCurrentIndex(max(0, index))
        self.breakdown.blockSignals(blocked)
        self._fill_scope()
        self.charts.setTabText(0, self.tr("&Neighbourhoods"))
        self.charts.setTabText(1, self.tr("T&rend"))
        self.export_buttons["xlsx"].setText(self.tr("Export &Excel…"))
        self.export_buttons["pdf"].setText(self.tr("Export &PDF (A4)…"))
        self.export_buttons["csv"].setText(self.tr("Export C&SV…"))
        self.settings_button.setText(self.tr("Report &header…"))
        if not self.records_model.rowCount():
            self.records_title.setText(self.tr("Double-click a number to list the records "
                                               "behind it."))
        self._show_report()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
            self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 5)
            self.records_model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 6)
        super().changeEvent(event)

    def _fill_scope(self) -> None:
        blocked = self.scope.blockSignals(True)
        chosen = self.scope.currentData()
        self.scope.clear()
        if self.identity.role == "team_lead" or not self.identity.may_decide:
            code = self.identity.neighbourhood_code
            unit = self.reference.neighbourhood(code) if code else None
            self.scope.addItem(unit.name if unit else self.tr("My neighbourhood"), None)
            self.scope.setEnabled(False)
        else:
            self.scope.addItem(self.tr("The whole ward"), None)
            for unit in self.reference.current_neighbourhoods(self.today):
                self.scope.addItem(unit.name, unit.code)
            self.scope.setCurrentIndex(max(0, self.scope.findData(chosen)))
        self.scope.blockSignals(blocked)

    # --- loading ----------------------------------------------------------------------------

    def load(self) -> None:
        """Fetch the chosen period's figures."""
        start, end = self.picker.dates()
        scope = self.scope.currentData()
        self.feedback.clear()
        self.show_button.setEnabled(False)

        def work(_ctx: TaskContext) -> ReportOut:
            return ward_reports.figures(self.client, start, end, neighbourhood=scope)

        def done(report: ReportOut) -> None:
            self.show_button.setEnabled(True)
            self.report = report
            self._shown = (start, end)
            self.records_model.reset(None)
            self.records_title.setText(self.tr("Double-click a number to list the records "
                                               "behind it."))
            self._show_report()
            self.report_shown.emit()

        def failed(exc: BaseException) -> None:
            self.show_button.setEnabled(True)
            self.on_failure(exc)

        self.tasks.run_net(work, on_success=done, on_failure=failed, parent=self)

    def _show_report(self) -> None:
        report = self.report
        for button in self.export_buttons.values():
            button.setEnabled(report is not None)
        self.lock_button.setEnabled(report is not None and report.neighbourhood is None)
        if report is None:
            self.summary.setText(self.tr("Choose a period and press Show report."))
            self.lock_label.clear()
            return
        vi = current_language() == "vi"
        cur, prev = report.current, report.previous
        period = cur.period.label_vi if vi else cur.period.label_en
        dates = f"{cur.period.start:%d/%m/%Y} – {cur.period.end:%d/%m/%Y}"
        where = report.neighbourhood_name or self.tr("the whole ward")
        previous = prev.period.label_vi if vi else prev.period.label_en
        text = self.tr(
            "<b>%1</b> (%2), %3: <b>%4</b> records (helps), <b>%5</b> residents, "
            "<b>%6</b> online dossiers. Compared with %7: records %8, residents %9.")
        for key, value in (
            ("%1", period), ("%2", dates), ("%3", where), ("%4", number(cur.total.records)),
            ("%5", number(cur.total.residents)), ("%6", number(cur.total.online_dossiers)),
            ("%7", previous), ("%8", change_text(cur.total.records, prev.total.records)),
            ("%9", change_text(cur.total.residents, prev.total.residents)),
        ):
            text = text.replace(key, value)
        self.summary.setText(text)
        if report.locked is not None:
            lock = report.locked
            state = self.tr("Locked figures (chốt số liệu) by %1 on %2.").replace(
                "%1", lock.locked_by).replace("%2", f"{lock.locked_at:%d/%m/%Y %H:%M}")
            if lock.changed_records:
                state += " " + self.tr("%1 of its records changed since: they are kept and "
                                       "flagged, the locked report stays as it was.").replace(
                    "%1", number(lock.changed_records))
            self.lock_label.setText(state)
            self.lock_label.setStyleSheet("background: #fff4ce; padding: 4px;")
            self.lock_button.setText(self.tr("&Unlock…"))
        else:
            self.lock_label.setText(self.tr("Live figures (not locked)."))
            self.lock_label.setStyleSheet("")
            self.lock_button.setText(self.tr("&Lock figures…"))
        self._show_breakdown()
        self._show_charts()

    def _show_breakdown(self) -> None:
        if self.report is None:
            return
        name = self.breakdown.currentData() or "neighbourhood"
        rows = next((b.rows for b in self.report.current.breakdowns if b.breakdown == name), [])
        before = next((b.rows for b in self.report.previous.breakdowns
                       if b.breakdown == name), [])
        self.model.set_rows(rows, before)

    def _show_charts(self) -> None:
        if self.report is None:
            return
        cur, prev = self.report.current, self.report.previous
        rows = next((b.rows for b in cur.breakdowns if b.breakdown == "neighbourhood"), [])
        before = next((b.rows for b in prev.breakdowns if b.breakdown == "neighbourhood"), [])
        self.bars.setChart(neighbourhood_chart(rows, before))
        vi = current_language() == "vi"
        self.trend.setChart(trend_chart(
            [p.label_vi if vi else p.label_en for p in cur.trend],
            [p.records for p in cur.trend], [p.online_dossiers for p in cur.trend],
            weekly=cur.granularity == "week"))

    # --- the records behind a number --------------------------------------------------------

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        column = index.column() if index.column() in FIGURE_COLUMNS else 1
        self.show_records(self.breakdown.currentData() or "neighbourhood", index.row(), column)

    def show_records(self, breakdown: str, row: int, column: int = 1) -> None:
        """List the records behind row ``row`` of ``breakdown`` (``"total"``: all)."""
        if self.report is None or self._shown is None:
            return
        start, end = self._shown
        scope = self.report.neighbourhood if self.identity.may_decide else None
        if breakdown == "total":
            code, figure = "", self.report.current.total
        else:
            figure = self.model.row_at(row)
            code = figure.code
        vi = current_language() == "vi"
        self.records_title.setText(self.tr("Records behind “%1”: %2 records").replace(
            "%1", figure.name_vi if vi else figure.name_en).replace(
            "%2", number(figure.records)))
        first = [True]

        def loader(offset: int, limit: int, deliver: Deliver) -> None:
            def work(_ctx: TaskContext) -> ReportRecordsPage:
                return ward_reports.records_behind(self.client, start, end, breakdown, code,
                                                   neighbourhood=scope, limit=limit,
                                                   offset=offset)

            def done(page: ReportRecordsPage) -> None:
                deliver(page)
                if first[0]:
                    first[0] = False
                    self.records_shown.emit(len(page.items))

            def failed(exc: BaseException) -> None:
                deliver(None)
                self.on_failure(exc)

            self.tasks.run_net(work, on_success=done, on_failure=failed, parent=self)

        self.records_model.reset(loader)
        self.records_model.fetchMore()

    def _on_records_loading_changed(self, loading: bool) -> None:
        self.records.setEnabled(not loading or self.records_model.rowCount() > 0)

    # --- files ------------------------------------------------------------------------------

    def ask_export(self, fmt: str) -> None:
        if self._shown is None:
            return
        start, end = self._shown
        suggested = Path.home() / f"bao-cao_{start.isoformat()}_{end.isoformat()}.{fmt}"
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the report"), str(suggested), FILTERS[fmt])
        if path:
            if not path.lower().endswith(f".{fmt}"):
                path += f".{fmt}"
            self.export_to(fmt, Path(path))

    def export_to(self, fmt: str, path: Path) -> None:
        """Make the report file on the server and write it to ``path`` (progress dialog
        after a moment; Cancel leaves no file)."""
        if self._shown is None or self.report is None:
            return
        start, end = self._shown
        scope = self.report.neighbourhood if self.identity.may_decide else None

        def work(ctx: TaskContext) -> str:
            ctx.progress(0, 0, self.tr("Making the report…"))
            data = ward_reports.export(self.client, start, end, fmt, neighbourhood=scope)
            ctx.check_cancelled()
            write_atomically(path, data)
            return str(path)

        def done(written: str) -> None:
            self.feedback.setText(self.tr("Saved %1").replace("%1", written))
            self.exported.emit(written)

        self.tasks.run_net(work, on_success=done, on_failure=self.on_failure,
                           label=self.tr("Making the report…"), cancellable=True, parent=self)

    # --- locking ----------------------------------------------------------------------------

    def ask_lock(self) -> None:
        if self.report is None:
            return
        if self.report.locked is None:
            answer = QMessageBox.question(
                self, self.tr("Lock the figures"),
                self.tr("Lock the figures of this period? Its report will print the same "
                        "from now on; later changes of its records are kept and flagged."))
            if answer == QMessageBox.StandardButton.Yes:
                self.set_locked(True)
            return
        reason, ok = QInputDialog.getMultiLineText(
            self, self.tr("Unlock the figures"),
            self.tr("Why are the locked figures unlocked? (required, kept in the audit log)"))
        if ok:
            self.set_locked(False, reason)

    def set_locked(self, locked: bool, reason: str = "") -> None:
        if self._shown is None:
            return
        start, end = self._shown
        if not locked and not reason.strip():
            self.feedback.setText(self.tr("Unlocking needs a reason: write why the figures "
                                          "are opened again."))
            self.failed.emit("reason_missing")
            return

        def work(_ctx: TaskContext) -> Any:
            if locked:
                return ward_reports.lock(self.client, start, end)
            return ward_reports.unlock(self.client, start, end, reason.strip())

        def done(_answer: Any) -> None:
            self.feedback.setText(self.tr("The figures are locked.") if locked
                                  else self.tr("The figures are unlocked."))
            self.lock_changed.emit(locked)
            self.load()

        self.tasks.run_net(work, on_success=done, on_failure=self.on_failure, parent=self)

    # --- settings ---------------------------------------------------------------------------

    def edit_settings(self) -> None:
        def work(_ctx: TaskContext) -> ReportSettingsBody:
            return ward_reports.get_settings(self.client)

        def done(settings: ReportSettingsBody) -> None:
            dialog = ReportSettingsDialog(settings, self)
            dialog.accepted.connect(lambda: self.save_settings(dialog.settings()))
            dialog.open()
            self._settings_dialog = dialog

        self.tasks.run_net(work, on_success=done, on_failure=self.on_failure, parent=self)

    def save_settings(self, settings: ReportSettingsBody) -> None:
        def done(_saved: ReportSettingsBody) -> None:
            self.feedback.setText(self.tr("The report header is saved."))

        self.tasks.run_net(lambda _ctx: ward_reports.put_settings(self.client, settings),
                           on_success=done, on_failure=self.on_failure, parent=self)

    # --- failures ---------------------------------------------------------------------------

    def on_failure(self, exc: BaseException) -> bool:
        return show_failure(self, exc, self.feedback, self.failed)


class ReportSettingsDialog(QDialog):
    """The PDF report's header and signature (Nghị định 30/2020): the issuing body, the
    document number and symbol, the place, the signer's title and name, the subject."""

    def __init__(self, settings: ReportSettingsBody, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Report header and signature"))
        self._original = settings
        self.issuing = QPlainTextEdit("\n".join(settings.issuing_body))
        self.number = QLineEdit(settings.number)
        self.symbol = QLineEdit(settings.symbol)
        self.place = QLineEdit(settings.place_name)
        self.titles = QPlainTextEdit("\n".join(settings.signer_titles))
        self.signer = QLineEdit(settings.signer_name)
        self.subject = QLineEdit(settings.subject)
        for edit in (self.issuing, self.titles):
            edit.setFixedHeight(64)
        form = QFormLayout(self)
        form.addRow(self.tr("Issuing body (one line each):"), self.issuing)
        form.addRow(self.tr("Report number:"), self.number)
        form.addRow(self.tr("Symbol:"), self.symbol)
        form.addRow(self.tr("Place (ward name):"), self.place)
        form.addRow(self.tr("Signer's title (one line each):"), self.titles)
        form.addRow(self.tr("Signer's name:"), self.signer)
        form.addRow(self.tr("Subject:"), self.subject)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def settings(self) -> ReportSettingsBody:
        def lines(edit: QPlainTextEdit) -> list[str]:
            return [line.strip() for line in edit.toPlainText().splitlines() if line.strip()]

        return self._original.model_copy(update={
            "issuing_body": lines(self.issuing), "number": self.number.text().strip(),
            "symbol": self.symbol.text().strip(), "place_name": self.place.text().strip(),
            "signer_titles": lines(self.titles), "signer_name": self.signer.text().strip(),
            "subject": self.subject.text().strip()})

