"""A searchable procedure picker for "submit an online dossier" (DVC_SUBMIT).

The catalogue has dozens of procedures with long names; the volunteer types a few letters
(with or without accents, or the procedure code) and the list narrows. Up/Down in the search
box move the highlight, so the whole picker works from the keyboard.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLineEdit, QListView, QVBoxLayout, QWidget

from sync.contract.normalize import search_key
from sync.contract.reference import Procedure

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
KEY_ROLE = Qt.ItemDataRole.UserRole + 2


class FoldedFilterProxy(QSortFilterProxyModel):
    """Keeps rows whose folded search text contains every folded word typed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []

    def set_query(self, text: str) -> None:
        self.beginFilterChange()
        self._words = search_key(text).split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int,
                         source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not self._words:
            return True
        key = str(self.sourceModel().index(source_row, 0, source_parent).data(KEY_ROLE) or "")
        return all(word in key for word in self._words)


class ProcedurePicker(QWidget):
    """Search box over the procedure catalogue.

    Signals:
        procedure_changed(str): the chosen procedure code ("" when none).
    """

    procedure_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = QStandardItemModel(self)
        self.proxy = FoldedFilterProxy(self)
        self.proxy.setSourceModel(self.source)
        self.search = QLineEdit()
        self.search.setObjectName("procedure_search")
        self.search.setClearButtonEnabled(True)
        self.list = QListView()
        self.list.setObjectName("procedure_list")
        self.list.setModel(self.proxy)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Up/Down come from the search box
        self.list.setMaximumHeight(110)
        self.list.setUniformItemSizes(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        self.setFocusProxy(self.search)
        self.search.textEdited.connect(self._on_search_edited)
        self.search.installEventFilter(self)
        self.list.selectionModel().currentChanged.connect(self._on_current_changed)
        self._lang = "vi"

    def set_procedures(self, procedures: Iterable[Procedure], lang: str) -> None:
        chosen = self.code()
        self._lang = lang
        self.source.clear()
        for p in procedures:
            item = QStandardItem(f"{p.code} · {p.name(lang)}")
            item.setEditable(False)
            item.setData(p.code, CODE_ROLE)
            item.setData(search_key(f"{p.code} {p.name_vi} {p.name_en}"), KEY_ROLE)
            self.source.appendRow(item)
        self.set_code(chosen)

    def code(self) -> str:
        index = self.list.currentIndex()
        return str(index.data(CODE_ROLE)) if index.isValid() else ""

    def set_code(self, code: str | None) -> None:
        self.search.clear()
        self.proxy.set_query("")
        if not code:
            self.list.setCurrentIndex(QModelIndex())
            self.list.clearSelection()
            return
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(CODE_ROLE) == code:
                self.list.setCurrentIndex(index)
                self.list.scrollTo(index)
                return

    def _on_search_edited(self, text: str) -> None:
        self.proxy.set_query(text)
        if self.proxy.rowCount() and not self.list.currentIndex().isValid():
            self.list.setCurrentIndex(self.proxy.index(0, 0))

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.procedure_changed.emit(str(current.data(CODE_ROLE)) if current.isValid() else "")

    def eventFilter(self, watched: object, event: object) -> bool:
        if watched is self.search and isinstance(event, QKeyEvent) \
                and event.type() == QKeyEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            row = self.list.currentIndex().row()
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            new_row = max(0, min(self.proxy.rowCount() - 1, row + step))
            if self.proxy.rowCount():
                self.list.setCurrentIndex(self.proxy.index(new_row, 0))
            return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]
