"""The one lazy, paged table model behind every staff list that comes from the ward server
(the review queue, the resident pairs, the records behind a report figure, the audit log).

A model knows no HTTP: it is given a loader that starts a fetch (in the app, on the network
worker of the background-work helper) and later calls ``deliver(page)`` on the GUI thread, or
``deliver(None)`` when it failed. Pages arrive as the view scrolls (``canFetchMore`` /
``fetchMore``); a reset makes pages still on their way stale, so a slow answer to an old
filter never lands in the new list.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

Row = TypeVar("Row")
Page = TypeVar("Page")
Index = QModelIndex | QPersistentModelIndex
#: A column: its heading (a function, so it follows the language) and its cell text.
Column = tuple[Callable[[], str], Callable[[Any], str]]


class PagedModel(QAbstractTableModel, Generic[Row, Page]):
    """Rows fetched page by page. A subclass says how to ask for the next page (``_request``),
    what a page holds (``_unpack``) and, when rows can come twice, each row's key (``_key``).

    Signals:
        loading_changed(bool): a page fetch started / ended.
        load_failed(): the last fetch failed (the screen's banner says why).
    """

    loading_changed = Signal(bool)
    load_failed = Signal()

    #: After a failed fetch, may the view ask again (scrolling retries), or is the list done?
    retry_after_failure = True
    #: Does ``reset()`` without a loader keep the current one (new filters of the same list),
    #: or empty the list until it is given one (a drill-down closed)?
    reset_keeps_loader = True

    def __init__(self, loader: Any, *, page_size: int) -> None:
        super().__init__()
        self._loader = loader
        self._page = page_size
        self._rows: list[Row] = []
        self._row_of: dict[Hashable, int] = {}
        self._more = loader is not None
        self._loading = False
        self._generation = 0

    # --- what a subclass says ---------------------------------------------------------------

    def _request(self, deliver: Callable[[Page | None], None]) -> None:
        """Start the fetch of the next page; by default an offset loader."""
        self._loader(len(self._rows), self._page, deliver)

    def _unpack(self, page: Page) -> tuple[Sequence[Row], bool]:
        """The page's rows and whether more follow."""
        raise NotImplementedError

    def _key(self, row: Row) -> Hashable | None:
        """A row's identity, to skip a row a later page repeats; None: no such check."""
        return None

    # --- loading ----------------------------------------------------------------------------

    def reset(self, loader: Any = None) -> None:
        """Forget every row and start again (new filters: a new loader)."""
        self.beginResetModel()
        if loader is not None or not self.reset_keeps_loader:
            self._loader = loader
        self._rows, self._row_of = [], {}
        self._more, self._loading = self._loader is not None, False
        self._generation += 1
        self._after_reset()
        self.endResetModel()

    def _after_reset(self) -> None:
        """Forget a subclass's own paging state (a keyset cursor)."""

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more and not self._loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent) or self._loader is None:
            return
        self._loading = True
        self.loading_changed.emit(True)
        generation = self._generation

        def deliver(page: Page | None) -> None:
            if generation != self._generation:
                return
            self._loading = False
            if page is None:
                self._more = self._more and self.retry_after_failure
                self.loading_changed.emit(False)
                self.load_failed.emit()
                return
            rows, self._more = self._unpack(page)
            self._append(rows)
            self.loading_changed.emit(False)

        self._request(deliver)

    def _append(self, rows: Sequence[Row]) -> None:
        fresh = []
        for row in rows:
            key = self._key(row)
            if key is None:
                fresh.append(row)
            elif key not in self._row_of:
                self._row_of[key] = len(self._rows) + len(fresh)
                fresh.append(row)
        if fresh:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            self._rows.extend(fresh)
            self.endInsertRows()

    @property
    def loading(self) -> bool:
        return self._loading

    @property
    def has_more(self) -> bool:
        return self._more

    # --- rows -------------------------------------------------------------------------------

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def row_of(self, key: Hashable) -> int | None:
        return self._row_of.get(key)

    def _replace(self, key: Hashable, row: Row) -> None:
        """Show a change the server accepted without fetching the page again."""
        at = self._row_of.get(key)
        if at is None:
            return
        self._rows[at] = row
        self.dataChanged.emit(self.index(at, 0), self.index(at, self.columnCount() - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)


class ColumnsMixin:
    """Headings and cell texts from a list of :data:`Column` (the administration screens)."""

    _columns: list[Column]
    _rows: list[Any]

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self._columns)):
            return self._columns[section][0]()
        return None

    def cell_text(self, index: Index) -> str | None:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self._columns[index.column()][1](self._rows[index.row()])
