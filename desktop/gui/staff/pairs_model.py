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
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from desktop.app.residents import PAGE_SIZE, ProposalInfo, ProposalPageResponse
from desktop.gui.staff.paged_model import PagedModel

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


class PairsModel(PagedModel[ProposalInfo, ProposalPageResponse]):
    """Rows of :class:`ProposalInfo`, fetched page by page (keyset pages)."""

    def __init__(self, loader: Loader, *, page_size: int = PAGE_SIZE) -> None:
        super().__init__(loader, page_size=page_size)
        self._after: tuple[int, int] | None = None

    def _after_reset(self) -> None:
        self._after = None

    def _request(self, deliver: Deliver) -> None:
        self._loader(self._after, self._page, deliver)

    def _unpack(self, page: ProposalPageResponse) -> tuple[list[ProposalInfo], bool]:
        self._after = page.next_after
        return list(page.items), page.next_after is not None

    def _key(self, row: ProposalInfo) -> int:
        return row.id

    def pair(self, row: int) -> ProposalInfo:
        return self._rows[row]

    def replace_pair(self, pair: ProposalInfo) -> None:
        """Show a decision the server accepted without fetching the page again."""
        self._replace(pair.id, pair)

    # --- Qt model API -------------------------------------------------------------------------

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
