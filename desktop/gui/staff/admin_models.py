"""Table models of the administration screens: a short list shown whole (accounts, devices,
reference entries: tens of rows) and the audit log, fetched page by page as the view scrolls.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop.app.staff_reports import AuditEntryOut
from desktop.gui.staff.paged_model import Column, ColumnsMixin, Index, PagedModel

T = TypeVar("T")
AuditDeliver = Callable[[list[AuditEntryOut] | None, bool], None]
AuditLoader = Callable[[int, int, AuditDeliver], None]


def when(value: datetime | None) -> str:
    return f"{value.astimezone():%d/%m/%Y %H:%M}" if value else "—"


class RowsModel(ColumnsMixin, QAbstractTableModel, Generic[T]):
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

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell_text(index)
        if (role == Qt.ItemDataRole.ForegroundRole and self._dim is not None
                and index.isValid() and 0 <= index.row() < len(self._rows)
                and self._dim(self._rows[index.row()])):
            return QBrush(QColor("#8a8a8a"))
        return None


class AuditModel(ColumnsMixin, PagedModel[AuditEntryOut, tuple[list[AuditEntryOut], bool]]):
    """The audit log, newest first, in pages; a failed page ends the list."""

    retry_after_failure = False
    reset_keeps_loader = False

    def __init__(self, columns: Sequence[Column], loader: AuditLoader | None = None, *,
                 page_size: int = 100) -> None:
        super().__init__(loader, page_size=page_size)
        self._columns = list(columns)

    def _request(self, deliver: Callable[[tuple[list[AuditEntryOut], bool] | None], None],
                 ) -> None:
        self._loader(len(self._rows), self._page,
                     lambda rows, more: deliver(None if rows is None else (rows, more)))

    def _unpack(self, page: tuple[list[AuditEntryOut], bool],
                ) -> tuple[list[AuditEntryOut], bool]:
        return page

    def entry(self, row: int) -> AuditEntryOut:
        return self.row_at(row)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return self.cell_text(index) if role == Qt.ItemDataRole.DisplayRole else None
