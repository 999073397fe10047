"""Who viewed which records over the staff API (real server process): every GET of the record
list or of one record leaves an append-only audit entry naming the staff account and the
records shown, never a number; a team lead's look at another area's record shows nothing and
leaves nothing; administrators read them in the audit trail (``GET /api/v1/admin/audit``)."""

from __future__ import annotations

import requests
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from sync.server.models import Role
from tests.sync.api import API, bearer, create_staff, enrol_device, item, login, push, wire_record
from tests.sync.conftest import SharedWard


def _audit(url: str, token: str, **params: object) -> list[dict[str, object]]:
    answer = requests.get(f"{url}{API}/admin/audit", headers=bearer(token), params=params,
                          timeout=10)
    assert answer.status_code == 200, answer.text
    entries: list[dict[str, object]] = answer.json()["items"]
    return entries


def test_staff_views_are_audited_and_listed_for_admins(shared_ward: SharedWard) -> None:
    engine, url = shared_ward.engine, shared_ward.server.url
    device = enrol_device(engine, url, "HT01")
    other_area = enrol_device(engine, url, "HT02")
    mine = wire_record(device)
    theirs = wire_record(other_area)
    assert push(url, device, [item(mine)]).status_code == 200
    assert push(url, other_area, [item(theirs)]).status_code == 200
    create_staff(engine, "xem_canbo", Role.STAFF)
    create_staff(engine, "xem_totruong", Role.TEAM_LEAD, neighbourhood="HT01")
    create_staff(engine, "xem_quantri", Role.ADMIN)
    staff, lead, admin = (login(url, n) for n in ("xem_canbo", "xem_totruong", "xem_quantri"))

    one = requests.get(f"{url}{API}/records/{mine['id']}", headers=bearer(staff), timeout=10)
    assert one.status_code == 200 and one.json()["record"]["cccd"] == mine["cccd"]
    listed = requests.get(f"{url}{API}/records", headers=bearer(staff), timeout=10,
                          params={"limit": 1000, "review_state": "received"})
    assert listed.status_code == 200
    shown = {r["id"] for r in listed.json()}
    hidden = requests.get(f"{url}{API}/records/{theirs['id']}", headers=bearer(lead),
                          timeout=10)
    assert hidden.status_code == 404

    [view] = _audit(url, admin, action="record.view", actor="user:xem_canbo")
    assert view["target"] == mine["id"] and view["details"] == {"records": [mine["id"]]}
    [page] = _audit(url, admin, action="records.list", actor="user:xem_canbo")
    details = page["details"]
    assert isinstance(details, dict) and set(details["records"]) == shown
    assert details["filters"]["review_state"] == "received"
    assert _audit(url, admin, action="record.view", actor="user:xem_totruong") == []
    for entry in _audit(url, admin, limit=500):
        assert mine["cccd"] not in str(entry) and mine["phone"] not in str(entry)

    refused = requests.get(f"{url}{API}/admin/audit", headers=bearer(staff), timeout=10)
    assert refused.status_code == 403

    # The trail is append-only: the database itself refuses to change an entry.
    with Session(engine) as session:
        try:
            session.execute(text("UPDATE audit_log SET actor = 'x' WHERE action = 'record.view'"))
            session.commit()
            changed = True
        except DBAPIError:
            session.rollback()
            changed = False
    assert not changed


def test_the_review_queue_is_audited_without_the_search(shared_ward: SharedWard) -> None:
    engine, url = shared_ward.engine, shared_ward.server.url
    device = enrol_device(engine, url, "HT01")
    mine = wire_record(device)
    assert push(url, device, [item(mine)]).status_code == 200
    create_staff(engine, "hang_canbo", Role.STAFF)
    create_staff(engine, "hang_quantri", Role.ADMIN)
    staff, admin = login(url, "hang_canbo"), login(url, "hang_quantri")

    page = requests.get(f"{url}{API}/queue", headers=bearer(staff), timeout=10,
                        params={"neighbourhood": "HT01", "q": mine["cccd"]})
    assert page.status_code == 200, page.text
    [entry] = _audit(url, admin, action="records.list", actor="user:hang_canbo")
    details = entry["details"]
    assert isinstance(details, dict)
    assert set(details["records"]) == {r["id"] for r in page.json()["items"]}
    assert details["filters"]["neighbourhood"] == "HT01" and details["filters"]["searched"]
    assert mine["cccd"] not in str(entry) and mine["phone"] not in str(entry)
