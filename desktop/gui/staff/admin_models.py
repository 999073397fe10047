"""Table models of the administration screens: a short list shown whole (accounts, devices,
reference entries: tens of rows) and the audit log, fetched page by page as the view scrolls.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from desktop.app.staff_reports import AuditEntryOut

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex
#: A column: its heading (a function, so it follows the language) and its cell text.
Column = tuple[Callable[[], str], Callable[[Any], str]]
AuditDeliver = Callable[[list[AuditEntryOut] | None, bool], None]
AuditLoader = Callable[[int, int, AuditDeliver], None]


def when(value: datetime | None) -> str:
    return f"{value.astimezone():%d/%m/%Y %H:%M}" if value else "—"


class RowsModel(QAbstractTableModel, Generic[T]):
    """Rows of one kind, with columns given as (heading, cell) functions; ``dim(row)`` greys
    out a row (a disabled account, a revoked device)."""

    def __init__(self, columns: Sequence[Column], *,
                 dim: Callable[[Any], bool] | None = None) -> None:
        super().__init__()
        self._columns = list(columns)
        self._rows: list[T] = []
        self._dim = dim

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> T:
        return self._rows[row]

    @property
    def rows(self) -> list[T]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self._columns)):
            return self._columns[section][0]()
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._columns[index.column()][1](row)
        if role == Qt.ItemDataRole.ForegroundRole and self._dim is not None and self._dim(row):
            return QBrush(QColor("#8a8a8a"))
        return None


class AuditModel(QAbstractTableModel):
    """The audit log, newest first, in pages (``canFetchMore``/``fetchMore``)."""

    loading_changed = Signal(bool)

    def __init__(self, columns: Sequence[Column], loader: AuditLoader | None = None, *,
                 page_size: int = 100) -> None:
        super().__init__()
        self._columns = list(columns)
        self._loader = loader
        self._page = page_size
        self._rows: list[AuditEntryOut] = []
        self._more = loader is not None
        self._loading = False
        self._generation = 0

    def reset(self, loader: AuditLoader | None) -> None:
        self.beginResetModel()
        self._loader = loader
        self._rows = []
        self._more = loader is not None
        self._loading = False
        self._generation += 1
        self.endResetModel()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more and not self._loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent) or self._loader is None:
            return
        self._loading = True
        self.loading_changed.emit(True)
        generation = self._generation

        def deliver(rows: list[AuditEntryOut] | None, more: bool) -> None:
            if generation != self._generation:
                return
            self._loading = False
            self._more = bool(rows is not None and more)
            if rows:
                first = len(self._rows)
                self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
                self._rows.extend(rows)
                self.endInsertRows()
            self.loading_changed.emit(False)

        self._loader(len(self._rows), self._page, deliver)

    def entry(self, row: int) -> AuditEntryOut:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self._columns)):
            return self._columns[section][0]()
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._columns[index.column()][1](self._rows[index.row()])
        return None
