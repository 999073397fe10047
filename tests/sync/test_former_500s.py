"""Every 500 listed in issue 8 is now a 4xx naming the field (or, inside a push, that item's
rejection naming the field while the other items go through), on SQLite and PostgreSQL.
Staff corrections go through the contract's validation and normalisation."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import requests
from sqlalchemy import Engine, select

from sync.server.models import Record, RecordVersion, Role
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
from tests.sync.conftest import SharedWard
from tests.sync.ward import WardServer


@dataclass
class World:
    ward: WardServer
    engine: Engine
    device: Device
    staff: dict[str, str]
    record: dict[str, Any]


@pytest.fixture(scope="module")
def world(shared_ward: SharedWard) -> Iterator[World]:
    ward, engine = shared_ward.server, shared_ward.engine
    device = enrol_device(engine, ward.url)
    create_staff(engine, "canbo", Role.STAFF)
    record = wire_record(device)
    assert push(ward.url, device, [item(record)]).json()["counts"]["accepted"] == 1
    yield World(ward, engine, device, bearer(login(ward.url, "canbo")), record)


# ---- inside a push: the poison item is rejected, naming its field; the others go through --

PUSH_CASES = {
    "revision >= 2**63 (SQLite)": ({"revision": 2**63}, 0, "revision"),
    "revision >= 2**31 (PostgreSQL integer)": ({"revision": 2**31}, 0, "revision"),
    "base_revision >= 2**31": ({}, 2**31, "base_revision"),
    "birth_year 10**30": ({"birth_year": 10**30}, 0, "birth_year"),
    "draft neighbourhood_code over 32 characters": (
        {"status": "draft", "neighbourhood_code": "H" * 40}, 0, "neighbourhood_code"),
    "NUL in a name": ({"full_name": "Nguyễn\x00Văn"}, 0, "full_name"),
    "over-long phone": ({"phone": "0" * 100}, 0, "phone"),
}


@pytest.mark.parametrize("case", list(PUSH_CASES))
def test_a_poison_item_is_rejected_by_itself(world: World, case: str) -> None:
    overrides, base, field = PUSH_CASES[case]
    poison = wire_record(world.device, **overrides)
    before, after = wire_record(world.device), wire_record(world.device)
    answer = push(world.ward.url, world.device,
                  [item(before), {"base_revision": base, "record": poison}, item(after)])

    assert answer.status_code == 200, answer.text
    results = answer.json()["results"]
    assert [r["outcome"] for r in results] == ["accepted", "rejected", "accepted"]
    fields = [p["field"] for p in results[1].get("problems", [])] or [
        results[1]["reason"]["field"]]
    assert field in fields, results[1]
    assert results[1]["reason"]["message_vi"] and results[1]["reason"]["message_en"]
    with world.engine.connect() as conn:
        stored = set(conn.execute(select(Record.id)).scalars())
    assert {before["id"], after["id"]} <= stored and poison["id"] not in stored


# ---- requests: 422 naming the field ----------------------------------------------------------

HUGE = "99530036791431219722059776"


def _request(world: World, case: str) -> requests.Response:
    url, rid = world.ward.url + API, world.record["id"]
    if case == "pull cursor":
        return requests.get(f"{url}/pull", params={"cursor": HUGE}, headers=world.device.auth,
                            timeout=10)
    if case == "pull limit":
        return requests.get(f"{url}/pull", params={"limit": HUGE}, headers=world.device.auth,
                            timeout=10)
    if case == "records offset":
        return requests.get(f"{url}/records", params={"offset": "1.16e20"}, headers=world.staff,
                            timeout=10)
    if case == "records limit":
        return requests.get(f"{url}/records", params={"limit": 10**12}, headers=world.staff,
                            timeout=10)
    if case == "resolve revision":
        return requests.post(f"{url}/records/{rid}/resolve", headers=world.staff, timeout=10,
                             json={"revision": 10**30, "content_hash": "abcdef12"})
    if case == "login NUL":
        return requests.post(f"{url}/auth/login", timeout=10,
                             json={"username": "can\x00bo", "password": "whatever"})
    if case == "login over-long":
        return requests.post(f"{url}/auth/login", timeout=10,
                             json={"username": "c" * 65, "password": "whatever"})
    if case == "review comment NUL":
        return requests.post(f"{url}/records/{rid}/review", headers=world.staff, timeout=10,
                             json={"state": "has_issues", "comment": "thiếu\x00"})
    if case == "correct birth_year 10**30":
        return requests.post(f"{url}/records/{rid}/correct", headers=world.staff, timeout=10,
                             json={"changes": {"birth_year": 10**30}})
    if case == "correct neighbourhood_code over 32":
        return requests.post(f"{url}/records/{rid}/correct", headers=world.staff, timeout=10,
                             json={"changes": {"neighbourhood_code": "H" * 200}})
    if case == "hand-over device id NUL":
        return requests.post(f"{url}/records/{rid}/hand-over", headers=world.staff, timeout=10,
                             json={"device_id": "a\x00b"})
    if case == "record id in the path":
        return requests.get(f"{url}/records/{'x' * 300}", headers=world.staff, timeout=10)
    raise AssertionError(case)


REQUEST_CASES = {
    "pull cursor": "cursor",
    "pull limit": "limit",
    "records offset": "offset",
    "records limit": "limit",
    "resolve revision": "revision",
    "login NUL": "username",
    "login over-long": "username",
    "review comment NUL": "comment",
    "correct birth_year 10**30": "changes.birth_year",
    "correct neighbourhood_code over 32": "changes.neighbourhood_code",
    "hand-over device id NUL": "device_id",
    "record id in the path": "record_id",
}


@pytest.mark.parametrize("case", list(REQUEST_CASES))
def test_out_of_range_input_is_a_422_naming_the_field(world: World, case: str) -> None:
    answer = _request(world, case)

    assert answer.status_code == 422, answer.text
    body = answer.json()
    assert body["error"]["code"] == "invalid_request"
    assert REQUEST_CASES[case] in {p["field"] for p in body["problems"]}, body
    assert REQUEST_CASES[case] in body["error"]["message_en"]
    assert all(p["message_vi"] and p["message_en"] for p in body["problems"])


# ---- staff corrections: the contract's validation and normalisation ------------------------


def test_a_correction_goes_through_the_contract(world: World) -> None:
    url = f"{world.ward.url}{API}/records/{world.record['id']}/correct"
    bad = requests.post(url, headers=world.staff, timeout=10,
                        json={"changes": {"cccd": "123", "phone": "hello"}})
    assert bad.status_code == 422, bad.text
    problems = {p["field"]: p for p in bad.json()["problems"]}
    assert set(problems) == {"changes.cccd", "changes.phone"}
    assert "12" in problems["changes.cccd"]["message_en"]  # says how to fix it
    assert "0912 345 678" in problems["changes.phone"]["message_en"]
    unknown = requests.post(url, headers=world.staff, timeout=10,
                            json={"changes": {"favourite_colour": "blue", "id": "x"}})
    assert unknown.status_code == 422
    assert {p["field"] for p in unknown.json()["problems"]} >= {"changes.id"}

    good = requests.post(url, headers=world.staff, timeout=10,
                         json={"changes": {"phone": "0987 654 320", "full_name": "  Lê   Thị Hoa "},
                               "comment": "số mới"})
    assert good.status_code == 200, good.text
    assert good.json()["phone"] == "+84987654320"
    assert good.json()["full_name"] == "Lê Thị Hoa"
    with world.engine.connect() as conn:
        head = conn.execute(
            select(RecordVersion.payload).where(RecordVersion.record_id == world.record["id"],
                                                RecordVersion.via == "staff")
        ).scalar_one()
    assert json.loads(head)["phone"] == "+84987654320"  # stored normalised: search finds it
