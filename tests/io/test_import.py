"""Importing CSV/XLSX: the valid rows stored, every other reported, re-import adds nothing."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from desktop.io.exporter import export_file
from desktop.io.importer import import_file
from desktop.io.readers import FileFormatError
from desktop.store import Store
from desktop.store.errors import NoProfileError
from desktop.store.models import AuditRow, ImportFingerprintRow, OutboxRow, RecordRow
from desktop.store.profile import Profile
from desktop.store.records import RecordRepository
from desktop.testdata.generate import generate_rows, write_rows_csv
from sync.contract.record import RecordStatus
from tests.store.factories import TODAY, make_record


@pytest.fixture
def vietnam_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The process's local time zone is a volunteer laptop's (UTC+7) for the test."""
    monkeypatch.setenv("TZ", "Asia/Ho_Chi_Minh")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _count(store: Store, model: type) -> int:
    with store.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _assert_whole_rows(store: Store) -> None:
    """Every record has its outbox entry, its audit line and its fingerprint."""
    with store.session() as session:
        for model in (OutboxRow, AuditRow, ImportFingerprintRow):
            orphans = session.scalar(
                select(func.count())
                .select_from(RecordRow)
                .where(~RecordRow.id.in_(select(model.record_id)))  # type: ignore[attr-defined]
            )
            assert orphans == 0, model.__name__


def test_ten_thousand_rows_mixed(tmp_path: Path, store: Store, profile: Profile) -> None:
    rows = list(generate_rows(10_000, seed=11, today=TODAY, invalid_ratio=0.08))
    path = tmp_path / "residents.csv"
    write_rows_csv(path, rows)
    defective = {line: r.defect for line, r in enumerate(rows, start=2) if r.defect}
    assert 600 < len(defective) < 1000

    report = import_file(store, path)

    assert report.rows == 10_000
    assert report.stored == 10_000 - len(defective) == _count(store, RecordRow)
    assert report.rejected_lines == sorted(defective)
    reported = {(p.line, p.field) for p in report.problems}
    assert all((line, field) in reported for line, field in defective.items())
    assert all(p.message_vi and p.message_en for p in report.problems)
    _assert_whole_rows(store)
    assert _count(store, OutboxRow) == _count(store, AuditRow) == report.stored

    again = import_file(store, path)
    assert (again.stored, again.already_present) == (0, report.stored)
    assert _count(store, RecordRow) == report.stored


def test_rows_are_stored_as_draft_or_final_per_status(
    tmp_path: Path, store: Store, profile: Profile
) -> None:
    path = tmp_path / "two.csv"
    path.write_text(
        "Họ và tên,Năm sinh,Nội dung hỗ trợ,Trạng thái phiếu\n"
        "Lê Thị Hoa,1990,VSSID,Nháp\n"
        "Lê Văn Tám,1970,,\n",
        encoding="utf-8",  # no BOM
    )
    report = import_file(store, path)
    assert (report.stored, report.problems) == (2, [])
    repo = RecordRepository(store)
    statuses = {r.full_name: r.status for r in repo.fetch_rows(repo.query_ids())}
    assert statuses == {"Lê Thị Hoa": RecordStatus.DRAFT.value, "Lê Văn Tám": "draft"}


def test_same_rows_in_another_format_and_spelling_are_recognised(
    tmp_path: Path, store: Store, profile: Profile
) -> None:
    csv_path = tmp_path / "a.csv"
    csv_path.write_text(
        "\ufefffull_name;phone;birth_year\nNguyễn Văn An;0912345678;1985\n", encoding="utf-8"
    )
    assert import_file(store, csv_path).stored == 1
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Số điện thoại", "Họ và tên", "Năm sinh", "Cột lạ"])
    sheet.append(["+84 912 345 678", "NGUYỄN VĂN AN".title(), 1985, "x"])
    xlsx_path = tmp_path / "b.xlsx"
    workbook.save(xlsx_path)
    report = import_file(store, xlsx_path)
    assert (report.stored, report.already_present) == (0, 1)
    assert report.unknown_headers == ["Cột lạ"]


def test_identical_rows_within_a_file_are_reported_once(
    tmp_path: Path, store: Store, profile: Profile
) -> None:
    path = tmp_path / "dup.csv"
    path.write_text("full_name,birth_year\nLê Thị Hoa,1990\nLê Thị Hoa,1990\n", encoding="utf-8")
    report = import_file(store, path)
    assert (report.stored, report.duplicates) == (1, [(3, 2)])


