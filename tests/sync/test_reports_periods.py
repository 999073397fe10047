"""Report periods, their labels and previous periods; the report settings; the date line."""

from __future__ import annotations

import itertools
import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import Engine

from sync.server.reports.formatting import nd30_date_line, vn_change, vn_int
from sync.server.reports.periods import Granularity, Period, PeriodError, PeriodKind
from sync.server.reports.settings import (
    ReportSettings,
    SettingsError,
    load_settings,
    save_settings,
)
from tests.sync.reports_data import REFERENCE


@pytest.mark.parametrize(
    ("period", "vi", "en", "previous"),
    [
        (Period.half(2025, 1), "6 tháng đầu năm 2025", "First half of 2025", Period.half(2024, 2)),
        (
            Period.half(2025, 2),
            "6 tháng cuối năm 2025",
            "Second half of 2025",
            Period.half(2025, 1),
        ),
        (Period.quarter(2025, 1), "Quý I năm 2025", "Q1 2025", Period.quarter(2024, 4)),
        (Period.quarter(2025, 3), "Quý III năm 2025", "Q3 2025", Period.quarter(2025, 2)),
        (Period.month(2025, 1), "Tháng 1 năm 2025", "January 2025", Period.month(2024, 12)),
        (Period.month(2024, 3), "Tháng 3 năm 2024", "March 2024", Period.month(2024, 2)),
        (Period.year(2025), "Năm 2025", "Year 2025", Period.year(2024)),
        (
            Period.week_of(date(2025, 6, 4)),
            "Tuần 23 năm 2025 (02/06–08/06/2025)",
            "Week 23 of 2025 (2 Jun 2025 – 8 Jun 2025)",
            Period.week_of(date(2025, 5, 28)),
        ),
        (
            Period.between(date(2025, 3, 10), date(2025, 3, 19)),
            "Từ ngày 10/03/2025 đến ngày 19/03/2025",
            "10 Mar 2025 – 19 Mar 2025",
            Period(PeriodKind.CUSTOM, date(2025, 2, 28), date(2025, 3, 9)),
        ),
    ],
)
def test_labels_and_previous_periods(period: Period, vi: str, en: str, previous: Period) -> None:
    assert (period.label_vi, period.label_en) == (vi, en)
    assert period.previous() == previous
    assert period.previous().days == period.days or period.kind is not PeriodKind.CUSTOM


def test_two_dates_that_are_a_known_period_are_named_so() -> None:
    assert Period.between(date(2025, 1, 1), date(2025, 6, 30)).kind is PeriodKind.FIRST_HALF
    assert Period.between(date(2024, 2, 1), date(2024, 2, 29)).kind is PeriodKind.MONTH
    assert Period.between(date(2025, 4, 1), date(2025, 6, 30)).kind is PeriodKind.QUARTER
    assert Period.between(date(2025, 1, 1), date(2025, 12, 31)).kind is PeriodKind.YEAR
    assert Period.between(date(2025, 6, 2), date(2025, 6, 8)).kind is PeriodKind.WEEK
    assert Period.between(date(2025, 6, 3), date(2025, 6, 8)).kind is PeriodKind.CUSTOM
    assert Period.half(2025, 1).in_sentence_vi == "6 tháng đầu năm 2025"
    assert Period.quarter(2025, 2).in_sentence_vi == "quý II năm 2025"


def test_bad_periods_are_refused_in_both_languages() -> None:
    with pytest.raises(PeriodError) as backwards:
        Period.between(date(2025, 6, 30), date(2025, 1, 1))
    assert "đứng trước" in backwards.value.message_vi
    assert "before" in backwards.value.message_en
    with pytest.raises(PeriodError):
        Period.month(2025, 13)
    with pytest.raises(PeriodError):
        Period.quarter(2025, 5)
    with pytest.raises(PeriodError):
        Period.half(2025, 3)
    with pytest.raises(PeriodError):
        Period.year(1899)


