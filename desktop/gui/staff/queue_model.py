"""The review queue as a lazy table model: pages of 100 from the ward server, fetched only
as the view scrolls (``canFetchMore`` / ``fetchMore``), holding ids and row data.

The model does not know about HTTP: it is given a ``loader(offset, limit, deliver)`` that
starts the fetch (in the app, on the network worker of the background-work helper) and later
calls ``deliver(rows)`` on the GUI thread, or ``deliver(None)`` when it failed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from desktop.app.staff import PAGE_SIZE, RecordSummary
from desktop.gui.i18n import current_language
from desktop.gui.staff.values import show_value
from sync.contract.labels import Lang
from sync.contract.normalize import search_key
from sync.contract.reference import ReferenceData

translate = QCoreApplication.translate
Deliver = Callable[[list[RecordSummary] | None], None]
Loader = Callable[[int, int, Deliver], None]
Index = QModelIndex | QPersistentModelIndex

COLUMNS = ("assisted_on", "full_name", "neighbourhood_code", "category", "result",
           "review_state", "flagged")


def review_state_label(state: str) -> str:
    labels = {
        "received": translate("StaffQueue", "Received"),
        "approved": translate("StaffQueue", "Approved"),
        "has_issues": translate("StaffQueue", "Needs fixing"),
        "rejected": translate("StaffQueue", "Rejected"),
        "fixed": translate("StaffQueue", "Fixed, re-check"),
    }
    return labels.get(state, state)


class ReviewQueueModel(QAbstractTableModel):
    """Rows of :class:`RecordSummary`, fetched page by page.

    Signals:
        loading_changed(bool): a page fetch started / ended.
        load_failed(): the last fetch failed (the window's banner says why).
    """

    loading_changed = Signal(bool)
    load_failed = Signal()

    def __init__(self, reference: ReferenceData, loader: Loader, *,
                 page_size: int = PAGE_SIZE) -> None:
        super().__init__()
        self._reference = reference
        self._loader = loader
        self._page = page_size
        self._rows: list[RecordSummary] = []
        self._row_of: dict[str, int] = {}
        self._more = True
        self._loading = False
        self._generation = 0  # a reset makes pages still on their way stale

    # --- loading ----------------------------------------------------------------------------

    def reset(self, loader: Loader | None = None) -> None:
        """Forget every row and start again (new filters: a new loader)."""
        self.beginResetModel()
        if loader is not None:
            self._loader = loader
        self._rows, self._row_of = [], {}
        self._more, self._loading = True, False
        self._generation += 1
        self.endResetModel()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more and not self._loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        self._loading = True
        self.loading_changed.emit(True)
        generation = self._generation

        def deliver(rows: list[RecordSummary] | None) -> None:
            if generation != self._generation:
                return
            self._loading = False
            self.loading_changed.emit(False)
            if rows is None:
                self.load_failed.emit()
                return
            self._more = len(rows) >= self._page
            fresh = [r for r in rows if r.id not in self._row_of]
            if fresh:
                first = len(self._rows)
                self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
                for row in fresh:
                    self._row_of[row.id] = len(self._rows)
                    self._rows.append(row)
                self.endInsertRows()

        self._loader(len(self._rows), self._page, deliver)

    @property
    def loading(self) -> bool:
        return self._loading

    @property
    def has_more(self) -> bool:
        return self._more

    # --- rows -------------------------------------------------------------------------------

    def summary(self, row: int) -> RecordSummary:
        return self._rows[row]

    def row_of(self, record_id: str) -> int | None:
        return self._row_of.get(record_id)

    def set_review(self, record_id: str, state: str, comment: str) -> None:
        """Show a review the server accepted, without fetching the page again."""
        row = self._row_of.get(record_id)
        if row is None:
            return
        self._rows[row] = replace(self._rows[row], review_state=state, review_comment=comment)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def replace_summary(self, summary: RecordSummary) -> None:
        row = self._row_of.get(summary.id)
        if row is None:
            return
        self._rows[row] = replace(summary, versions=())
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def search_text(self, row: int) -> str:
        """What the search box matches: the words of every column and the id, folded."""
        summary = self._rows[row]
        words = [self._cell(summary, c) for c in range(len(COLUMNS))]
        record = summary.record
        words += [summary.id, str(record.get("phone") or ""), str(record.get("cccd") or ""),
                  str(record.get("address") or ""), str(record.get("volunteer_name") or "")]
        return search_key(" ".join(words))

    # --- Qt model API ---------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if not 0 <= section < len(COLUMNS):
            return None
        titles = {
            "assisted_on": translate("StaffQueue", "Date helped"),
            "full_name": translate("StaffQueue", "Name"),
            "neighbourhood_code": translate("StaffQueue", "Neighbourhood"),
            "category": translate("StaffQueue", "Assistance"),
            "result": translate("StaffQueue", "Result"),
            "review_state": translate("StaffQueue", "Review"),
            "flagged": translate("StaffQueue", "Conflict"),
        }
        return titles[COLUMNS[section]]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        summary = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self._cell(summary, index.column())
            if role == Qt.ItemDataRole.ToolTipRole and COLUMNS[index.column()] == "review_state":
                return summary.review_comment or text
            return text
        if role == Qt.ItemDataRole.UserRole:
            return summary.id
        if role == Qt.ItemDataRole.ForegroundRole and COLUMNS[index.column()] == "flagged" \
                and summary.flagged:
            return QBrush(QColor("#a04000"))
        return None

    def _cell(self, summary: RecordSummary, column: int) -> str:
        name = COLUMNS[column]
        lang: Lang = "vi" if current_language() == "vi" else "en"
        if name == "review_state":
            return review_state_label(summary.review_state)
        if name == "flagged":
            return translate("StaffQueue", "⚠ Conflict") if summary.flagged else ""
        if name == "neighbourhood_code":
            return show_value(name, summary.record.get(name) or summary.neighbourhood_code,
                              self._reference, lang)
        return show_value(name, summary.record.get(name), self._reference, lang)


class QueueFilter(QSortFilterProxyModel):
    """The search box over the loaded rows, with the laptop's accent-insensitive key."""

    def __init__(self) -> None:
        super().__init__()
        self._words: list[str] = []

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._words = search_key(text).split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._words:
            return True
        source = self.sourceModel()
        assert isinstance(source, ReviewQueueModel)
        haystack = source.search_text(source_row)
        return all(word in haystack for word in self._words)
