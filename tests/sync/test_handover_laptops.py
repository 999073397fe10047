"""A hand-over seen from both laptops: the ward gives records to a replacement laptop, which
receives them at its next sync and goes on with them; the old laptop keeps its copies, marked,
and an edit it makes later comes back refused with a reason."""

from __future__ import annotations

import json
from collections.abc import Callable

from desktop.store.models import RecordRow, SyncState
from desktop.store.profile import ProfileRepository
from desktop.store.records import RecordRepository
from sync.server import cli
from tests.sync.conftest import Laptop
from tests.sync.ward import WardServer


def _note(laptop: Laptop, record_id: object) -> dict[str, str]:
    with laptop.store.read() as session:
        row = session.get(RecordRow, record_id)
        assert row is not None
        return json.loads(row.server_message or "{}")  # type: ignore[no-any-return]


def test_handed_over_records_reach_the_new_laptop_and_leave_the_old(
    make_laptop: Callable[..., Laptop], ward: WardServer, db_url: str
) -> None:
    old = make_laptop(ward.url, name="old")
    new = make_laptop(ward.url, name="new")
    records = old.add_records(3)
    assert old.sync_now().accepted == 3
    old_id = str(ProfileRepository(old.store).require().device_id)
    new_id = str(ProfileRepository(new.store).require().device_id)

    assert cli.main(["hand-over", "--to-device", new_id, "--all-from-device", old_id,
                     "--comment", "máy mới", "--db", db_url]) == 0

    report = new.sync_now()
    assert report.ok, report.message_en
    mine = RecordRepository(new.store)
    for record in records:
        held = mine.get(record.id)
        assert held is not None and held.full_name == record.full_name
        note = _note(new, record.id)
        assert note["code"] == "handed_over" and "máy mới" in note["message_vi"]
    with new.store.read() as session:
        assert session.get(RecordRow, records[0].id).sync_state == SyncState.SENT  # type: ignore[union-attr]

    # The new laptop goes on with a record: its edit is accepted by the ward.
    edited = mine.get(records[0].id)
    assert edited is not None
    mine.save(edited.model_copy(update={"notes": "tiếp tục ở máy mới"}), actor="test")
    report = new.sync_now()
    assert report.ok and report.accepted == 1, report.message_en

    # The old laptop learns the records are no longer its own; its late edit is refused.
    assert old.sync_now().ok
    assert _note(old, records[1].id)["code"] == "handed_away"
    theirs = RecordRepository(old.store)
    late = theirs.get(records[1].id)
    assert late is not None
    theirs.save(late.model_copy(update={"notes": "sửa muộn"}), actor="test")
    report = old.sync_now()
    assert report.rejected == 1 and report.accepted == 0
    with old.store.read() as session:
        row = session.get(RecordRow, records[1].id)
        assert row is not None and row.sync_state == SyncState.ATTENTION


def test_an_erasure_reaches_every_laptop_along_a_chain_of_hand_overs(
    make_laptop: Callable[..., Laptop], ward: WardServer, db_url: str
) -> None:
    first, second, third = (make_laptop(ward.url, name=n) for n in ("a", "b", "c"))
    [record] = first.add_records(1)
    assert record.cccd and first.sync_now().accepted == 1
    ids = [str(ProfileRepository(x.store).require().device_id) for x in (first, second, third)]
    db = ["--db", db_url]
    assert cli.main(["hand-over", str(record.id), "--to-device", ids[1], *db]) == 0
    assert second.sync_now().ok
    assert cli.main(["hand-over", str(record.id), "--to-device", ids[2], *db]) == 0
    assert third.sync_now().ok and second.sync_now().ok
    for laptop in (first, second, third):
        held = RecordRepository(laptop.store).get(record.id)
        assert held is not None and held.cccd == record.cccd

    assert cli.main(["resident", "erase", "--cccd", record.cccd, "--yes", *db]) == 0
    for laptop in (first, second, third):  # the maker, the one in the middle, the owner
        assert laptop.sync_now().ok
        held = RecordRepository(laptop.store).get(record.id)
        assert held is not None and held.cccd is None and held.phone is None, laptop.store
