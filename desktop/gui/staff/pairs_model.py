"""The proposed resident pairs as a lazy table model: pages from the ward server (keyset
pages: ``after`` is the last pair's (score, id)), fetched as the view scrolls.

Like the review queue's model it knows no HTTP: a ``loader(after, limit, deliver)`` starts the
fetch on the network worker and later calls ``deliver(page)`` on the GUI thread, or
``deliver(None)`` when it failed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from desktop.app.residents import PAGE_SIZE, ProposalInfo, ProposalPageResponse

translate = QCoreApplication.translate
Deliver = Callable[[ProposalPageResponse | None], None]
Loader = Callable[[tuple[int, int] | None, int, Deliver], None]
Index = QModelIndex | QPersistentModelIndex

COLUMNS = ("score", "level", "kind", "a", "b", "state")
LEVEL_COLOURS = {"certain": "#1b5e20", "likely": "#8a6d00", "possible": "#6d6d6d"}


def level_label(level: str) -> str:
    return {
        "certain": translate("ResidentPairs", "Certain"),
        "likely": translate("ResidentPairs", "Likely"),
        "possible": translate("ResidentPairs", "Possible"),
    }.get(level, level)


def kind_label(kind: str) -> str:
    return {
        "same_person": translate("ResidentPairs", "Same person?"),
        "double_entry": translate("ResidentPairs", "Recorded twice?"),
    }.get(kind, kind)


def state_label(state: str) -> str:
    return {
        "open": translate("ResidentPairs", "To decide"),
        "linked": translate("ResidentPairs", "Same person"),
        "different": translate("ResidentPairs", "Different people"),
        "excluded": translate("ResidentPairs", "Double entry excluded"),
    }.get(state, state)


class PairsModel(QAbstractTableModel):
    """Rows of :class:`ProposalInfo`, fetched page by page.

    Signals:
        load_failed(): the last fetch failed (the window says why).
    """

    load_failed = Signal()

    def __init__(self, loader: Loader, *, page_size: int = PAGE_SIZE) -> None:
        super().__init__()
        self._loader = loader
        self._page = page_size
        self._rows: list[ProposalInfo] = []
        self._row_of: dict[int, int] = {}
        self._after: tuple[int, int] | None = None
        self._more = True
        self._loading = False
        self._generation = 0

    def reset(self, loader: Loader | None = None) -> None:
        self.beginResetModel()
        if loader is not None:
            self._loader = loader
        self._rows, self._row_of = [], {}
        self._after, self._more, self._loading = None, True, False
        self._generation += 1
        self.endResetModel()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more and not self._loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        self._loading = True
        generation = self._generation

        def deliver(page: ProposalPageResponse | None) -> None:
            if generation != self._generation:
                return
            self._loading = False
            if page is None:
                self.load_failed.emit()
                return
            self._after = page.next_after
            self._more = page.next_after is not None
            fresh = [p for p in page.items if p.id not in self._row_of]
            if fresh:
                first = len(self._rows)
                self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
                for pair in fresh:
                    self._row_of[pair.id] = len(self._rows)
                    self._rows.append(pair)
                self.endInsertRows()

        self._loader(self._after, self._page, deliver)

    @property
    def has_more(self) -> bool:
        return self._more

    def pair(self, row: int) -> ProposalInfo:
        return self._rows[row]

    def row_of(self, proposal_id: int) -> int | None:
        return self._row_of.get(proposal_id)

    def replace_pair(self, pair: ProposalInfo) -> None:
        """Show a decision the server accepted without fetching the page again."""
        row = self._row_of.get(pair.id)
        if row is None:
            return
        self._rows[row] = pair
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    # --- Qt model API -------------------------------------------------------------------------

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
        return {
            "score": translate("ResidentPairs", "Score"),
            "level": translate("ResidentPairs", "Level"),
            "kind": translate("ResidentPairs", "Kind"),
            "a": translate("ResidentPairs", "Record A"),
            "b": translate("ResidentPairs", "Record B"),
            "state": translate("ResidentPairs", "Decision"),
        }[COLUMNS[section]]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        pair = self._rows[index.row()]
        name = COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if name == "score":
                return str(pair.score)
            if name == "level":
                return level_label(pair.level)
            if name == "kind":
                return kind_label(pair.kind)
            if name == "state":
                return state_label(pair.state)
            side = pair.a if name == "a" else pair.b
            year = f" ({side.birth_year})" if side.birth_year else ""
            return f"{side.full_name or '—'}{year} · {side.neighbourhood_code}"
        if role == Qt.ItemDataRole.UserRole:
            return pair.id
        if role == Qt.ItemDataRole.ForegroundRole and name == "level":
            return QBrush(QColor(LEVEL_COLOURS.get(pair.level, "#000000")))
        if role == Qt.ItemDataRole.TextAlignmentRole and name == "score":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
