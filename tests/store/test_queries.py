"""The records list: search, filters, sort, lazy ids, counts, duplicates, follow-ups."""

from __future__ import annotations

import unicodedata
import uuid
from datetime import date, timedelta

import pytest

from desktop.store import Store
from desktop.store.profile import Profile
from desktop.store.queries import RecordFilter, RecordSort, SortKey
from desktop.store.records import RecordRepository
from sync.contract.record import AssistanceRecord, Gender, RecordStatus, Result
from tests.store.factories import TODAY, make_record


@pytest.fixture
def people(store: Store, profile: Profile) -> dict[str, AssistanceRecord]:
    repo = RecordRepository(store)
    specs = {
        "an": make_record(profile, full_name="Nguyễn Văn An", assisted_on=TODAY),
        "hoa": make_record(
            profile,
            full_name="Lê Thị Hoa",
            gender=Gender.FEMALE,
            birth_year=1990,
            cccd="001190004321",
            phone="+84987654321",
            neighbourhood_code="HT02",
            neighbourhood_name="Khu 2",
            category="DVC_SUBMIT",
            procedure_code="1.001193",
            dossier_code="G22.123456-01",
            assisted_on=TODAY - timedelta(days=3),
        ),
        "dung": make_record(
            profile,
            full_name="Đặng Văn Dũng",
            birth_year=1960,
            cccd="022060000111",
            phone="+84388888888",
            result=Result.FOLLOW_UP,
            follow_up_date=TODAY - timedelta(days=1),
            assisted_on=TODAY - timedelta(days=20),
        ),
        "binh": make_record(
            profile,
            full_name="Trần Văn Bình",
            birth_year=1970,
            cccd=None,
            phone=None,
            status=RecordStatus.DRAFT,
            result=Result.FOLLOW_UP,
            follow_up_date=TODAY + timedelta(days=5),
            assisted_on=date(2025, 7, 30),
        ),
    }
    return {key: repo.save(record, "Lan") for key, record in specs.items()}


def _names(store: Store, flt: RecordFilter, sort: RecordSort | None = None) -> list[str]:
    repo = RecordRepository(store)
    return [row.full_name for row in repo.fetch_rows(repo.query_ids(flt, sort))]


@pytest.mark.parametrize(
    "text",
    ["Nguyễn Văn An", unicodedata.normalize("NFD", "Nguyễn Văn An"), "nguyen an", "NGUYỄN AN"],
)
def test_name_search_ignores_case_accents_and_unicode_form(
    store: Store, people: dict[str, AssistanceRecord], text: str
) -> None:
    assert _names(store, RecordFilter(text=text)) == ["Nguyễn Văn An"]


def test_d_with_stroke_is_searchable_as_d(
    store: Store, people: dict[str, AssistanceRecord]
) -> None:
    assert _names(store, RecordFilter(text="dang dung")) == ["Đặng Văn Dũng"]


@pytest.mark.parametrize("text", ["0987 654 321", "+84 987654", "987654", "0987.654"])
def test_phone_search_accepts_any_spelling(
    store: Store, people: dict[str, AssistanceRecord], text: str
) -> None:
    assert _names(store, RecordFilter(text=text)) == ["Lê Thị Hoa"]


def test_cccd_and_dossier_code_search(store: Store, people: dict[str, AssistanceRecord]) -> None:
    assert _names(store, RecordFilter(text="001190")) == ["Lê Thị Hoa"]
    assert _names(store, RecordFilter(text="g22.123456")) == ["Lê Thị Hoa"]


def test_filters_combine(store: Store, people: dict[str, AssistanceRecord]) -> None:
    assert _names(store, RecordFilter(neighbourhood_code="HT02")) == ["Lê Thị Hoa"]
    assert _names(store, RecordFilter(result=Result.FOLLOW_UP, status=RecordStatus.DRAFT)) == [
        "Trần Văn Bình"
    ]
    week = RecordFilter(date_from=TODAY - timedelta(days=7), date_to=TODAY)
    assert _names(store, week) == ["Nguyễn Văn An", "Lê Thị Hoa"]
    assert _names(store, RecordFilter(category="DVC_SUBMIT", text="an")) == []


def test_sorting(store: Store, people: dict[str, AssistanceRecord]) -> None:
    by_name = _names(store, RecordFilter(), RecordSort(SortKey.FULL_NAME, descending=False))
    assert by_name == ["Đặng Văn Dũng", "Lê Thị Hoa", "Nguyễn Văn An", "Trần Văn Bình"]
    oldest_first = _names(store, RecordFilter(), RecordSort(SortKey.ASSISTED_ON, descending=False))
    assert oldest_first[0] == "Trần Văn Bình"


def test_ids_sequence_is_lazy_but_behaves_like_a_list(
    store: Store, people: dict[str, AssistanceRecord]
) -> None:
    ids = RecordRepository(store).query_ids()
    assert len(ids) == 4
    assert ids[0] == people["an"].id
    assert ids.index(people["hoa"].id) == 1
    assert people["dung"].id in ids and uuid.uuid4() not in ids
    assert ids[1:3] == [people["hoa"].id, people["dung"].id]


def test_fetch_rows_keeps_the_requested_order(
    store: Store, people: dict[str, AssistanceRecord]
) -> None:
    wanted = [people["binh"].id, people["an"].id]
    assert [r.id for r in RecordRepository(store).fetch_rows(wanted)] == wanted


def test_counts_today_week_month(store: Store, people: dict[str, AssistanceRecord]) -> None:
    counts = RecordRepository(store).counts(TODAY)  # Monday 1 September
    assert (counts.today, counts.week, counts.month) == (1, 1, 1)
    later = RecordRepository(store).counts(TODAY + timedelta(days=3))
    assert (later.today, later.week, later.month) == (0, 1, 1)


def test_duplicates_by_cccd_or_name_and_birth_year(
    store: Store, people: dict[str, AssistanceRecord]
) -> None:
    repo = RecordRepository(store)
    by_cccd = repo.find_duplicates("001190004321", None, None)
    assert [d.full_name for d in by_cccd] == ["Lê Thị Hoa"]
    by_name = repo.find_duplicates(None, "NGUYEN van an", 1985)
    assert [d.full_name for d in by_name] == ["Nguyễn Văn An"]
    assert repo.find_duplicates(None, "nguyen van an", 1985, exclude_id=people["an"].id) == []
    assert repo.find_duplicates(None, "nguyen van an", 1986) == []


def test_follow_ups_soonest_first_with_overdue_flag(
    store: Store, people: dict[str, AssistanceRecord]
) -> None:
    items = RecordRepository(store).follow_ups(TODAY)
    assert [(f.record.full_name, f.overdue) for f in items] == [
        ("Đặng Văn Dũng", True),
        ("Trần Văn Bình", False),
    ]
