"""A conflict resolved field by field in one request (``POST /records/{id}/resolve-fields``),
on SQLite and PostgreSQL: chosen and typed values go through the contract (422 naming the
field), a stale head or a record without conflict is refused (409), and the result is a new
head revision the laptops receive at their pull, with the conflict cleared."""

from __future__ import annotations

from typing import Any

import pytest
import requests
from sqlalchemy.orm import Session

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
from tests.sync.authz_conflicts import conflicted
from tests.sync.conftest import SharedWard


@pytest.fixture(scope="module")
def ward(shared_ward: SharedWard) -> tuple[SharedWard, Device, dict[str, str]]:
    engine, url = shared_ward.engine, shared_ward.server.url
    device = enrol_device(engine, url, "HT01")
    create_staff(engine, "rf_canbo", Role.STAFF)
    return shared_ward, device, bearer(login(url, "rf_canbo"))


def _resolve(url: str, staff: dict[str, str], record_id: str, body: dict[str, Any]
             ) -> requests.Response:
    return requests.post(f"{url}{API}/records/{record_id}/resolve-fields", headers=staff,
                         json=body, timeout=10)


def test_one_request_resolves_a_conflict_field_by_field(ward: Any) -> None:
    shared, device, staff = ward
    url = shared.server.url
    record = conflicted(url, device)
    rid = record["id"]

    bad = _resolve(url, staff, rid, {"head_revision": 2, "changes": {"phone": "12345"}})
    assert bad.status_code == 422
    assert [p["field"] for p in bad.json()["problems"]] == ["changes.phone"]
    stale = _resolve(url, staff, rid, {"head_revision": 1, "changes": {}})
    assert stale.status_code == 409 and "2" in stale.json()["error"]["message_vi"]

    # The conflicting version's phone, the head's address, and a typed note.
    answer = _resolve(url, staff, rid, {
        "head_revision": 2, "comment": "Phường chọn: Số điện thoại = 0987 654 321",
        "changes": {"phone": "0987654321", "address": "Tổ 3", "notes": "đã gộp"}})
    assert answer.status_code == 200, answer.text
    resolved = answer.json()
    assert resolved["revision"] == 3
    assert (resolved["phone"], resolved["address"], resolved["notes"]) == (
        "+84987654321", "Tổ 3", "đã gộp")
    with Session(shared.engine) as session:
        row = session.get(Record, rid)
        assert row is not None and not row.flagged and row.head_revision == 3

    pulled = requests.get(f"{url}{API}/pull", headers=device.auth, timeout=10,
                          params={"limit": 2000}).json()["items"]
    merges = [i for i in pulled if i["record_id"] == rid and i["kind"] == "merge"]
    assert merges and merges[-1]["data"]["record"]["revision"] == 3
    assert merges[-1]["data"]["fields"] == ["notes", "phone"]
    assert "Số điện thoại" in merges[-1]["data"]["comment"]

    again = _resolve(url, staff, rid, {"head_revision": 3, "changes": {}})
    assert again.status_code == 409  # no conflict left


def test_fixed_is_the_servers_answer_to_a_needs_fixing_comment(ward: Any) -> None:
    """Staff cannot choose "fixed"; the laptop's next revision after "needs fixing" sets it."""
    shared, device, staff = ward
    url = shared.server.url
    record = wire_record(device)
    assert push(url, device, [item(record)]).json()["results"][0]["outcome"] == "accepted"
    chosen = requests.post(f"{url}{API}/records/{record['id']}/review", headers=staff,
                           json={"state": "fixed"}, timeout=10)
    assert chosen.status_code == 422 and chosen.json()["problems"][0]["field"] == "state"
    sent_back = requests.post(f"{url}{API}/records/{record['id']}/review", headers=staff,
                              json={"state": "has_issues", "comment": "Thiếu số điện thoại"},
                              timeout=10)
    assert sent_back.status_code == 200
    fix = {**record, "revision": 2, "phone": "0912000111"}
    assert push(url, device, [item(fix, 1)]).json()["results"][0]["outcome"] == "accepted"
    summary = requests.get(f"{url}{API}/records/{record['id']}", headers=staff,
                           timeout=10).json()
    assert (summary["review_state"], summary["review_comment"]) == ("fixed",
                                                                   "Thiếu số điện thoại")
