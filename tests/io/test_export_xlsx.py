"""The XLSX export for people: Excel dates in local time, names beside codes, widths, a
frozen filterable header; progress and cancel; it still imports back."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop.io.exporter import ExportCancelled, export_file
from desktop.io.importer import import_file
from desktop.store import Store
from desktop.store.profile import Profile
from desktop.store.records import RecordRepository
from tests.store.factories import NOW, add_profile, make_record, open_store


def _sheet(path: Path):  # type: ignore[no-untyped-def]
    sheet = load_workbook(path).worksheets[0]
    header = [c.value for c in sheet[1]]
    return sheet, header


@pytest.mark.parametrize("style", ["vi", "en"])
def test_xlsx_is_made_for_people(tmp_path: Path, store: Store, profile: Profile,
                                 style: str) -> None:
    saved = RecordRepository(store).save(
        make_record(profile, category="DVC_SUBMIT", procedure_code="1.001193",
                    online_level="full", dossier_code="H22.1-250901-0001"), "Lan")
    path = tmp_path / "xuat.xlsx"
    assert export_file(store, path, style=style) == 1
    sheet, header = _sheet(path)
    row = {h: sheet.cell(row=2, column=i + 1) for i, h in enumerate(header)}
    names = {"vi": ("Nội dung hỗ trợ", "Tên nội dung hỗ trợ", "Thủ tục hành chính",
                    "Tên thủ tục", "Khu phố", "Tên khu phố", "Ngày hỗ trợ", "Thời điểm tạo"),
             "en": ("category", "category_name", "procedure_code", "procedure_name",
                    "neighbourhood", "neighbourhood_name", "assisted_on", "created_at")}[style]
    category, category_name, procedure, procedure_name, hood, hood_name, day, created = names
    # Names stand beside their codes.
    assert header.index(category_name) == header.index(category) + 1
    assert header.index(procedure_name) == header.index(procedure) + 1
    assert header.index(hood_name) == header.index(hood) + 1
    assert row[category].value == "DVC_SUBMIT"
    assert row[category_name].value == ("Nộp hồ sơ TTHC trực tuyến" if style == "vi" else
                                        "Submit an online administrative dossier "
                                        "(pick a procedure)")
    assert row[procedure].value == "1.001193"
    assert "khai sinh" in row[procedure_name].value.lower() or \
        "birth" in row[procedure_name].value.lower()
    assert (row[hood].value, row[hood_name].value) == ("HT01", "Khu 1")
    # Dates are Excel dates; date-times are the laptop's local time, not UTC text.
    assert row[day].is_date and row[day].number_format == "DD/MM/YYYY"
    assert row[created].is_date and row[created].number_format == "DD/MM/YYYY HH:MM"
    local = saved.created_at.astimezone().replace(tzinfo=None)
    assert row[created].value == local.replace(microsecond=0) or \
        abs((row[created].value - local).total_seconds()) < 1
    # Sized, frozen and filterable header; no sync bookkeeping for people.
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(row=1, column=len(header)).column_letter}2"
    for index, text in enumerate(header):
        width = sheet.column_dimensions[sheet.cell(row=1, column=index + 1).column_letter].width
        assert width >= min(len(text), 48), text
    assert sheet.cell(row=1, column=1).font.bold
    assert "device_id" not in header and "revision" not in header


def test_xlsx_imports_back_without_unknown_columns(tmp_path: Path, store: Store,
                                                   profile: Profile) -> None:
    repo = RecordRepository(store)
    for name in ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"):
        repo.save(make_record(profile, full_name=name, cccd=None), "Lan")
    path = tmp_path / "xuat.xlsx"
    export_file(store, path, style="vi")
    fresh = open_store(tmp_path / "fresh")
    try:
        add_profile(fresh)
        report = import_file(fresh, path)
        assert report.unknown_headers == []
        assert (report.stored, report.rejected) == (3, 0)
    finally:
        fresh.close()


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_reports_progress_and_cancel_leaves_no_file(
        tmp_path: Path, store: Store, profile: Profile, suffix: str) -> None:
    from desktop.testdata.fill import fill_store
    from desktop.testdata.generate import generate_records

    fill_store(store, generate_records(4500, seed=3, today=NOW.date(),
                                       device_id=str(profile.device_id),
                                       volunteer_name=profile.volunteer_name), actor="t")
    seen: list[tuple[int, int]] = []
    path = tmp_path / f"xuat{suffix}"
    assert export_file(store, path, progress=lambda d, t: seen.append((d, t))) == 4500
    assert seen[0] == (0, 4500) and seen[-1] == (4500, 4500)
    assert [d for d, _t in seen] == sorted(d for d, _t in seen) and len(seen) >= 3

    path.unlink()
    with pytest.raises(ExportCancelled):
        export_file(store, path, progress=lambda d, t: None, cancel=lambda: True)
    assert not path.exists()
    assert list(tmp_path.glob(".*partial")) == []


def test_every_row_is_written_like_the_first(tmp_path: Path, store: Store,
                                             profile: Profile) -> None:
    """Rows after the first are streamed (``xlsx_stream``): the same types, styles and text
    as openpyxl's first row, awkward text included."""
    repo = RecordRepository(store)
    notes = ["đầu", " khoảng trắng ", "a & b < c > d", "dòng 1\ndòng 2", "=1+1",
             "ký tự\x01điều khiển", "+84 912 345 678"]
    for index, note in enumerate(notes):
        repo.save(make_record(profile, full_name=f"Nguyễn Văn {'ABCDEFG'[index]}", notes=note,
                              birth_year=None, cccd=None), "Lan")
    path = tmp_path / "xuat.xlsx"
    assert export_file(store, path, style="vi") == len(notes)
    sheet, header = _sheet(path)
    day, created, note_col = (header.index(h) for h in ("Ngày hỗ trợ", "Thời điểm tạo",
                                                         "Ghi chú"))
    first = sheet[2]
    got = set()
    for number in range(2, len(notes) + 2):
        row = sheet[number]
        assert row[day].is_date and row[day].number_format == first[day].number_format
        assert row[created].is_date and row[created].number_format == first[created].number_format
        assert row[day].value == first[day].value  # the same day, the same serial number
        assert row[note_col].data_type == "s"  # text, never a formula
        got.add(row[note_col].value)
    assert got == {n.replace("\x01", "") for n in notes}
    assert sheet.max_row == len(notes) + 1


def test_cancel_while_rows_stream_leaves_no_file(tmp_path: Path, store: Store,
                                                 profile: Profile) -> None:
    from desktop.testdata.fill import fill_store
    from desktop.testdata.generate import generate_records

    fill_store(store, generate_records(4500, seed=4, today=NOW.date(),
                                       device_id=str(profile.device_id),
                                       volunteer_name=profile.volunteer_name), actor="t")
    out = tmp_path / "out"
    out.mkdir()
    path = out / "xuat.xlsx"
    seen: list[int] = []
    with pytest.raises(ExportCancelled):
        export_file(store, path, progress=lambda d, t: seen.append(d),
                    cancel=lambda: bool(seen) and seen[-1] >= 2000)
    assert seen[-1] >= 2000 and not path.exists()
    assert [p.name for p in out.iterdir()] == []  # neither the workbook nor a partial one