def test_trend_buckets_cover_the_period_exactly() -> None:
    half = Period.half(2025, 1)
    assert half.granularity() is Granularity.MONTH
    months = half.buckets()
    assert [m.start.month for m in months] == [1, 2, 3, 4, 5, 6]
    march = Period.month(2025, 3)
    weeks = march.buckets()
    assert march.granularity() is Granularity.WEEK
    assert weeks[0].start == date(2025, 3, 1) and weeks[-1].end == date(2025, 3, 31)
    assert sum(w.days for w in weeks) == 31
    assert all(b.start == a.end + timedelta(days=1) for a, b in itertools.pairwise(weeks))
    odd = Period.between(date(2025, 1, 15), date(2025, 8, 3))
    assert sum(b.days for b in odd.buckets()) == odd.days
    assert odd.buckets()[0].start == date(2025, 1, 15)


def test_numbers_and_the_date_line_as_a_document_writes_them() -> None:
    assert vn_int(1234567) == "1.234.567"
    assert vn_change(12, 10) == "+2 (+20,0%)"
    assert vn_change(9, 10) == "-1 (-10,0%)"
    assert vn_change(5, 0) == "+5 (mới)"
    assert vn_change(3, 3) == "±0 (±0,0%)"
    # Nghị định 30: days below 10 and the months 1 and 2 take a leading zero.
    assert nd30_date_line("Phường Hà Tu", date(2025, 7, 5)) == (
        "Phường Hà Tu, ngày 05 tháng 7 năm 2025"
    )
    assert nd30_date_line("Phường Hà Tu", date(2026, 2, 14)) == (
        "Phường Hà Tu, ngày 14 tháng 02 năm 2026"
    )
    assert nd30_date_line("Phường Hà Tu", date(2025, 12, 31)) == (
        "Phường Hà Tu, ngày 31 tháng 12 năm 2025"
    )


def test_settings_default_from_the_ward_and_are_stored(ward_db: Engine) -> None:
    defaults = ReportSettings.defaults(REFERENCE)
    assert defaults.issuing_body == ("ỦY BAN NHÂN DÂN", "PHƯỜNG HÀ TU")
    assert defaults.place_name == "Phường Hà Tu"
    assert defaults.document_number() == "Số: \u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/BC-UBND"
    with ward_db.connect() as conn:
        assert load_settings(conn, REFERENCE) == defaults
    mine = replace(
        defaults,
        number="15",
        signer_name="Nguyễn Văn Hùng",
        signer_titles=("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
    )
    now = datetime(2025, 7, 1, tzinfo=UTC)
    with ward_db.begin() as conn:
        save_settings(conn, mine, by="admin", now=now)
        save_settings(conn, replace(mine, number="16"), by="admin", now=now)
    with ward_db.connect() as conn:
        loaded = load_settings(conn, REFERENCE)
    assert loaded == replace(mine, number="16")
    assert loaded.document_number() == "Số: 16/BC-UBND"
    # Unknown keys (from a newer version) are kept aside, not an error.
    assert ReportSettings.from_json(json.dumps({"number": "3", "seal": "x"})).extra == {"seal": "x"}


@pytest.mark.parametrize(
    ("changes", "field_vi"),
    [
        ({"issuing_body": ()}, "tên cơ quan ban hành"),
        ({"signer_titles": ("", "")}, "chức vụ người ký"),
        ({"signer_name": "x" * 121}, "họ tên người ký"),
        ({"number": "1\n2"}, "số văn bản"),
        ({"symbol": " "}, "ký hiệu văn bản"),
        ({"place_name": ""}, "địa danh"),
    ],
)
def test_settings_that_cannot_be_printed_are_refused(
    changes: dict[str, object], field_vi: str
) -> None:
    with pytest.raises(SettingsError) as refused:
        replace(ReportSettings(), **changes).validate()  # type: ignore[arg-type]
    assert field_vi in refused.value.message_vi.lower()
