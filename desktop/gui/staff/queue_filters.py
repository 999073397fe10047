"""The review queue's server-side filters: neighbourhood, assistance, result, volunteer and
period, one row under the review-state and conflict filters. The server applies them (with
the search, on Enter), so the queue's pages and its total count cover every record, not only
the ones loaded.

Signals:
    changed(): a filter changed (the window asks the server again).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from desktop.app.queue import QueueFilters
from desktop.gui.i18n import current_language
from desktop.gui.wheel_guard import guard_wheel
from sync.contract.labels import Lang, label
from sync.contract.record import Result
from sync.contract.reference import ReferenceData


def period_bounds(key: str, today: date) -> tuple[date | None, date | None]:
    """The days of a period preset ("" = any time)."""
    if key == "month":
        return today.replace(day=1), today
    if key == "last_month":
        last = today.replace(day=1) - timedelta(days=1)
        return last.replace(day=1), last
    if key == "quarter":
        first_month = 3 * ((today.month - 1) // 3) + 1
        return today.replace(month=first_month, day=1), today
    if key == "year":
        return today.replace(month=1, day=1), today
    return None, None


class QueueFilterRow(QWidget):
    changed = Signal()

    def __init__(self, reference: ReferenceData, today: Callable[[], date],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reference = reference
        self._today = today
        self.neighbourhood = QComboBox()
        self.neighbourhood.setObjectName("queue_neighbourhood")
        self.category = QComboBox()
        self.category.setObjectName("queue_category")
        self.category.setMinimumContentsLength(14)
        self.category.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.result = QComboBox()
        self.result.setObjectName("queue_result")
        self.period = QComboBox()
        self.period.setObjectName("queue_period")
        self.volunteer = QLineEdit()
        self.volunteer.setObjectName("queue_volunteer")
        self.volunteer.setClearButtonEnabled(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.neighbourhood, self.category, self.result, self.period):
            layout.addWidget(widget)
        layout.addWidget(self.volunteer, 1)
        guard_wheel([self.neighbourhood, self.category, self.result, self.period])
        self._fill()
        for combo in (self.neighbourhood, self.category, self.result, self.period):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.volunteer.returnPressed.connect(self.changed.emit)

    def _fill(self) -> None:
        lang: Lang = "vi" if current_language() == "vi" else "en"
        combos = (self.neighbourhood, self.category, self.result, self.period)
        current = [c.currentIndex() for c in combos]
        blocked = [c.blockSignals(True) for c in combos]
        self.neighbourhood.clear()
        self.neighbourhood.addItem(self.tr("All neighbourhoods"), None)
        for hood in self.reference.current_neighbourhoods(self._today()):
            self.neighbourhood.addItem(hood.name, hood.code)
        self.category.clear()
        self.category.addItem(self.tr("All kinds of help"), None)
        for code, category in self.reference.categories.items():
            self.category.addItem(category.name(lang), code)
        self.result.clear()
        self.result.addItem(self.tr("All results"), None)
        for member in Result:
            self.result.addItem(label(member, lang), member.value)
        self.period.clear()
        for key, text in (("", self.tr("Any time")), ("month", self.tr("This month")),
                          ("last_month", self.tr("Last month")),
                          ("quarter", self.tr("This quarter")), ("year", self.tr("This year"))):
            self.period.addItem(text, key)
        for combo, index, block in zip(combos, current, blocked, strict=True):
            combo.setCurrentIndex(max(0, index))
            combo.blockSignals(block)
        self.volunteer.setPlaceholderText(self.tr("Volunteer (full name, Enter)"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._fill()
        super().changeEvent(event)

    def filters(self, *, review_state: str | None, flagged: bool | None,
                search: str) -> QueueFilters:
        first, last = period_bounds(str(self.period.currentData() or ""), self._today())
        return QueueFilters(
            review_states=(review_state,) if review_state else (),
            flagged=flagged,
            neighbourhood=self.neighbourhood.currentData(),
            volunteer=self.volunteer.text().strip() or None,
            category=self.category.currentData(),
            result=self.result.currentData(),
            assisted_from=first,
            assisted_to=last,
            search=search,
        )
