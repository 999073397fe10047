"""The report screen's table models: one breakdown's rows beside the previous period's, and
the records behind a figure, fetched page by page as the view scrolls (``fetchMore``).

Neither model knows HTTP: the drill-down is given a ``loader(offset, limit, deliver)`` that
starts a fetch on the background helper and later calls ``deliver(page)`` on the GUI thread
(``None`` when it failed), as the review queue's model is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from desktop.app.staff_reports import FigureRowOut, ReportRecordItem, ReportRecordsPage
from desktop.gui.i18n import current_language
from desktop.gui.staff.paged_model import PagedModel
from desktop.gui.staff.queue_model import review_state_label
from sync.contract.labels import Lang, label
from sync.contract.record import Result
from sync.contract.reference import ReferenceData

translate = QCoreApplication.translate
Index = QModelIndex | QPersistentModelIndex
Deliver = Callable[[ReportRecordsPage | None], None]
Loader = Callable[[int, int, Deliver], None]
#: Which figure a column shows (the drill-down lists the records behind any of them).
FIGURE_COLUMNS = (1, 4)


def number(value: int) -> str:
    """12345 -> "12.345" in Vietnamese, "12,345" in English."""
    text = f"{value:,}"
    return text.replace(",", ".") if current_language() == "vi" else text


def change_text(now: int, before: int) -> str:
    """"+12 (+25%)", "−3 (−10%)", "+5 (mới)" when there was nothing before."""
    diff = now - before
    sign = "+" if diff > 0 else ("−" if diff < 0 else "±")
    if before == 0:
        tail = translate("ReportModels", "new") if now else "—"
        return f"{sign}{number(abs(diff))} ({tail})"
    percent = round(abs(diff) * 100 / before)
    return f"{sign}{number(abs(diff))} ({sign}{percent}%)"


class FigureTableModel(QAbstractTableModel):
    """A breakdown's rows: name, records, records in the previous period, the change,
    residents, online dossiers."""

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[FigureRowOut] = []
        self._previous: dict[str, FigureRowOut] = {}

    def set_rows(self, rows: Sequence[FigureRowOut], previous: Sequence[FigureRowOut]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._previous = {r.code: r for r in previous}
        self.endResetModel()

    def row_at(self, row: int) -> FigureRowOut:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        names = (translate("ReportModels", "Row"), translate("ReportModels", "Records"),
                 translate("ReportModels", "Previous period"),
                 translate("ReportModels", "Change"), translate("ReportModels", "Residents"),
                 translate("ReportModels", "Online dossiers"))
        return names[section] if 0 <= section < len(names) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        before = self._previous.get(row.code)
        previous = before.records if before else 0
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return row.name_vi if current_language() == "vi" else row.name_en
            values = (row.records, previous, None, row.residents, row.online_dossiers)
            if column == 3:
                return change_text(row.records, previous)
            value = values[column - 1]
            return number(value) if value is not None else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column in FIGURE_COLUMNS and row.records:
            return translate("ReportModels", "Double-click to list the records behind it")
        if role == Qt.ItemDataRole.ForegroundRole and column in FIGURE_COLUMNS and row.records:
            return QBrush(QColor("#0b5394"))
        return None


class RecordsBehindModel(PagedModel[ReportRecordItem, ReportRecordsPage]):
    """The records behind one figure, in pages; a failed page ends the list (the screen says
    so, and choosing the figure again starts it anew)."""

    retry_after_failure = False
    reset_keeps_loader = False

    def __init__(self, reference: ReferenceData, loader: Loader | None = None, *,
                 page_size: int = 100) -> None:
        super().__init__(loader, page_size=page_size)
        self._reference = reference

    def _unpack(self, page: ReportRecordsPage) -> tuple[list[ReportRecordItem], bool]:
        return list(page.items), page.has_more

    def item(self, row: int) -> ReportRecordItem:
        return self._rows[row]

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 7

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        names = (translate("ReportModels", "Helped on"), translate("ReportModels", "Resident"),
                 translate("ReportModels", "Neighbourhood"),
                 translate("ReportModels", "Kind of help"), translate("ReportModels", "Result"),
                 translate("ReportModels", "Volunteer"), translate("ReportModels", "Review"))
        return names[section] if 0 <= section < len(names) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        lang: Lang = "vi" if current_language() == "vi" else "en"
        if role == Qt.ItemDataRole.ToolTipRole and item.changed_after_lock:
            return translate("ReportModels", "Changed after the period was locked")
        if role == Qt.ItemDataRole.BackgroundRole and item.changed_after_lock:
            return QBrush(QColor("#fff4ce"))
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == 0:
            return item.assisted_on.strftime("%d/%m/%Y") if item.assisted_on else ""
        if column == 1:
            return item.full_name
        if column == 2:
            unit = self._reference.neighbourhood(item.neighbourhood_code)
            return unit.name if unit else item.neighbourhood_code
        if column == 3:
            category = self._reference.categories.get(item.category)
            text = category.name(lang) if category else item.category
            if item.procedure_code:
                procedure = self._reference.procedures.get(item.procedure_code)
                text += f" — {procedure.name(lang) if procedure else item.procedure_code}"
            return text
        if column == 4:
            try:
                return label(Result(item.result), lang)
            except ValueError:
                return item.result
        if column == 5:
            return item.volunteer_name
        return review_state_label(item.review_state.value)
