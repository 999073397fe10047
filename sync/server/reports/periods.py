"""Report periods: a week, a month, a quarter, a half-year, a year, or any two dates.

A period is two inclusive dates and a kind; the kind only decides the label ("6 tháng đầu
năm 2025", "Quý II năm 2025") and what "the previous period" means (the previous quarter, the
same number of days before two arbitrary dates). Two dates that happen to span exactly a
month, a quarter, a half, a year or an ISO week are recognised as that kind, so
``--from 2025-01-01 --to 2025-06-30`` on the command line prints "6 tháng đầu năm 2025".
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from sync.contract.errors import KnownError

_ROMAN = ("I", "II", "III", "IV")
_MONTHS_EN = tuple(calendar.month_name)
_MONTHS_EN_SHORT = tuple(calendar.month_abbr)

#: Periods up to this many days get a weekly trend, longer ones a monthly one.
WEEKLY_TREND_MAX_DAYS = 92


class PeriodError(KnownError):
    """A period that cannot be reported (dates in the wrong order, a month 13 …)."""


class PeriodKind(StrEnum):
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    FIRST_HALF = "first_half"  # 6 tháng đầu năm
    SECOND_HALF = "second_half"  # 6 tháng cuối năm
    YEAR = "year"
    CUSTOM = "custom"  # any two dates


class Granularity(StrEnum):
    WEEK = "week"
    MONTH = "month"


@dataclass(frozen=True, slots=True)
class Period:
    """Two inclusive dates and the kind of period they are."""

    kind: PeriodKind
    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise PeriodError(
                f"Ngày kết thúc {_dmy(self.end)} đứng trước ngày bắt đầu {_dmy(self.start)}.",
                f"The end date {self.end.isoformat()} is before the start date "
                f"{self.start.isoformat()}.",
            )

    # --- constructors -----------------------------------------------------------------

    @classmethod
    def week_of(cls, day: date) -> Period:
        """The ISO week (Monday to Sunday) holding ``day``."""
        monday = day - timedelta(days=day.weekday())
        return cls(PeriodKind.WEEK, monday, monday + timedelta(days=6))

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        _check_year(year)
        if not 1 <= month <= 12:
            raise PeriodError(
                f"Tháng {month} không có: tháng từ 1 đến 12.", f"There is no month {month}: 1-12."
            )
        last = calendar.monthrange(year, month)[1]
        return cls(PeriodKind.MONTH, date(year, month, 1), date(year, month, last))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        _check_year(year)
        if not 1 <= quarter <= 4:
            raise PeriodError(
                f"Quý {quarter} không có: quý từ 1 đến 4.", f"There is no quarter {quarter}: 1-4."
            )
        first = 3 * quarter - 2
        last_month = first + 2
        end = date(year, last_month, calendar.monthrange(year, last_month)[1])
        return cls(PeriodKind.QUARTER, date(year, first, 1), end)

    @classmethod
    def half(cls, year: int, half: int) -> Period:
        """``half`` 1 = "6 tháng đầu năm" (January-June), 2 = "6 tháng cuối năm"."""
        _check_year(year)
        if half == 1:
            return cls(PeriodKind.FIRST_HALF, date(year, 1, 1), date(year, 6, 30))
        if half == 2:
            return cls(PeriodKind.SECOND_HALF, date(year, 7, 1), date(year, 12, 31))
        raise PeriodError(
            f"Nửa năm {half} không có: 1 (6 tháng đầu) hoặc 2 (6 tháng cuối).",
            f"There is no half {half}: 1 (first) or 2 (second).",
        )

    @classmethod
    def year(cls, year: int) -> Period:
        _check_year(year)
        return cls(PeriodKind.YEAR, date(year, 1, 1), date(year, 12, 31))

    @classmethod
    def between(cls, start: date, end: date) -> Period:
        """Two dates; recognised as a week, month, quarter, half or year when they are one."""
        _check_year(start.year)
        _check_year(end.year)
        candidates = [
            cls.week_of(start),
            cls.month(start.year, start.month),
            cls.quarter(start.year, (start.month - 1) // 3 + 1),
            cls.half(start.year, 1 if start.month <= 6 else 2),
            cls.year(start.year),
        ]
        for candidate in candidates:
            if candidate.start == start and candidate.end == end:
                return candidate
        return cls(PeriodKind.CUSTOM, start, end)

    # --- what it is -------------------------------------------------------------------

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def previous(self) -> Period:
        """The period to compare with: the one of the same kind just before this one."""
        if self.kind is PeriodKind.WEEK:
            return Period.week_of(self.start - timedelta(days=7))
        if self.kind is PeriodKind.MONTH:
            before = self.start - timedelta(days=1)
            return Period.month(before.year, before.month)
        if self.kind is PeriodKind.QUARTER:
            before = self.start - timedelta(days=1)
            return Period.quarter(before.year, (before.month - 1) // 3 + 1)
        if self.kind is PeriodKind.FIRST_HALF:
            return Period.half(self.start.year - 1, 2)
        if self.kind is PeriodKind.SECOND_HALF:
            return Period.half(self.start.year, 1)
        if self.kind is PeriodKind.YEAR:
            return Period.year(self.start.year - 1)
        end = self.start - timedelta(days=1)
        return Period(PeriodKind.CUSTOM, end - timedelta(days=self.days - 1), end)

    def label(self, lang: str = "vi") -> str:
        """How the period is named at the head of a report: "6 tháng đầu năm 2025"."""
        return self.label_vi if lang == "vi" else self.label_en

    @property
    def label_vi(self) -> str:
        y = self.start.year
        if self.kind is PeriodKind.WEEK:
            week = self.start.isocalendar()
            return f"Tuần {week.week} năm {week.year} ({self.start:%d/%m}–{self.end:%d/%m/%Y})"
        if self.kind is PeriodKind.MONTH:
            return f"Tháng {self.start.month} năm {y}"
        if self.kind is PeriodKind.QUARTER:
            return f"Quý {_ROMAN[(self.start.month - 1) // 3]} năm {y}"
        if self.kind is PeriodKind.FIRST_HALF:
            return f"6 tháng đầu năm {y}"
        if self.kind is PeriodKind.SECOND_HALF:
            return f"6 tháng cuối năm {y}"
        if self.kind is PeriodKind.YEAR:
            return f"Năm {y}"
        return f"Từ ngày {_dmy(self.start)} đến ngày {_dmy(self.end)}"

    @property
    def label_en(self) -> str:
        y = self.start.year
        if self.kind is PeriodKind.WEEK:
            week = self.start.isocalendar()
            return f"Week {week.week} of {week.year} ({_en_day(self.start)} – {_en_day(self.end)})"
        if self.kind is PeriodKind.MONTH:
            return f"{_MONTHS_EN[self.start.month]} {y}"
        if self.kind is PeriodKind.QUARTER:
            return f"Q{(self.start.month - 1) // 3 + 1} {y}"
        if self.kind is PeriodKind.FIRST_HALF:
            return f"First half of {y}"
        if self.kind is PeriodKind.SECOND_HALF:
            return f"Second half of {y}"
        if self.kind is PeriodKind.YEAR:
            return f"Year {y}"
        return f"{_en_day(self.start)} – {_en_day(self.end)}"

    @property
    def in_sentence_vi(self) -> str:
        """The label inside a sentence ("… trong 6 tháng đầu năm 2025", "… quý II năm 2025")."""
        text = self.label_vi
        return text[0].lower() + text[1:]

    def dates_vi(self) -> str:
        """ "01/01/2025 – 30/06/2025": the two dates, always shown beside the label."""
        return f"{_dmy(self.start)} – {_dmy(self.end)}"

    # --- the trend --------------------------------------------------------------------

    def granularity(self) -> Granularity:
        return Granularity.WEEK if self.days <= WEEKLY_TREND_MAX_DAYS else Granularity.MONTH

    def buckets(self, granularity: Granularity | None = None) -> list[Period]:
        """The weeks or months of the trend, clipped to this period, none left out."""
        step = granularity or self.granularity()
        out: list[Period] = []
        for whole in _whole_buckets(self, step):
            start, end = max(whole.start, self.start), min(whole.end, self.end)
            out.append(
                whole
                if (start, end) == (whole.start, whole.end)
                else Period(PeriodKind.CUSTOM, start, end)
            )
        return out

    def to_json(self) -> dict[str, str]:
        return {
            "kind": self.kind.value,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
        }

    @classmethod
    def from_json(cls, data: dict[str, str]) -> Period:
        return cls(
            PeriodKind(data["kind"]),
            date.fromisoformat(data["start"]),
            date.fromisoformat(data["end"]),
        )


def bucket_label(bucket: Period, granularity: Granularity, lang: str = "vi") -> str:
    """A short axis label: "T6/2025" / "Jun 2025" for months, "02/06" / "2 Jun" for weeks."""
    if granularity is Granularity.MONTH:
        if lang == "vi":
            return f"T{bucket.start.month}/{bucket.start.year}"
        return f"{_MONTHS_EN_SHORT[bucket.start.month]} {bucket.start.year}"
    if lang == "vi":
        return f"{bucket.start:%d/%m}"
    return f"{bucket.start.day} {_MONTHS_EN_SHORT[bucket.start.month]}"


def _whole_buckets(period: Period, step: Granularity) -> Iterator[Period]:
    if step is Granularity.WEEK:
        current = Period.week_of(period.start)
        while current.start <= period.end:
            yield current
            current = Period.week_of(current.end + timedelta(days=1))
        return
    current = Period.month(period.start.year, period.start.month)
    while current.start <= period.end:
        yield current
        after = current.end + timedelta(days=1)
        current = Period.month(after.year, after.month)


def _check_year(year: int) -> None:
    if not 2000 <= year <= 2100:
        raise PeriodError(
            f"Năm {year} nằm ngoài khoảng báo cáo được (2000-2100).",
            f"The year {year} is outside what can be reported (2000-2100).",
        )


def _dmy(day: date) -> str:
    return f"{day:%d/%m/%Y}"


def _en_day(day: date) -> str:
    return f"{day.day} {_MONTHS_EN_SHORT[day.month]} {day.year}"
