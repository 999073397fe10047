"""The resident-pair endpoints on the real server (SQLite and PostgreSQL): decisions change
who each record's person is in the reporting facts, every decision undoes exactly, "different
people" is never proposed again, and each decision is audited."""

from __future__ import annotations

import json
import time
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
import requests
from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.contract.reference import load_reference
from sync.server import audit
from sync.server.linkage.models import LinkingQueue
from sync.server.linking import link_heads, link_queued, queue_records
from sync.server.models import Role
from sync.server.reports.locks import lock_period, unlock_period
from sync.server.reports.models import RecordFact
from sync.server.reports.periods import Period
from tests.sync.api import API, Device, bearer, create_staff, enrol_device, item, login, push
from tests.sync.conftest import SharedWard
from tests.sync.pairs import Pair, make_pair, person, proposals_of

PREFIX = f"{API}/residents"


@pytest.fixture(scope="module")
def ward(shared_ward: SharedWard) -> tuple[SharedWard, Device, dict[str, str], dict[str, str]]:
    engine, url = shared_ward.engine, shared_ward.server.url
    device = enrol_device(engine, url, "HT01")
    create_staff(engine, "rp_canbo", Role.STAFF)
    create_staff(engine, "rp_totruong", Role.TEAM_LEAD, neighbourhood="HT01")
    return (shared_ward, device, bearer(login(url, "rp_canbo")),
            bearer(login(url, "rp_totruong")))


def _post(url: str, path: str, headers: dict[str, str], body: Any = None) -> Any:
    answer = requests.post(f"{url}{PREFIX}{path}", headers=headers, json=body or {}, timeout=10)
    assert answer.status_code == 200, answer.text
    return answer.json()


def _facts(shared: SharedWard, *ids: str) -> dict[str, tuple[str | None, bool]]:
    with Session(shared.engine) as session:
        rows = session.execute(
            select(RecordFact.record_id, RecordFact.person_id, RecordFact.excluded)
            .where(RecordFact.record_id.in_(ids))
        ).all()
    return {r.record_id: (r.person_id, bool(r.excluded)) for r in rows}


def test_same_person_links_in_the_reports_and_unlink_restores(ward: Any) -> None:
    shared, device, staff, _lead = ward
    url = shared.server.url
    pair: Pair = make_pair(shared.engine, url, device)
    detail = requests.get(f"{url}{PREFIX}/proposals/{pair.proposal_id}", headers=staff,
                          timeout=10).json()
    assert detail["proposal"]["level"] == "certain" and detail["proposal"]["score"] == 100
    assert detail["proposal"]["kind"] == "same_person"
    assert {"assisted_on", "category"} <= set(detail["differing"])
    assert "id" not in detail["differing"]
    assert any("CCCD" in r["vi"] for r in detail["proposal"]["reasons"])
    assert _facts(shared, pair.record_a, pair.record_b) == {
        pair.record_a: (None, False), pair.record_b: (None, False)}

    linked = _post(url, f"/proposals/{pair.proposal_id}/same", staff)
    assert linked["proposal"]["state"] == "linked" and linked["link_id"]
    assert linked["proposal"]["a"]["resident_id"] == linked["proposal"]["b"]["resident_id"]
    facts = _facts(shared, pair.record_a, pair.record_b)
    assert facts[pair.record_a][0] == facts[pair.record_b][0] is not None

    undone = _post(url, f"/links/{linked['link_id']}/unlink", staff)
    assert undone["proposal"]["state"] == "open"
    assert undone["proposal"]["a"]["resident_id"] == pair.record_a
    assert undone["proposal"]["b"]["resident_id"] == pair.record_b
    assert _facts(shared, pair.record_a, pair.record_b) == {
        pair.record_a: (None, False), pair.record_b: (None, False)}
    with Session(shared.engine) as session:
        actions = [e.action for e in audit.entries(session, limit=50)
                   if e.actor == "user:rp_canbo"]
    assert {"resident.link", "resident.unlink"} <= set(actions)


