"""A date typed as dd/MM/yyyy, which may also be left empty (and, for births, be a year only).

``QDateEdit`` cannot be empty, and a birth date is often known only as a year, so this is a
plain line edit that parses what the volunteer types and says clearly when it cannot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QLineEdit, QWidget

DATE_FORMAT_QT = "dd/MM/yyyy"
_DATE = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\s*$")
_YEAR = re.compile(r"^\s*(\d{4})\s*$")


@dataclass(frozen=True)
class ParsedDate:
    """What the text says: a full date, a year only, nothing, or something unreadable."""

    day: date | None = None
    year: int | None = None
    unreadable: bool = False

    @property
    def empty(self) -> bool:
        return self.day is None and self.year is None and not self.unreadable


def parse_date_text(text: str, *, allow_year_only: bool = False) -> ParsedDate:
    """Parse "dd/MM/yyyy" (also with "." or "-"), or "yyyy" when ``allow_year_only``."""
    if not text.strip():
        return ParsedDate()
    match = _DATE.match(text)
    if match:
        d, m, y = (int(g) for g in match.groups())
        try:
            return ParsedDate(day=date(y, m, d))
        except ValueError:
            return ParsedDate(unreadable=True)
    match = _YEAR.match(text)
    if match and allow_year_only:
        return ParsedDate(year=int(match.group(1)))
    return ParsedDate(unreadable=True)


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def format_date(day: date | None) -> str:
    return "" if day is None else day.strftime("%d/%m/%Y")


class DateField(QLineEdit):
    """Line edit for dd/MM/yyyy dates (optionally a year alone)."""

    def __init__(self, *, allow_year_only: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.allow_year_only = allow_year_only
        self.setMaxLength(10)
        self.setPlaceholderText("dd/mm/yyyy")

    def parsed(self) -> ParsedDate:
        return parse_date_text(self.text(), allow_year_only=self.allow_year_only)

    def set_date(self, day: date | None) -> None:
        self.setText(format_date(day))

    def set_year(self, year: int | None) -> None:
        self.setText("" if year is None else str(year))
