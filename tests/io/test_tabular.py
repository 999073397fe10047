"""The shared column set: headers in both styles, lenient reading, formula-safe writing."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop.io.exporter import export_file
from desktop.store import Store
from desktop.store.profile import Profile
from desktop.store.records import RecordRepository
from sync.contract.record import Gender, Place, Result
from sync.contract.reference import ReferenceData, load_reference
from sync.contract.tabular import (
    IMPORT_COLUMNS,
    match_headers,
    neutralise,
    parse_row,
    unneutralise,
    write_csv,
    write_template,
    write_xlsx,
)
from tests.store.factories import make_record


@pytest.fixture(scope="module")
def ref() -> ReferenceData:
    return load_reference()


def test_required_columns_exist_in_both_styles() -> None:
    names = {c.name for c in IMPORT_COLUMNS}
    required = [
        "full_name",
        "birth_date",
        "birth_year",
        "gender",
        "cccd",
        "cmnd",
        "phone",
        "address",
        "neighbourhood",
        "category",
        "procedure_code",
        "online_level",
        "dossier_code",
        "place",
        "result",
        "follow_up_date",
        "reason",
        "notes",
        "consent",
        "consent_method",
        "status",
    ]
    assert set(required) <= names
    labels = {c.label_vi for c in IMPORT_COLUMNS}
    assert {"Họ và tên", "Ngày sinh", "Số CCCD", "Số điện thoại"} <= labels


def test_headers_match_in_any_style_case_or_accents() -> None:
    match = match_headers(["Họ và tên", "SO DIEN THOAI", "birth_year", "Khu phố", "Ghi chú x", ""])
    assert [c.name for c in match.positions.values()] == [
        "full_name",
        "phone",
        "birth_year",
        "neighbourhood",
    ]
    assert match.unknown == ["Ghi chú x"]


def test_cells_are_read_leniently(ref: ReferenceData) -> None:
    parsed = parse_row(
        {
            "full_name": "  nguyễn   văn AN ",
            "birth_date": "05/03/1985",
            "gender": "Nam",
            "phone": "84 912 345 678",
            "place": "Họp khu phố",
            "result": "completed",
            "consent": "có",
            "neighbourhood": "Khu 3",
            "category": "Cài đặt ứng dụng VNeID",
            "cccd": 22085001234,  # a spreadsheet number that lost its leading zero
            "follow_up_date": datetime(2025, 9, 10),
        },
        ref,
        on=date(2025, 9, 1),
    )
    assert parsed.problems == []
    assert parsed.values == {
        "full_name": "nguyễn văn AN",
        "birth_date": date(1985, 3, 5),
        "gender": Gender.MALE,
        "phone": "+84912345678",
        "place": Place.MEETING,
        "result": Result.COMPLETED,
        "consent": True,
        "neighbourhood_code": "HT03",
        "category": "VNEID_INSTALL",
        "cccd": "022085001234",
        "follow_up_date": date(2025, 9, 10),
    }


def test_unreadable_cells_name_the_field_and_the_fix(ref: ReferenceData) -> None:
    parsed = parse_row(
        {"birth_date": "31/02/1990", "gender": "?", "consent": "maybe", "birth_year": "85"}, ref
    )
    assert {p.field: p.code for p in parsed.problems} == {
        "birth_date": "format.date",
        "gender": "format.choice",
        "consent": "format.yes_no",
        "birth_year": "format.year",
    }
    gender = next(p for p in parsed.problems if p.field == "gender")
    assert "Nam, Nữ" in gender.message_vi and "Male, Female" in gender.message_en


@pytest.mark.parametrize("text", ["=1+2", "+84", "-x", "@SUM(A1)", "\tx"])
def test_formula_like_text_is_neutralised_and_restored(text: str) -> None:
    assert neutralise(text).startswith("'")
    assert unneutralise(neutralise(text)) == text
    assert neutralise("Nguyễn") == "Nguyễn"


def test_csv_export_neutralises_formulas(
    tmp_path: Path, profile: Profile, ref: ReferenceData
) -> None:
    record = make_record(profile, notes='=HYPERLINK("http://x")', address="-12 Tổ 5")
    path = tmp_path / "out.csv"
    write_csv(path, [record], ref)
    with path.open(encoding="utf-8-sig", newline="") as fh:
        row = next(iter(csv.DictReader(fh)))
    assert row["notes"] == '\'=HYPERLINK("http://x")'
    assert row["address"] == "'-12 Tổ 5"
    assert row["phone"] == "0912 345 678"


def test_xlsx_export_stores_formula_like_text_as_text(
    tmp_path: Path, profile: Profile, ref: ReferenceData
) -> None:
    record = make_record(profile, notes="=1+2", reason="@x")
    path = tmp_path / "out.xlsx"
    write_xlsx(path, [record], ref, style="vi")
    sheet = load_workbook(path).worksheets[0]
    header = [c.value for c in sheet[1]]
    notes = sheet.cell(row=2, column=header.index("Ghi chú") + 1)
    assert (notes.value, notes.data_type) == ("=1+2", "s")
    assert sheet.cell(row=2, column=header.index("Ngày hỗ trợ") + 1).is_date


def test_the_laptop_export_strips_control_characters(
    tmp_path: Path, store: Store, profile: Profile
) -> None:
    """One note with \\x01 (a CSV import can carry it) must not break the whole export:
    openpyxl refuses such a cell, so the writers strip control characters (tab and line
    breaks are kept)."""
    RecordRepository(store).save(make_record(profile, notes="a\x01b\x1fc\td\ne"), "Lan")
    xlsx, csv_path = tmp_path / "out.xlsx", tmp_path / "out.csv"
    assert export_file(store, xlsx) == 1 and export_file(store, csv_path) == 1
    sheet = load_workbook(xlsx).worksheets[0]
    header = [c.value for c in sheet[1]]
    assert sheet.cell(row=2, column=header.index("notes") + 1).value == "abc\td\ne"
    with csv_path.open(encoding="utf-8-sig", newline="") as fh:
        assert next(iter(csv.DictReader(fh)))["notes"] == "abc\td\ne"


def test_template_has_both_header_styles(tmp_path: Path) -> None:
    path = tmp_path / "mau.xlsx"
    write_template(path, style="vi")
    workbook = load_workbook(path)
    assert workbook.worksheets[0]["A1"].value == "Ngày hỗ trợ"
    guide = [tuple(c.value for c in row[:2]) for row in workbook.worksheets[1].iter_rows()]
    assert ("full_name", "Họ và tên") in guide and ("phone", "Số điện thoại") in guide
