"""Choosing a report period: a week, a month, a quarter, "6 tháng đầu năm" / "6 tháng cuối
năm", a year, or two dates. The server names the period from its two dates (a month's first
and last day are "Tháng 6 năm 2025"), so the picker only has to produce the right two days.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QSpinBox, QWidget

from desktop.gui.wheel_guard import guard_wheel

KINDS = ("week", "month", "quarter", "first_half", "second_half", "year", "custom")


def period_dates(kind: str, *, year: int, number: int, day: date, until: date
                 ) -> tuple[date, date]:
    """The two inclusive days of a period of ``kind`` (``number``: the month or quarter;
    ``day``: a day of the week, or the first of two dates ending at ``until``)."""
    if kind == "week":
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6)
    if kind == "month":
        return date(year, number, 1), date(year, number, calendar.monthrange(year, number)[1])
    if kind == "quarter":
        last = 3 * number
        return date(year, last - 2, 1), date(year, last, calendar.monthrange(year, last)[1])
    if kind == "first_half":
        return date(year, 1, 1), date(year, 6, 30)
    if kind == "second_half":
        return date(year, 7, 1), date(year, 12, 31)
    if kind == "year":
        return date(year, 1, 1), date(year, 12, 31)
    return day, until


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class PeriodPicker(QWidget):
    """Signals:
        changed(): the chosen period changed.
    """

    changed = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = QComboBox()
        self.kind.setObjectName("report_period_kind")
        self.year = QSpinBox()
        self.year.setObjectName("report_year")
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.number = QComboBox()
        self.number.setObjectName("report_number")
        self.start = QDateEdit(_qdate(today.replace(day=1)))
        self.start.setObjectName("report_from")
        self.end = QDateEdit(_qdate(today))
        self.end.setObjectName("report_to")
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setDateRange(QDate(2000, 1, 1), QDate(2100, 12, 31))
        self.to_label = QLabel()
        self._today = today
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.kind, self.number, self.year, self.start, self.to_label, self.end):
            layout.addWidget(widget)
        guard_wheel([self.kind, self.year, self.number, self.start, self.end])
        self.retranslate_ui()
        self.kind.setCurrentIndex(KINDS.index("first_half"))
        self._show_fields()
        self.kind.currentIndexChanged.connect(self._kind_changed)
        for signal in (self.year.valueChanged, self.number.currentIndexChanged,
                       self.start.dateChanged, self.end.dateChanged):
            signal.connect(lambda *_a: self.changed.emit())

    def retranslate_ui(self) -> None:
        names = (self.tr("Week of"), self.tr("Month"), self.tr("Quarter"),
                 self.tr("First 6 months of"), self.tr("Last 6 months of"), self.tr("Year"),
                 self.tr("From"))
        index = self.kind.currentIndex()
        blocked = self.kind.blockSignals(True)
        self.kind.clear()
        for kind, name in zip(KINDS, names, strict=True):
            self.kind.addItem(name, kind)
        self.kind.setCurrentIndex(max(0, index))
        self.kind.blockSignals(blocked)
        self.to_label.setText(self.tr("to"))
        self._fill_numbers()

    def _fill_numbers(self) -> None:
        kind = self.current_kind()
        blocked = self.number.blockSignals(True)
        previous = self.number.currentData()
        self.number.clear()
        if kind == "month":
            for month in range(1, 13):
                self.number.addItem(self.tr("Month %1").replace("%1", str(month)), month)
            wanted = previous if isinstance(previous, int) and previous <= 12 \
                else self._today.month
        else:
            for quarter, roman in enumerate(("I", "II", "III", "IV"), start=1):
                self.number.addItem(self.tr("Quarter %1").replace("%1", roman), quarter)
            wanted = previous if isinstance(previous, int) and previous <= 4 \
                else (self._today.month - 1) // 3 + 1
        self.number.setCurrentIndex(max(0, self.number.findData(wanted)))
        self.number.blockSignals(blocked)

    def current_kind(self) -> str:
        data = self.kind.currentData()
        return str(data) if data else "first_half"

    def _kind_changed(self, _index: int) -> None:
        self._fill_numbers()
        self._show_fields()
        self.changed.emit()

    def _show_fields(self) -> None:
        kind = self.current_kind()
        self.number.setVisible(kind in ("month", "quarter"))
        self.year.setVisible(kind not in ("week", "custom"))
        self.start.setVisible(kind in ("week", "custom"))
        self.to_label.setVisible(kind == "custom")
        self.end.setVisible(kind == "custom")

    def set_period(self, kind: str, *, year: int | None = None, number: int | None = None,
                   start: date | None = None, end: date | None = None) -> None:
        """Choose a period from code (tests, and the previous choice at start-up)."""
        self.kind.setCurrentIndex(KINDS.index(kind))
        if year is not None:
            self.year.setValue(year)
        if number is not None:
            self.number.setCurrentIndex(max(0, self.number.findData(number)))
        if start is not None:
            self.start.setDate(_qdate(start))
        if end is not None:
            self.end.setDate(_qdate(end))

    def dates(self) -> tuple[date, date]:
        number = self.number.currentData()
        return period_dates(self.current_kind(), year=self.year.value(),
                            number=int(number) if number else 1,
                            day=_pydate(self.start.date()), until=_pydate(self.end.date()))