def test_staff_link_two_records_never_proposed_and_unlink_restores(ward: Any) -> None:
    """A resident who changed phone and was recorded under a nickname: nothing agrees, so
    the engine proposes nothing; staff who know link the two records themselves."""
    shared, device, staff, lead = ward
    url = shared.server.url
    first, second = person(device), person(device)
    for record in (first, second):
        assert push(url, device, [item(record)]).json()["results"][0]["outcome"] == "accepted"
    with shared.engine.begin() as conn:
        link_heads(conn, [first["id"], second["id"]], now=datetime.now(UTC))
    assert proposals_of(shared.engine, first["id"]) == []
    body = {"record_a": first["id"], "record_b": second["id"]}

    linked = _post(url, "/links", staff, body)
    assert linked["proposal"] is None and linked["link_id"]
    assert set(linked["moved"]) & {first["id"], second["id"]}
    facts = _facts(shared, first["id"], second["id"])
    assert facts[first["id"]][0] == facts[second["id"]][0] is not None
    again = requests.post(f"{url}{PREFIX}/links", headers=staff, json=body, timeout=10)
    assert again.status_code == 409 and "same resident" in again.json()["error"]["message_en"]

    _post(url, f"/links/{linked['link_id']}/unlink", staff)
    assert _facts(shared, first["id"], second["id"]) == {
        first["id"]: (None, False), second["id"]: (None, False)}
    with Session(shared.engine) as session:
        entry = next(e for e in audit.entries(session, limit=50)
                     if e.action == "resident.link" and e.actor == "user:rp_canbo"
                     and e.target.startswith("records:"))
    assert json.loads(entry.details)["found_by_staff"] is True

    # Bad asks are plain 4xx answers naming what is wrong; team leads decide nothing.
    unknown = requests.post(f"{url}{PREFIX}/links", headers=staff, timeout=10,
                            json={"record_a": first["id"], "record_b": str(uuid.uuid4())})
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "not_found"
    itself = requests.post(f"{url}{PREFIX}/links", headers=staff, timeout=10,
                           json={"record_a": first["id"], "record_b": first["id"]})
    assert itself.status_code == 409 and itself.json()["error"]["message_vi"]
    empty = requests.post(f"{url}{PREFIX}/links", headers=staff, timeout=10,
                          json={"record_a": "", "record_b": first["id"]})
    assert empty.status_code == 422 and empty.json()["problems"][0]["field"] == "record_a"
    assert requests.post(f"{url}{PREFIX}/links", headers=lead, json=body,
                         timeout=10).status_code == 403


def test_different_people_are_never_proposed_again(ward: Any) -> None:
    shared, device, staff, _lead = ward
    url = shared.server.url
    pair = make_pair(shared.engine, url, device)
    answer = _post(url, f"/proposals/{pair.proposal_id}/different", staff)
    assert answer["proposal"]["state"] == "different"
    with shared.engine.begin() as conn:  # the records arrive again: nothing new is proposed
        link_heads(conn, [pair.record_a, pair.record_b], now=datetime.now(UTC))
    assert proposals_of(shared.engine, pair.record_a) == [pair.proposal_id]
    open_ids = {p["id"] for p in requests.get(f"{url}{PREFIX}/proposals", headers=staff,
                                              params={"limit": 200}, timeout=10).json()["items"]}
    assert pair.proposal_id not in open_ids
    # A link is refused while they are decided different; reopening takes it back.
    refused = requests.post(f"{url}{PREFIX}/proposals/{pair.proposal_id}/same", headers=staff,
                            timeout=10)
    assert refused.status_code == 409 and refused.json()["error"]["message_vi"]
    assert _post(url, f"/proposals/{pair.proposal_id}/reopen", staff)["proposal"]["state"] == (
        "open")


def test_a_double_entry_leaves_the_counts_undoably(ward: Any) -> None:
    shared, device, staff, _lead = ward
    url = shared.server.url
    pair = make_pair(shared.engine, url, device, double_entry=True)
    listed = requests.get(f"{url}{PREFIX}/proposals", headers=staff, timeout=10,
                          params={"kind": "double_entry", "level": "certain",
                                  "limit": 200}).json()["items"]
    assert pair.proposal_id in {p["id"] for p in listed}
    assert all(p["kind"] == "double_entry" and p["level"] == "certain" for p in listed)
    excluded = _post(url, f"/proposals/{pair.proposal_id}/exclude", staff,
                     {"record_id": pair.record_b, "reason": "nhập hai lần"})
    assert excluded["proposal"]["state"] == "excluded" and excluded["proposal"]["b"]["excluded"]
    assert _facts(shared, pair.record_a, pair.record_b) == {
        pair.record_a: (None, False), pair.record_b: (None, True)}
    again = _post(url, f"/records/{pair.record_b}/include", staff)
    assert again["proposal"]["state"] == "open" and not again["proposal"]["b"]["excluded"]
    assert _facts(shared, pair.record_b)[pair.record_b][1] is False
    # Never both: excluding the other record of an open pair works, but not a same-person
    # pair (that is not one help recorded twice).
    same = make_pair(shared.engine, url, device)
    refused = requests.post(f"{url}{PREFIX}/proposals/{same.proposal_id}/exclude", timeout=10,
                            headers=staff, json={"record_id": same.record_a})
    assert refused.status_code == 409


