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
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from desktop.app.staff import PAGE_SIZE, RecordSummary
from desktop.gui.i18n import current_language
from desktop.gui.staff.paged_model import PagedModel
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


class ReviewQueueModel(PagedModel[RecordSummary, list[RecordSummary]]):
    """Rows of :class:`RecordSummary`, fetched page by page (offset pages: a short page is
    the last)."""

    def __init__(self, reference: ReferenceData, loader: Loader, *,
                 page_size: int = PAGE_SIZE) -> None:
        super().__init__(loader, page_size=page_size)
        self._reference = reference

    def _unpack(self, page: list[RecordSummary]) -> tuple[list[RecordSummary], bool]:
        return page, len(page) >= self._page

    def _key(self, row: RecordSummary) -> str:
        return row.id

    # --- rows -------------------------------------------------------------------------------

    def summary(self, row: int) -> RecordSummary:
        return self._rows[row]

    def set_review(self, record_id: str, state: str, comment: str) -> None:
        """Show a review the server accepted, without fetching the page again."""
        row = self._row_of.get(record_id)
        if row is not None:
            self._replace(record_id, replace(self._rows[row], review_state=state,
                                             review_comment=comment))

    def replace_summary(self, summary: RecordSummary) -> None:
        self._replace(summary.id, replace(summary, versions=()))

    def search_text(self, row: int) -> str:
        """What the search box matches: the words of every column and the id, folded."""
        summary = self._rows[row]
        words = [self._cell(summary, c) for c in range(len(COLUMNS))]
        record = summary.record
        words += [summary.id, str(record.get("phone") or ""), str(record.get("cccd") or ""),
                  str(record.get("address") or ""), str(record.get("volunteer_name") or "")]
        return search_key(" ".join(words))

    # --- Qt model API ---------------------------------------------------------------------------

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
