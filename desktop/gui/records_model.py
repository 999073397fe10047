"""The records list model: holds only row ids, fetches the visible rows lazily, caches them.

At 100,000 records the id list is all the model keeps; a row's summary is fetched (a page at
a time, on the database worker) the first time the view asks for it, and kept in a bounded
cache. Until it arrives the row shows "…", so scrolling never waits on the database.
"""

from __future__ import annotations

import uuid
from collections import OrderedDict
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from desktop.app.types import server_message_text
from desktop.gui.i18n import current_language
from sync.contract.labels import label
from sync.contract.record import RecordStatus, Result
from sync.contract.reference import ReferenceData

_ROOT = QModelIndex()

PAGE_SIZE = 200
CACHE_LIMIT = 5_000
PLACEHOLDER = "…"

RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 2

_CTX = "RecordsModel"

#: (column key, English source of the header; translated in :func:`header_text`)
COLUMNS: tuple[tuple[str, Any], ...] = (
    ("assisted_on", QT_TRANSLATE_NOOP("RecordsModel", "Date")),
    ("full_name", QT_TRANSLATE_NOOP("RecordsModel", "Name")),
    ("birth_year", QT_TRANSLATE_NOOP("RecordsModel", "Born")),
    ("neighbourhood_name", QT_TRANSLATE_NOOP("RecordsModel", "Neighbourhood")),
    ("category", QT_TRANSLATE_NOOP("RecordsModel", "Help")),
    ("result", QT_TRANSLATE_NOOP("RecordsModel", "Result")),
    ("status", QT_TRANSLATE_NOOP("RecordsModel", "Record")),
    ("sync_state", QT_TRANSLATE_NOOP("RecordsModel", "Sync")),
)

#: Sync-state value -> English source text (see :func:`sync_state_text`).
SYNC_STATES: tuple[tuple[str, Any], ...] = (
    ("local", QT_TRANSLATE_NOOP("RecordsModel", "Only on this laptop")),
    ("pending", QT_TRANSLATE_NOOP("RecordsModel", "Waiting to send")),
    ("sent", QT_TRANSLATE_NOOP("RecordsModel", "Sent")),
    ("attention", QT_TRANSLATE_NOOP("RecordsModel", "Needs attention")),
)

_SYNC_COLOURS = {"local": "#6b7280", "pending": "#b45309", "sent": "#15803d",
                 "attention": "#b91c1c"}

#: Cached for ids the store no longer has (deleted elsewhere), so they are not asked again.
_MISSING = object()


def header_text(key: str) -> str:
    return QCoreApplication.translate(_CTX, dict(COLUMNS)[key])


def sync_state_text(state: str) -> str:
    return QCoreApplication.translate(_CTX, dict(SYNC_STATES).get(state, state))


class _PrependedIds(Sequence[uuid.UUID]):
    """Ids saved since the last query, in front of the queried list (no copy of 100,000 ids)."""

    def __init__(self, front: list[uuid.UUID], rest: Sequence[uuid.UUID]) -> None:
        self.front = front
        self.rest = rest

    def __len__(self) -> int:
        return len(self.front) + len(self.rest)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if index < len(self.front):
            return self.front[index]
        return self.rest[index - len(self.front)]

    def index(self, value: Any, start: int = 0, stop: int | None = None) -> int:
        if value in self.front:
            return self.front.index(value)
        return len(self.front) + self.rest.index(value)


RowFetcher = Callable[[list[uuid.UUID], Callable[[list[Any]], None]], None]
ReferenceSource = Callable[[], ReferenceData]


