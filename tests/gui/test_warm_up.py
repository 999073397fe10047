"""The start-up warm-up pays the first save's one-time costs without writing anything."""

from __future__ import annotations

import uuid

from desktop.app import LaptopApp
from desktop.app.types import RecordFilter, RecordSort
from tests.gui.conftest import make_record


def test_warm_up_writes_nothing_and_a_save_after_it_works(laptop: LaptopApp) -> None:
    kept = make_record(laptop)
    laptop.records.warm_up()
    assert list(_ids(laptop)) == [kept.id]
    assert [e.action for e in laptop.records.history(kept.id)] == ["create"]
    second = make_record(laptop, full_name="Trần Văn Bình", cccd="022085012346",
                         gender="male")
    assert set(_ids(laptop)) == {kept.id, second.id}


def test_index_ids_answers_lookups_the_same(laptop: LaptopApp) -> None:
    records = [make_record(laptop, full_name=f"Người Số {n}", cccd=None) for n in "ABC"]
    ids = _ids(laptop)
    laptop.records.index_ids(ids)
    for record in records:
        assert ids[ids.index(record.id)] == record.id
    assert uuid.uuid4() not in ids


def _ids(laptop: LaptopApp):  # type: ignore[no-untyped-def]
    return laptop.records.query(RecordFilter(), RecordSort()).ids
