"""Search box and filters above the records list.

Signals:
    filter_changed(): the search text (after a short pause in typing) or a filter changed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from desktop.app.types import RecordFilter
from desktop.gui.date_field import DateField
from desktop.gui.i18n import current_language
from desktop.gui.records_model import SYNC_STATES, sync_state_text
from desktop.gui.wheel_guard import guard_wheel
from sync.contract.labels import label
from sync.contract.record import RecordStatus, Result
from sync.contract.reference import ReferenceData

SEARCH_DELAY_MS = 120
#: Characters a filter combo shows before it elides; its list opens as wide as its items.
FILTER_CHARS = 10


def filter_combo(name: str) -> QComboBox:
    """A filter that elides a long choice instead of widening the window, and whose list
    still shows every choice in full."""
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(FILTER_CHARS)
    combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return combo


class FilterBar(QWidget):
    filter_changed = Signal()

    def __init__(self, reference: Callable[[], ReferenceData], *, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._reference = reference
        self._today = today
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(120)
        self.neighbourhood = filter_combo("filter_neighbourhood")
        self.category = filter_combo("filter_category")
        self.result = filter_combo("filter_result")
        self.status = filter_combo("filter_status")
        self.sync_state = filter_combo("filter_sync_state")
        self.date_from = DateField()
        self.date_from.setObjectName("filter_date_from")
        self.date_to = DateField()
        self.date_to.setObjectName("filter_date_to")
        self.clear_button = QPushButton()
        self.clear_button.setObjectName("filter_clear")
        self.from_label = QLabel()
        self.to_label = QLabel()
        self.problem = QLabel()
        self.problem.setObjectName("filter_problem")
        self.problem.setProperty("role", "error")
        self.problem.setWordWrap(True)
        # A message never widens the window: it wraps within the list's width.
        self.problem.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.problem.hide()
        guard_wheel([self.neighbourhood, self.category, self.result, self.status,
                     self.sync_state])

        # Three short rows rather than one long one: the list half of a 1280-pixel-wide
        # window holds them, in either language.
        dates = QHBoxLayout()
        dates.setContentsMargins(0, 0, 0, 0)
        dates.addWidget(self.search, 1)
        dates.addWidget(self.from_label)
        dates.addWidget(self.date_from)
        dates.addWidget(self.to_label)
        dates.addWidget(self.date_to)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addLayout(dates, 0, 0, 1, 3)
        grid.addWidget(self.neighbourhood, 1, 0)
        grid.addWidget(self.category, 1, 1)
        grid.addWidget(self.result, 1, 2)
        grid.addWidget(self.status, 2, 0)
        grid.addWidget(self.sync_state, 2, 1)
        grid.addWidget(self.clear_button, 2, 2)
        grid.addWidget(self.problem, 3, 0, 1, 3)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        for field in (self.date_from, self.date_to):
            field.setMaximumWidth(field.fontMetrics().horizontalAdvance("00/00/00000") + 16)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.filter_changed)
        self.search.textChanged.connect(self._timer.start)
        self.date_from.textChanged.connect(self._on_date_edited)
        self.date_to.textChanged.connect(self._on_date_edited)
        for combo in (self.neighbourhood, self.category, self.result, self.status,
                      self.sync_state):
            combo.currentIndexChanged.connect(self._on_combo_changed)
        self.clear_button.clicked.connect(self.clear)
        self._filling = False
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        lang: Any = "en" if current_language() == "en" else "vi"
        self.search.setPlaceholderText(
            self.tr("Search name, CCCD, phone or dossier code (Ctrl+F)"))
        self.from_label.setText(self.tr("From"))
        self.to_label.setText(self.tr("to"))
        self.clear_button.setText(self.tr("Clear filters"))
        self._filling = True
        try:
            reference = self._reference()
            self._refill(self.neighbourhood, self.tr("All neighbourhoods"), [
                (n.name, n.code) for n in reference.neighbourhoods.values()])
            self._refill(self.category, self.tr("All kinds of help"), [
                (c.name(lang), c.code) for c in reference.categories.values()])
            self._refill(self.result, self.tr("All results"),
                         [(label(r, lang), r) for r in Result])
            self._refill(self.status, self.tr("Drafts and final"),
                         [(label(s, lang), s) for s in RecordStatus])
            self._refill(self.sync_state, self.tr("Any sync state"),
                         [(sync_state_text(code), code) for code, _ in SYNC_STATES])
        finally:
            self._filling = False

    def reference_changed(self) -> None:
        """New reference data is in force: its neighbourhoods and kinds of help."""
        self.retranslate_ui()

    @staticmethod
    def _refill(combo: QComboBox, everything: str, items: list[tuple[str, Any]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for text, data in items:
            combo.addItem(text, data)
            combo.setItemData(combo.count() - 1, text, Qt.ItemDataRole.ToolTipRole)
        index = combo.findData(current)
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)
        # The list opens wide enough for its longest choice, even when the box is narrow.
        view = combo.view()
        view.setMinimumWidth(view.sizeHintForColumn(0) + 24)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _on_combo_changed(self) -> None:
        if not self._filling:
            self.filter_changed.emit()

    def _on_date_edited(self) -> None:
        bad = [f for f in (self.date_from, self.date_to) if f.parsed().unreadable]
        self.problem.setText(self.tr("Write dates as dd/mm/yyyy, e.g. 01/05/2026.") if bad
                             else "")
        self.problem.setVisible(bool(bad))
        if not bad:
            self._timer.start()

    def clear(self) -> None:
        self._filling = True
        try:
            self.search.clear()
            self.date_from.clear()
            self.date_to.clear()
            for combo in (self.neighbourhood, self.category, self.result, self.status,
                          self.sync_state):
                combo.setCurrentIndex(0)
        finally:
            self._filling = False
        self._timer.stop()
        self.filter_changed.emit()

    def current_filter(self) -> RecordFilter:
        return RecordFilter(
            text=self.search.text(),
            neighbourhood_code=self.neighbourhood.currentData(),
            category=self.category.currentData(),
            # Qt hands enum members back as plain strings; the store wants the members.
            result=Result(self.result.currentData()) if self.result.currentData() else None,
            status=RecordStatus(self.status.currentData()) if self.status.currentData()
            else None,
            sync_state=self.sync_state.currentData(),
            date_from=self.date_from.parsed().day,
            date_to=self.date_to.parsed().day,
        )

    def is_default(self) -> bool:
        return self.current_filter() == RecordFilter()

    def flush(self) -> None:
        """Apply a pending search now (Enter in the search box)."""
        if self._timer.isActive():
            self._timer.stop()
            self.filter_changed.emit()