def test_team_leads_read_their_area_and_decide_nothing(ward: Any) -> None:
    shared, device, staff, lead = ward
    url = shared.server.url
    pair = make_pair(shared.engine, url, device)
    other = make_pair(shared.engine, url, enrol_device(shared.engine, url, "HT02"))
    assert requests.get(f"{url}{PREFIX}/proposals/{pair.proposal_id}", headers=lead,
                        timeout=10).status_code == 200
    assert requests.get(f"{url}{PREFIX}/proposals/{other.proposal_id}", headers=lead,
                        timeout=10).status_code == 404
    assert requests.post(f"{url}{PREFIX}/proposals/{pair.proposal_id}/same", headers=lead,
                         timeout=10).status_code == 403
    missing = requests.post(f"{url}{PREFIX}/proposals/2000000000/same", headers=staff,
                            timeout=10)
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    half = requests.get(f"{url}{PREFIX}/proposals", headers=staff, timeout=10,
                        params={"after_score": 50})
    assert half.status_code == 422


def test_pushed_records_are_proposed_after_the_answer(ward: Any) -> None:
    """No command needed: the server queues what a push stored and scores it once the
    pushes pause (sync.server.linking); the queue is empty afterwards."""
    shared, device, staff, _lead = ward
    url = shared.server.url
    first = person(device)
    second = {**first, "id": str(uuid.uuid4()), "assisted_on": "2025-09-05",
              "category": "VSSID"}
    answer = push(url, device, [item(first), item(second)])
    assert [r["outcome"] for r in answer.json()["results"]] == ["accepted", "accepted"]
    deadline = time.monotonic() + 60
    found: list[dict[str, Any]] = []
    while not found and time.monotonic() < deadline:
        time.sleep(0.5)
        page = requests.get(f"{url}{PREFIX}/proposals", headers=staff, timeout=10,
                            params={"limit": 200}).json()
        found = [p for p in page["items"]
                 if {p["a"]["record_id"], p["b"]["record_id"]} == {first["id"], second["id"]}]
    assert found, "the pushed pair was not proposed"
    assert found[0]["level"] == "certain" and found[0]["kind"] == "same_person"
    with shared.engine.connect() as conn:
        queued = conn.execute(select(LinkingQueue.record_id).where(
            LinkingQueue.record_id.in_([first["id"], second["id"]]))).scalars().all()
    assert queued == []


def test_a_queued_record_is_scored_once_and_leaves_the_queue(ward: Any) -> None:
    shared, device, _staff, _lead = ward
    pair = make_pair(shared.engine, shared.server.url, device)
    now = datetime.now(UTC)
    with shared.engine.begin() as conn:
        queue_records(conn, [pair.record_a, pair.record_b], now=now)
        queue_records(conn, [pair.record_b], now=now)  # queued twice: one row
        assert conn.execute(select(LinkingQueue.record_id).where(LinkingQueue.record_id.in_(
            [pair.record_a, pair.record_b]))).scalars().all() != []
        while link_queued(conn, now=now, limit=100):
            pass
        assert conn.execute(select(LinkingQueue.record_id).where(LinkingQueue.record_id.in_(
            [pair.record_a, pair.record_b]))).scalars().all() == []
    assert proposals_of(shared.engine, pair.record_a) == [pair.proposal_id]


def test_a_link_after_a_lock_flags_the_locked_period(ward: Any) -> None:
    """Linking two records of a locked period changes its residents figure: the lock sees
    it (changed_after_lock), as it does for a double entry excluded after the lock."""
    shared, device, staff, _lead = ward
    url = shared.server.url
    pair = make_pair(shared.engine, url, device)  # helped on 1 and 3 September 2025
    september = Period.month(2025, 9)
    with shared.engine.begin() as conn:
        lock_period(conn, september, load_reference(), by="test", now=datetime.now(UTC))
    try:
        time.sleep(0.01)  # the link happens after the lock
        _post(url, f"/proposals/{pair.proposal_id}/same", staff)
        with shared.engine.connect() as conn:
            flagged = set(conn.execute(select(RecordFact.record_id).where(
                RecordFact.record_id.in_([pair.record_a, pair.record_b]),
                RecordFact.changed_after_lock.is_(True))).scalars())
        assert flagged == {pair.record_a, pair.record_b}
    finally:
        with shared.engine.begin() as conn:
            unlock_period(conn, september, by="test", reason="test done", now=datetime.now(UTC))
