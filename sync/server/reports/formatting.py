"""Numbers, dates and times as a Vietnamese administrative document writes them."""

from __future__ import annotations

from datetime import date, datetime

from sync.server.checks import WARD_TZ


def vn_int(value: int) -> str:
    """1234567 -> "1.234.567" (Vietnamese groups thousands with a dot)."""
    return f"{value:,}".replace(",", ".")


def vn_change(current: int, previous: int) -> str:
    """The change from the previous period: "+12 (+25,0%)", "-3 (-10,0%)", "+5 (mới)"."""
    delta = current - previous
    sign = "+" if delta > 0 else ("-" if delta < 0 else "±")
    if previous == 0:
        return f"{sign}{vn_int(abs(delta))}" + (" (mới)" if current else "")
    percent = f"{abs(delta) * 100 / previous:.1f}".replace(".", ",")
    return f"{sign}{vn_int(abs(delta))} ({sign}{percent}%)"


def dmy(day: date) -> str:
    return f"{day:%d/%m/%Y}"


def ward_time(moment: datetime) -> datetime:
    """A UTC moment as the ward's clock shows it (UTC+7, no daylight saving)."""
    return moment.astimezone(WARD_TZ)


def made_at_vi(moment: datetime) -> str:
    """ "08:30 ngày 05/07/2025" in the ward's time."""
    local = ward_time(moment)
    return f"{local:%H:%M} ngày {local:%d/%m/%Y}"


def nd30_date_line(place: str, day: date) -> str:
    """ "Phường Hà Tu, ngày 05 tháng 7 năm 2025".

    Nghị định 30/2020, Phụ lục I: days below 10 and the months 1 and 2 take a leading zero.
    """
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"