class RecordsTableModel(QAbstractTableModel):
    """Table of record summaries over a list of ids.

    Args:
        reference: where the reference data in force is read (for category names).
        fetch: ``fetch(ids, deliver)`` fetches summaries for ``ids`` (off the GUI thread) and
            calls ``deliver(summaries)`` on the GUI thread. Summaries are objects with the
            attributes of ``desktop.store.queries.RecordSummary``.

    Signals:
        rows_fetched(int): after a page of summaries arrived (number of rows).
    """

    rows_fetched = Signal(int)

    def __init__(self, reference: ReferenceSource, fetch: RowFetcher, *,
                 today: Callable[[], date]) -> None:
        super().__init__()
        self._reference = reference
        self._fetch = fetch
        self._today = today
        self._ids: Sequence[uuid.UUID] = ()
        self._cache: OrderedDict[uuid.UUID, Any] = OrderedDict()
        self._pending: set[int] = set()  # page numbers requested and not yet delivered
        self._generation = 0  # bumps on every reset; late pages of an old list are dropped

    # --- content ----------------------------------------------------------------------------

    def set_ids(self, ids: Sequence[uuid.UUID]) -> None:
        self.beginResetModel()
        self._ids = ids
        self._pending.clear()
        self._generation += 1
        self.endResetModel()

    def prepend(self, record_id: uuid.UUID, summary: Any | None = None) -> None:
        """Put a just-created record on top without querying the whole list again.

        With its ``summary`` (read on the worker with the save), the row is drawn with its
        data at once, instead of a placeholder and a page fetch that repaints the list again.
        """
        if self.row_of(record_id) >= 0:
            self.invalidate([record_id], summary)
            return
        if summary is not None:
            self._cache[record_id] = summary
        self.beginInsertRows(QModelIndex(), 0, 0)
        ids = self._ids if isinstance(self._ids, _PrependedIds) else _PrependedIds([], self._ids)
        ids.front.insert(0, record_id)
        self._ids = ids
        # Page boundaries moved by one row: pages in flight would land on the wrong rows.
        self._pending.clear()
        self._generation += 1
        self.endInsertRows()

    def ids(self) -> Sequence[uuid.UUID]:
        return self._ids

    def invalidate(self, record_ids: Sequence[uuid.UUID], summary: Any | None = None) -> None:
        """Forget cached rows of records that changed, so they are fetched again; with the
        ``summary`` of the one changed record, it replaces the cached row instead."""
        for record_id in record_ids:
            self._cache.pop(record_id, None)
        if summary is not None and len(record_ids) == 1:
            self._cache[record_ids[0]] = summary
        if not self._ids:
            return
        for record_id in record_ids:
            try:
                row = self._ids.index(record_id)
            except ValueError:
                continue
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def invalidate_all(self) -> None:
        """Forget every cached row (after a sync changed the sync state of many records)."""
        self._cache.clear()
        self._pending.clear()
        self._generation += 1
        if self._ids:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._ids) - 1, len(COLUMNS) - 1))

    def record_id(self, row: int) -> uuid.UUID | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, record_id: uuid.UUID) -> int:
        try:
            return self._ids.index(record_id)
        except ValueError:
            return -1

    def summary(self, row: int) -> Any | None:
        record_id = self.record_id(row)
        found = self._cache.get(record_id) if record_id is not None else None
        return None if found is _MISSING else found

    # --- Qt model API -----------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(COLUMNS):
            return header_text(COLUMNS[section][0])
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._ids)) \
                or not (0 <= index.column() < len(COLUMNS)):
            return None
        record_id = self._ids[index.row()]
        if role == RECORD_ID_ROLE:
            return record_id
        summary = self._cache.get(record_id)
        if summary is None:
            if role == Qt.ItemDataRole.DisplayRole:
                self._request_page(index.row() // PAGE_SIZE)
                return PLACEHOLDER
            return None
        self._cache.move_to_end(record_id)
        if summary is _MISSING:
            return "" if role == Qt.ItemDataRole.DisplayRole else None
        if role == SUMMARY_ROLE:
            return summary
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(summary, key)
        if role == Qt.ItemDataRole.ForegroundRole and key == "sync_state":
            return QBrush(QColor(_SYNC_COLOURS.get(summary.sync_state, "#000000")))
        if role == Qt.ItemDataRole.ToolTipRole and key == "sync_state" and summary.server_message:
            return server_message_text(summary.server_message, current_language())
        if role == Qt.ItemDataRole.FontRole and key == "status" \
                and summary.status == RecordStatus.DRAFT.value:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setItalic(True)
            return font
        return None

    def _display(self, summary: Any, key: str) -> str:
        lang: Any = "en" if current_language() == "en" else "vi"
        if key == "assisted_on":
            return str(summary.assisted_on.strftime("%d/%m/%Y"))
        if key == "full_name":
            return str(summary.full_name)
        if key == "birth_year":
            return "" if summary.birth_year is None else str(summary.birth_year)
        if key == "neighbourhood_name":
            return str(summary.neighbourhood_name)
        if key == "category":
            category = self._reference().categories.get(summary.category or "")
            return category.name(lang) if category else (summary.category or "")
        if key == "result":
            if not summary.result:
                return ""
            text = label(Result(summary.result), lang)
            if summary.result == Result.FOLLOW_UP.value and summary.follow_up_date:
                text += f" ({summary.follow_up_date.strftime('%d/%m')})"
            return text
        if key == "status":
            return label(RecordStatus(summary.status), lang)
        if key == "sync_state":
            return sync_state_text(summary.sync_state)
        return ""

    # --- lazy fetching ----------------------------------------------------------------------

    def _request_page(self, page: int) -> None:
        if page in self._pending:
            return
        self._pending.add(page)
        generation = self._generation
        ids = list(self._ids[page * PAGE_SIZE:(page + 1) * PAGE_SIZE])
        self._fetch(ids, lambda rows: self._on_page(generation, page, rows))

    def _on_page(self, generation: int, page: int, rows: list[Any]) -> None:
        if generation != self._generation:
            return
        self._pending.discard(page)
        for summary in rows:
            self._cache[summary.id] = summary
        for record_id in self._ids[page * PAGE_SIZE:(page + 1) * PAGE_SIZE]:
            self._cache.setdefault(record_id, _MISSING)
        while len(self._cache) > CACHE_LIMIT:
            self._cache.popitem(last=False)
        first = page * PAGE_SIZE
        last = min(len(self._ids), first + PAGE_SIZE) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))
        self.rows_fetched.emit(len(rows))

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._ids:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._ids) - 1, len(COLUMNS) - 1))
