"""A device touches only its own records (issue 8, item 1), on SQLite and PostgreSQL: the
server takes the device from its token, never from the payload; another device's version is
that item's rejection; /pull carries only the owner's feed; the ward hands records over
(audited); one device id per laptop, the enrolment's."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
import requests
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from desktop.store.models import RecordRow
from desktop.store.profile import ProfileRepository
from desktop.store.records import RecordRepository
from sync.client.session import enroll
from sync.server import audit, cli
from sync.server.models import Record, Role
from tests.sync.api import (
    API,
    Device,
    bearer,
    create_staff,
    enrol_device,
    item,
    login,
    push,
    wire_record,
)
from tests.sync.conftest import NOW, Laptop, SharedWard, issue_code
from tests.sync.ward import WardServer


@dataclass
class Ward:
    shared: SharedWard
    a: Device  # HT01
    b: Device  # HT02
    staff: dict[str, str]
    lead: dict[str, str]  # team lead of HT01

    @property
    def url(self) -> str:
        return self.shared.server.url


@pytest.fixture(scope="module")
def ward2(shared_ward: SharedWard) -> Iterator[Ward]:
    engine, url = shared_ward.engine, shared_ward.server.url
    create_staff(engine, "canbo", Role.STAFF)
    create_staff(engine, "totruong1", Role.TEAM_LEAD, neighbourhood="HT01")
    yield Ward(shared_ward, enrol_device(engine, url, "HT01"), enrol_device(engine, url, "HT02"),
               bearer(login(url, "canbo")), bearer(login(url, "totruong1")))


def _pushed(ward: Ward, device: Device, record: dict[str, object], base: int = 0) -> dict:
    answer = push(ward.url, device, [item(record, base)])
    assert answer.status_code == 200, answer.text
    result: dict = answer.json()["results"][0]
    return result


def _pull_records(ward: Ward, device: Device) -> set[str]:
    answer = requests.get(f"{ward.url}{API}/pull", headers=device.auth, timeout=10)
    assert answer.status_code == 200
    return {i["record_id"] for i in answer.json()["items"] if i["record_id"]}


def test_another_device_cannot_overwrite_rehome_or_read_a_record(ward2: Ward) -> None:
    mine = wire_record(ward2.a)
    assert _pushed(ward2, ward2.a, mine)["outcome"] == "accepted"

    # B pushes a new version of A's record on the head, moved to B's neighbourhood.
    hijack = {**mine, "revision": 2, "neighbourhood_code": "HT02", "notes": "B was here",
              "device_id": ward2.b.id}
    result = _pushed(ward2, ward2.b, hijack, base=1)
    assert result["outcome"] == "rejected"
    assert result["reason"]["code"] == "not_your_record"
    assert "hand the record over" in result["reason"]["message_en"]
    # Even keeping A's device id in the payload changes nothing: the token says B.
    result = _pushed(ward2, ward2.b, {**hijack, "device_id": ward2.a.id}, base=1)
    assert result["reason"]["code"] == "not_your_record"
    # Nor does replaying A's own version.
    assert _pushed(ward2, ward2.b, mine)["outcome"] == "rejected"

    with Session(ward2.shared.engine) as session:
        record = session.get(Record, mine["id"])
        assert record is not None
        assert (record.head_revision, record.neighbourhood_code) == (1, "HT01")
        assert record.owner_device_id == record.device_id == ward2.a.id
    detail = requests.get(f"{ward2.url}{API}/records/{mine['id']}", headers=ward2.lead,
                          timeout=10)
    assert detail.status_code == 200  # HT01's team lead still has it

    # A correction reaches A's pull, never B's.
    corrected = requests.post(f"{ward2.url}{API}/records/{mine['id']}/correct",
                              headers=ward2.staff, json={"changes": {"address": "Tổ 9"}},
                              timeout=10)
    assert corrected.status_code == 200, corrected.text
    assert mine["id"] in _pull_records(ward2, ward2.a)
    assert mine["id"] not in _pull_records(ward2, ward2.b)


def test_new_records_only_in_the_own_neighbourhood_and_under_the_own_device_id(
    ward2: Ward,
) -> None:
    elsewhere = wire_record(ward2.b, neighbourhood_code="HT01", neighbourhood_name="Khu 1")
    result = _pushed(ward2, ward2.b, elsewhere)
    assert (result["outcome"], result["reason"]["field"]) == ("rejected", "neighbourhood_code")
    assert "HT02" in result["reason"]["message_en"] and "HT02" in result["reason"]["message_vi"]
    as_a = wire_record(ward2.b, device_id=ward2.a.id)
    result = _pushed(ward2, ward2.b, as_a)
    assert (result["outcome"], result["reason"]["field"]) == ("rejected", "device_id")
    # Each item on its own: one good, one bad, in one batch.
    good = wire_record(ward2.b)
    answer = push(ward2.url, ward2.b, [item(as_a), item(good)]).json()
    assert [r["outcome"] for r in answer["results"]] == ["rejected", "accepted"]


def test_the_ward_hands_a_record_over_and_the_audit_says_so(
    ward2: Ward, capsys: pytest.CaptureFixture[str]
) -> None:
    engine, url = ward2.shared.engine, ward2.url
    replacement = enrol_device(engine, url, "HT01")  # A's laptop was replaced
    records = [wire_record(ward2.a) for _ in range(3)]
    assert push(url, ward2.a, [item(r) for r in records]).json()["counts"]["accepted"] == 3
    db = ["--db", ward2.shared.db_url]

    # One record through the API (staff), the rest through the console.
    answer = requests.post(f"{url}{API}/records/{records[0]['id']}/hand-over",
                           headers=ward2.staff, json={"device_id": replacement.id}, timeout=10)
    assert answer.status_code == 200, answer.text
    assert answer.json()["previous_owner_device_id"] == ward2.a.id
    assert cli.main(["hand-over", "--to-device", replacement.id, "--all-from-device",
                     ward2.a.id, "--comment", "new laptop", *db]) == 0
    assert "handed over" in capsys.readouterr().out
    # Not to a device of another neighbourhood, nor to one that does not exist.
    assert cli.main(["hand-over", records[1]["id"], "--to-device", ward2.b.id, *db]) == 2
    assert "neighbourhood" in capsys.readouterr().err
    assert cli.main(["hand-over", records[1]["id"], "--to-device", "nope", *db]) == 2
    lead_try = requests.post(f"{url}{API}/records/{records[1]['id']}/hand-over",
                             headers=ward2.lead, json={"device_id": replacement.id}, timeout=10)
    assert lead_try.status_code == 403  # team leads review, they do not move records

    edit = {**records[1], "revision": 2, "device_id": ward2.a.id, "notes": "after hand-over"}
    assert _pushed(ward2, replacement, edit, base=1)["outcome"] == "accepted"
    assert _pushed(ward2, ward2.a, {**edit, "revision": 3}, base=2)["outcome"] == "rejected"
    assert {r["id"] for r in records} <= _pull_records(ward2, replacement)
    with Session(engine) as session:
        owners = set(session.scalars(
            select(Record.owner_device_id).where(Record.id.in_([r["id"] for r in records]))))
        entries = [e for e in audit.entries(session, action="record.hand_over")
                   if json.loads(e.details)["to"] == replacement.id]
    assert owners == {replacement.id}
    assert {e.actor for e in entries} == {"user:canbo", "cli"}
    assert all(json.loads(e.details)["from"] == ward2.a.id for e in entries)


def test_one_device_id_per_laptop(
    make_laptop: Callable[..., Laptop], ward_db: Engine, db_url: str,
    capsys: pytest.CaptureFixture[str], ward: WardServer,
) -> None:
    """Records made before enrolment are re-stamped with the enrolment's device id; records
    made after carry it; list-devices shows the same id and what it made."""
    laptop = make_laptop(ward.url, enrol=False)
    before = laptop.add_records(3)
    profile_id = str(ProfileRepository(laptop.store).require().device_id)
    assert {r.device_id for r in before} == {profile_id}
    enrolment = enroll(laptop.sync, laptop.tokens, ward.url, issue_code(ward_db),
                       clock=lambda: NOW)
    after = laptop.add_records(2, seed=5)
    assert {r.device_id for r in after} == {enrolment.device_id} != {profile_id}
    assert laptop.sync_now().accepted == 5

    with laptop.store.session() as session:
        local = set(session.scalars(select(RecordRow.device_id)))
    assert local == {enrolment.device_id}
    assert all(r.device_id == enrolment.device_id
               for r in RecordRepository(laptop.store).iter_all())
    capsys.readouterr()
    assert cli.main(["list-devices", "--db", db_url]) == 0
    line = next(ln for ln in capsys.readouterr().out.splitlines()
                if ln.startswith(enrolment.device_id))
    assert line.split()[1:7] == ["HT01", "Trần", "Thị", "Lan", "5", "5"]  # made, owns


def test_staff_cannot_correct_the_device_id(ward2: Ward) -> None:
    record = wire_record(ward2.a)
    assert _pushed(ward2, ward2.a, record)["outcome"] == "accepted"
    answer = requests.post(f"{ward2.url}{API}/records/{record['id']}/correct",
                           headers=ward2.staff, json={"changes": {"device_id": ward2.b.id}},
                           timeout=10)
    assert answer.status_code == 422
    assert [p["field"] for p in answer.json()["problems"]] == ["changes.device_id"]
