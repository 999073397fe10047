"""The records list with its search box, filters and counters: the left half of the window.

It shows what the store holds and keeps itself current from the one change signal
(``TaskRunner.changed``): a record saved is put on top or redrawn from the row read with the
save, a deletion or a filtered-out change re-queries the list, an import or a sync re-reads
every row, new reference data re-labels the filters and the rows. Nobody refreshes it by hand.

Signals:
    list_updated(): the list shows the result of the latest query or change.
    record_activated(object): the UUID of a record the volunteer opened (Enter, double-click).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.app import Change, LaptopApp
from desktop.app.records import ListResult
from desktop.app.types import Counts, RecordSort, SortKey
from desktop.gui.filter_bar import FilterBar
from desktop.gui.records_model import COLUMNS, RecordsTableModel
from desktop.gui.tasks import TaskRunner

translate = QCoreApplication.translate

_SORT_KEYS = {
    "assisted_on": SortKey.ASSISTED_ON, "full_name": SortKey.FULL_NAME,
    "birth_year": SortKey.BIRTH_YEAR, "neighbourhood_name": SortKey.NEIGHBOURHOOD,
    "category": SortKey.CATEGORY, "result": SortKey.RESULT, "status": SortKey.STATUS,
    "sync_state": SortKey.SYNC_STATE,
}
#: Starting column widths; a column is never narrower than its header needs.
_WIDTHS = (90, 180, 60, 90, 170, 150, 80, 130)


class RecordsPanel(QWidget):
    list_updated = Signal()
    record_activated = Signal(object)

    def __init__(self, app: LaptopApp, tasks: TaskRunner, *, today: Callable[[], date],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("records_panel")
        self._app = app
        self._tasks = tasks
        self._sort = RecordSort()
        self._generation = 0
        self._counts: Counts | None = None

        self.model = RecordsTableModel(lambda: app.reference, self._fetch_rows, today=today)
        self.filters = FilterBar(lambda: app.reference, today=today())
        self.table = QTableView()
        self.table.setObjectName("records_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # Left-aligned and elided at the end: a narrow column never shows the middle of a
        # word ("ghbourho"), and widths follow the header text in each language.
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setMinimumWidth(240)
        for column, width in enumerate(_WIDTHS):
            self.table.setColumnWidth(column, width)

        self.counts_label = QLabel()
        self.counts_label.setObjectName("counts")
        self.counts_label.setWordWrap(True)
        # Wraps instead of widening the window; its height follows its width.
        self.counts_label.setSizePolicy(QSizePolicy.Policy.Ignored,
                                        QSizePolicy.Policy.Preferred)
        self.total_label = QLabel()
        self.total_label.setObjectName("total")
        self.top_bar = QHBoxLayout()
        self.top_bar.addWidget(self.counts_label, 1)
        self.banners = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(self.top_bar)
        layout.addLayout(self.banners)
        layout.addWidget(self.filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.total_label)

        self.filters.filter_changed.connect(self.refresh)
        self.filters.search.returnPressed.connect(self._on_search_return)
        header.sortIndicatorChanged.connect(self._on_sort_changed)
        self.table.activated.connect(self._on_row_activated)
        tasks.changed.connect(self._on_changed)
        self.retranslate_ui()

    # --- language ---------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.model.retranslate()
        self._fit_headers()
        self._show_counts(self._counts)
        self._update_total()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _fit_headers(self) -> None:
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount()):
            if header.sectionResizeMode(column) == QHeaderView.ResizeMode.Stretch:
                continue
            needed = header.sectionSizeHint(column)
            if header.sectionSize(column) < needed:
                header.resizeSection(column, needed)
        header.setMinimumSectionSize(min(header.sectionSizeHint(c)
                                         for c in range(self.model.columnCount())))

    # --- the list ---------------------------------------------------------------------------

    def _fetch_rows(self, ids: list[uuid.UUID], deliver: Callable[[list[Any]], None]) -> None:
        self._tasks.run_db(lambda ctx: self._app.records.fetch_rows(ids), on_success=deliver)

    def refresh(self, *, select: uuid.UUID | None = None) -> None:
        """Query the list again (filters, sort) and the counters."""
        self._generation += 1
        generation = self._generation
        flt = self.filters.current_filter()
        sort = self._sort
        label = translate("MainWindow", "Sorting the list…") if sort.key is SortKey.FULL_NAME \
            else ""
        self._tasks.run_db(
            lambda ctx: self._app.records.query(flt, sort, ctx.progress),
            on_success=lambda result: self._on_list_loaded(generation, result, select),
            label=label, cancellable=bool(label))

    def _on_list_loaded(self, generation: int, result: ListResult,
                        select: uuid.UUID | None) -> None:
        if generation != self._generation:
            return  # a newer search was typed meanwhile
        self.model.set_ids(result.ids)
        ids = result.ids
        if not self._tasks.closed:  # a list delivered while the app shuts down
            self._tasks.run_db(lambda ctx: self._app.records.index_ids(ids))
        self._show_counts(result.counts)
        self._update_total()
        if select is not None:
            self.select_record(select)
        self.list_updated.emit()

    def _refresh_counts(self) -> None:
        self._tasks.run_db(lambda ctx: self._app.records.counts(), on_success=self._show_counts)

    def _show_counts(self, counts: Counts | None) -> None:
        self._counts = counts
        if counts is None:
            self.counts_label.clear()
            return
        self.counts_label.setText(translate(
            "MainWindow", "Helped today: {today} · this week: {week} · this month: {month}")
            .format(today=counts.today, week=counts.week, month=counts.month))

    def _update_total(self) -> None:
        self.total_label.setText(translate("MainWindow", "{count} records in the list").format(
            count=f"{self.model.rowCount():,}".replace(",", ".")))

    # --- what changed -----------------------------------------------------------------------

    def _on_changed(self, change: Change) -> None:
        if change.reference:
            self.filters.reference_changed()
            self.model.retranslate()
        if not change.records:
            return
        if change.records_many or change.deleted:
            self.model.invalidate_all()
            self.refresh()
            return
        plain = self.filters.is_default() and self._sort == RecordSort()
        for record_id in change.updated:
            if self.model.row_of(record_id) < 0:
                self.refresh(select=record_id)  # e.g. a deleted record brought back
                return
            self.model.invalidate([record_id], change.row(record_id))
        for record_id in change.created:
            if not plain:
                self.refresh(select=record_id)
                return
            # Newest help first: a new record of today goes on top; no need to re-query.
            self.model.prepend(record_id, change.row(record_id))
        self._update_total()
        self.list_updated.emit()
        self._refresh_counts()

    # --- selection --------------------------------------------------------------------------

    def select_record(self, record_id: uuid.UUID) -> None:
        row = self.model.row_of(record_id)
        if row < 0:
            return
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)

    def selected_record_id(self) -> uuid.UUID | None:
        index = self.table.currentIndex()
        return self.model.record_id(index.row()) if index.isValid() else None

    def _on_sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        key = _SORT_KEYS.get(COLUMNS[column][0], SortKey.ASSISTED_ON)
        self._sort = RecordSort(key=key, descending=order == Qt.SortOrder.DescendingOrder)
        self.refresh()

    def focus_search(self) -> None:
        self.filters.search.setFocus()
        self.filters.search.selectAll()

    def _on_search_return(self) -> None:
        self.filters.flush()
        self.table.setFocus()
        if self.model.rowCount():
            self.table.selectRow(0)

    def _on_row_activated(self, index: QModelIndex) -> None:
        record_id = self.model.record_id(index.row())
        if record_id is not None:
            self.record_activated.emit(record_id)