def test_export_then_import_adds_nothing(tmp_path: Path, store: Store, profile: Profile) -> None:
    repo = RecordRepository(store)
    repo.save(make_record(profile, notes="=cmd|' /C calc'!A0"), "Lan")
    repo.save(make_record(profile, full_name="Lê Thị Hoa", cccd=None), "Lan")
    for name, style in (("out.csv", "en"), ("out.xlsx", "vi")):
        path = tmp_path / name
        assert export_file(store, path, style=style) == 2  # type: ignore[arg-type]
        report = import_file(store, path)
        assert (report.stored, report.already_present, report.problems) == (0, 2, [])


def test_records_survive_an_export_import_round_trip(
    tmp_path: Path, store: Store, profile: Profile
) -> None:
    """Another laptop's export: the values come across, its record ids never do (the row is
    a new record of this laptop, with a random id and this laptop's device id)."""
    original = RecordRepository(store).save(make_record(profile, notes="-ghi chú"), "Lan")
    path = tmp_path / "out.xlsx"
    export_file(store, path, style="vi")
    other = Store.open(tmp_path / "other")
    try:
        from tests.store.factories import add_profile

        other_profile = add_profile(other)
        assert import_file(other, path).stored == 1
        assert RecordRepository(other).get(original.id) is None
        (copy,) = list(RecordRepository(other).iter_all())
        assert copy.id != original.id and copy.id.version == 4
        assert copy.device_id == str(other_profile.device_id) != original.device_id
        # The same foreign file again adds nothing (its rows' fingerprints are known).
        again = import_file(other, path)
        assert (again.stored, again.already_present) == (0, 1)
        fields = {"full_name", "birth_year", "gender", "cccd", "phone", "category", "place",
                  "result", "consent", "consent_method", "status", "notes", "assisted_on",
                  "neighbourhood_code"}  # fmt: skip
        assert copy.model_dump(include=fields) == original.model_dump(include=fields)
    finally:
        other.close()


def test_file_problems_are_known_errors(tmp_path: Path, store: Store, profile: Profile) -> None:
    legacy = tmp_path / "tcvn3.csv"
    legacy.write_bytes("full_name\nTrân Văn\n".encode("cp1258"))  # a legacy code page
    with pytest.raises(FileFormatError, match="UTF-8"):
        import_file(store, legacy)
    no_header = tmp_path / "x.csv"
    no_header.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(FileFormatError, match="template"):
        import_file(store, no_header)
    with pytest.raises(FileFormatError, match=r"\.csv"):
        import_file(store, tmp_path / "x.pdf")


def test_import_needs_a_profile(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "a.csv"
    path.write_text("full_name\nLê Thị Hoa\n", encoding="utf-8")
    with pytest.raises(NoProfileError):
        import_file(store, path)


def test_cancel_stops_after_a_whole_chunk(tmp_path: Path, store: Store, profile: Profile) -> None:
    rows = list(generate_rows(50, seed=3, today=TODAY))
    path = tmp_path / "r.csv"
    write_rows_csv(path, rows)
    seen: list[tuple[int, int]] = []
    report = import_file(
        store, path, chunk_size=20, progress=lambda d, t: seen.append((d, t)), cancel=lambda: True
    )
    assert report.cancelled and report.stored == 20 == _count(store, RecordRow)
    assert seen[0] == (20, 50)
    _assert_whole_rows(store)


def test_consent_time_and_notice_come_from_the_file_or_are_stamped(
    tmp_path: Path, store: Store, profile: Profile, vietnam_time: None
) -> None:
    path = tmp_path / "consent.csv"
    path.write_text(
        "full_name,birth_year,gender,category,place,result,status,consent,consent_method,"
        "consent_at,consent_notice_version\n"
        "Nguyễn Văn An,1985,male,VNEID_L1,meeting,completed,final,yes,verbal,"
        "14/05/2025 09:30,2025-07\n"
        "Trần Thị Bình,1990,female,VNEID_L1,meeting,completed,final,yes,verbal,,\n",
        encoding="utf-8",
    )

    report = import_file(store, path)

    assert (report.stored, report.rejected) == (2, 0), report.problems
    assert report.consent_stamped == 1
    stored = {r.full_name: r for r in RecordRepository(store).iter_all()}
    from_file = stored["Nguyễn Văn An"]
    assert from_file.consent_at is not None
    assert from_file.consent_at.isoformat() == "2025-05-14T02:30:00+00:00"  # 09:30 in Vietnam
    assert from_file.consent_notice_version == "2025-07"
    stamped = stored["Trần Thị Bình"]
    assert stamped.consent_at == store.clock()
    assert stamped.consent_notice_version == store.reference.consent.version
    # Stamping does not make the file a new file: importing it again adds nothing.
    assert import_file(store, path).stored == 0
