"""Records that need a follow-up, soonest first, with overdue ones marked.

Signals (FollowUpsDialog):
    record_chosen(object): the UUID of the record to open.
    reload_requested(): records changed while the dialog is open (the one change signal).
"""

from __future__ import annotations

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
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.app import Change
from desktop.gui.i18n import current_language
from desktop.gui.records_model import RECORD_ID_ROLE
from desktop.gui.window_fit import keep_wrapped_text_whole
from sync.contract.reference import ReferenceData

_ROOT = QModelIndex()
_HEADERS: tuple[Any, ...] = (
    QT_TRANSLATE_NOOP("FollowUpsModel", "Due"),
    QT_TRANSLATE_NOOP("FollowUpsModel", "Name"),
    QT_TRANSLATE_NOOP("FollowUpsModel", "Phone"),
    QT_TRANSLATE_NOOP("FollowUpsModel", "Help"),
    QT_TRANSLATE_NOOP("FollowUpsModel", "Neighbourhood"),
)


class FollowUpsModel(QAbstractTableModel):
    """Rows of ``desktop.store.queries.FollowUp`` (record summary, due date, overdue)."""

    def __init__(self, items: Sequence[Any],
                 reference: Callable[[], ReferenceData] | ReferenceData) -> None:
        super().__init__()
        self._items = list(items)
        self._reference: Callable[[], ReferenceData] = (
            reference if callable(reference) else lambda: reference)

    def set_items(self, items: Sequence[Any]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(_HEADERS):
            return QCoreApplication.translate("FollowUpsModel", _HEADERS[section])
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items) \
                or not 0 <= index.column() < len(_HEADERS):
            return None
        item = self._items[index.row()]
        record = item.record
        if role == RECORD_ID_ROLE:
            return record.id
        if role == Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == 0:
                due = item.due.strftime("%d/%m/%Y") if item.due else "—"
                if item.overdue:
                    due += " " + QCoreApplication.translate("FollowUpsModel", "(overdue)")
                return due
            if column == 1:
                return record.full_name
            if column == 2:
                return _national(record.phone)
            if column == 3:
                category = self._reference().categories.get(record.category or "")
                return category.name(current_language()) if category else ""
            return record.neighbourhood_name
        if role == Qt.ItemDataRole.ForegroundRole and item.overdue:
            return QBrush(QColor("#b91c1c"))
        if role == Qt.ItemDataRole.FontRole and item.overdue and index.column() == 0:
            font = QFont()
            font.setBold(True)
            return font
        return None


def _national(phone: str | None) -> str:
    if not phone:
        return ""
    return "0" + phone[3:] if phone.startswith("+84") else phone


class FollowUpsDialog(QDialog):
    record_chosen = Signal(object)
    reload_requested = Signal()

    def __init__(self, items: Sequence[Any],
                 reference: Callable[[], ReferenceData] | ReferenceData, *, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("follow_ups_dialog")
        self.setWindowTitle(self.tr("Follow-ups"))
        self._today = today
        self.model = FollowUpsModel(items, reference)
        self.intro = intro = QLabel()
        intro.setObjectName("follow_ups_intro")
        intro.setWordWrap(True)
        self.table = QTableView()
        self.table.setObjectName("follow_ups_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self._on_activated)
        buttons = QDialogButtonBox()
        close = buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        keep_wrapped_text_whole(self)
        self.resize(760, 420)
        self.show_items(items)

    def show_items(self, items: Sequence[Any]) -> None:
        self.model.set_items(items)
        overdue = sum(1 for i in items if i.overdue)
        self.intro.setText(self.tr("{count} residents to follow up, {overdue} overdue "
                                   "(today is {today}). Enter opens the record.").format(
                                       count=len(items), overdue=overdue,
                                       today=self._today.strftime("%d/%m/%Y")))
        if items:
            self.table.selectRow(0)

    def on_changed(self, change: Change) -> None:
        """The one change signal: records (or their names) changed while this is open."""
        if change.records or change.reference:
            self.reload_requested.emit()

    def _on_activated(self, index: QModelIndex) -> None:
        self.record_chosen.emit(index.data(RECORD_ID_ROLE))
        self.accept()
