"""The start-up warm-up pays the first save's one-time costs without writing anything."""

from __future__ import annotations

import uuid

from desktop.gui.services import StoreServices
from tests.gui.conftest import make_record


def test_warm_up_writes_nothing_and_a_save_after_it_works(services: StoreServices) -> None:
    kept = make_record(services)
    services.warm_up()
    assert list(services.records.query_ids()) == [kept.id]
    assert [e.action for e in services.history(kept.id)] == ["create"]
    second = make_record(services, full_name="Trần Văn Bình", cccd="022085012346",
                         gender="male")
    assert set(services.records.query_ids()) == {kept.id, second.id}


def test_index_ids_answers_lookups_the_same(services: StoreServices) -> None:
    records = [make_record(services, full_name=f"Người Số {n}", cccd=None) for n in "ABC"]
    ids = services.records.query_ids()
    services.index_ids(ids)
    for record in records:
        assert ids[ids.index(record.id)] == record.id
    assert uuid.uuid4() not in ids
