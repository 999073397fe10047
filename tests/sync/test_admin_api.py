"""The administrators' account, device, reference-data and audit endpoints against the real
ward server (issue 12), on SQLite and PostgreSQL: what each refuses and why (named field,
plain words), and what each change leaves in the audit log."""

from __future__ import annotations

import requests
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sync.contract.reference import load_reference
from sync.server import audit
from sync.server.models import Role
from tests.sync.api import API, PASSWORD, bearer, create_staff, login
from tests.sync.ward import WardServer


def _admin(ward: WardServer, ward_db: Engine) -> dict[str, str]:
    create_staff(ward_db, "quantri", Role.ADMIN)
    return bearer(login(ward.url, "quantri"))


def test_accounts_refuse_what_cannot_be_and_say_which_field(ward: WardServer,
                                                            ward_db: Engine) -> None:
    admin = _admin(ward, ward_db)
    url = f"{ward.url}{API}/admin/users"
    unknown = requests.post(url, headers=admin, timeout=10, json={
        "username": "tokhu", "password": PASSWORD, "role": "team_lead",
        "neighbourhood_code": "XX99"})
    assert unknown.status_code == 422
    assert unknown.json()["error"]["field"] == "neighbourhood_code"
    assert "XX99" in unknown.json()["error"]["message_vi"]
    short = requests.post(url, headers=admin, timeout=10, json={
        "username": "tokhu", "password": "ngan", "role": "staff"})
    assert short.status_code == 422 and short.json()["problems"][0]["field"] == "password"
    made = requests.post(url, headers=admin, timeout=10, json={
        "username": "tokhu", "password": PASSWORD, "role": "team_lead",
        "neighbourhood_code": "HT05", "full_name": "Vũ Thị Tổ"})
    assert made.status_code == 200 and made.json()["neighbourhood_code"] == "HT05"
    taken = requests.post(url, headers=admin, timeout=10, json={
        "username": "tokhu", "password": PASSWORD, "role": "staff"})
    assert taken.status_code == 400 and "đã có" in taken.json()["error"]["message_vi"]

    # The team lead signs in; becoming staff ends that session (what they may see changed).
    lead = bearer(login(ward.url, "tokhu"))
    me = requests.get(f"{ward.url}{API}/auth/me", headers=lead, timeout=10).json()
    assert (me["role"], me["neighbourhood_code"]) == ("team_lead", "HT05")
    changed = requests.patch(f"{url}/tokhu", headers=admin, timeout=10,
                             json={"role": "staff", "neighbourhood_code": None})
    assert changed.status_code == 200 and changed.json()["role"] == "staff"
    assert requests.get(f"{ward.url}{API}/auth/me", headers=lead, timeout=10).status_code == 401
    own = requests.patch(f"{url}/quantri", headers=admin, timeout=10, json={"role": "staff"})
    assert own.status_code == 409 and own.json()["error"]["field"] == "role"

    audit = requests.get(f"{ward.url}{API}/admin/audit", headers=admin, timeout=10,
                         params={"target": "tokhu"}).json()["items"]
    assert [e["action"] for e in audit] == ["user.update", "user.revoke_sessions",
                                            "login.success", "user.create"]
    assert audit[0]["actor"] == "user:quantri"
    assert audit[0]["details"]["before"] == {"role": "team_lead", "neighbourhood": "HT05"}


def test_devices_reference_and_audit_filters(ward: WardServer, ward_db: Engine) -> None:
    admin = _admin(ward, ward_db)
    bad = requests.post(f"{ward.url}{API}/admin/devices", headers=admin, timeout=10,
                        json={"neighbourhood_code": "HP01", "volunteer_name": "Lan"})
    assert bad.status_code == 400 and "HP01" in bad.json()["error"]["message_vi"]
    issued = requests.post(f"{ward.url}{API}/admin/devices", headers=admin, timeout=10,
                           json={"neighbourhood_code": "HT02", "volunteer_name": "Lan"}).json()
    listed = requests.get(f"{ward.url}{API}/admin/devices", headers=admin, timeout=10).json()
    assert [(d["id"], d["state"]) for d in listed] == [(issued["device_id"], "waiting")]
    enrolled = requests.post(f"{ward.url}{API}/enroll", json={"code": issued["code"]},
                             timeout=10).json()
    device = {"Authorization": f"Bearer {enrolled['token']}"}
    overview = requests.get(f"{ward.url}{API}/admin/reference", headers=admin,
                            timeout=10).json()
    assert overview["version"] == load_reference().version
    assert [(d["reference_version"], d["up_to_date"]) for d in overview["devices"]] == [
        (None, False)]
    requests.get(f"{ward.url}{API}/pull", headers=device, timeout=10,
                 params={"reference_version": "an-old-version"})
    overview = requests.get(f"{ward.url}{API}/admin/reference", headers=admin,
                            timeout=10).json()
    assert [(d["reference_version"], d["up_to_date"]) for d in overview["devices"]] == [
        ("an-old-version", False)]
    assert overview["devices"][0]["last_seen_at"] is not None
    revoked = requests.post(f"{ward.url}{API}/admin/devices/{issued['device_id']}/revoke",
                            headers=admin, timeout=10)
    assert revoked.json()["state"] == "revoked"
    missing = requests.post(f"{ward.url}{API}/admin/devices/{'0' * 36}/revoke",
                            headers=admin, timeout=10)
    assert missing.status_code == 400

    naive = requests.get(f"{ward.url}{API}/admin/audit", headers=admin, timeout=10,
                         params={"since": "2026-01-01T00:00:00"})
    assert naive.status_code == 422 and naive.json()["error"]["field"] == "since"
    future = requests.get(f"{ward.url}{API}/admin/audit", headers=admin, timeout=10,
                          params={"since": "2099-01-01T00:00:00+07:00"})
    assert future.json()["items"] == []
    devices = requests.get(f"{ward.url}{API}/admin/audit", headers=admin, timeout=10,
                           params={"action": "device.", "limit": 2}).json()
    assert [e["action"] for e in devices["items"]] == ["device.revoke", "device.enrol"]
    assert devices["has_more"] is True
    exported = requests.get(f"{ward.url}{API}/admin/audit/export", headers=admin, timeout=10,
                            params={"action": "device."})
    lines = exported.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "id,at,actor,action,target,details" and len(lines) == 4


def test_an_administrator_publishes_reference_data_checked_by_the_contract(
        ward: WardServer, ward_db: Engine) -> None:
    """What ``publish-reference`` does, over the API: a bad file is a 422 naming the file
    and the entry, the version in force is refused, a new one is in force at once, audited,
    and a laptop's pull is told of it; staff who are not administrators may not."""
    from tests.sync.authz_reports_admin import new_reference_documents

    admin = _admin(ward, ward_db)
    url = f"{ward.url}{API}/admin/reference"
    broken = new_reference_documents()
    broken["categories"]["category"][0]["code"] = ""
    bad = requests.post(url, headers=admin, json={"documents": broken}, timeout=10)
    assert bad.status_code == 422, bad.text
    error = bad.json()["error"]
    assert error["code"] == "invalid_reference" and error["field"] == "documents"
    assert "categories.toml" in error["message_en"] and "categories.toml" in error["message_vi"]
    missing = requests.post(url, headers=admin, timeout=10, json={"documents": {"ward": {}}})
    assert missing.status_code == 422 and "missing" in missing.json()["error"]["message_en"]
    same = requests.post(url, headers=admin, timeout=10,
                         json={"documents": load_reference().json_documents()})
    assert same.status_code == 409 and "version" in same.json()["error"]["message_en"]

    fresh = new_reference_documents()
    published = requests.post(url, headers=admin, json={"documents": fresh}, timeout=10)
    assert published.status_code == 200, published.text
    version = published.json()["version"]
    assert fresh["procedures"]["version"] in version
    overview = requests.get(url, headers=admin, timeout=10).json()
    assert overview["version"] == version
    assert overview["devices"] == [] or all(not d["up_to_date"] for d in overview["devices"])
    again = requests.post(url, headers=admin, json={"documents": fresh}, timeout=10)
    assert again.status_code == 409  # now in force
    with Session(ward_db) as session:
        assert [e.target for e in audit.entries(session, action="reference.publish")] == [
            version]

    create_staff(ward_db, "ref_canbo", Role.STAFF)
    staff = bearer(login(ward.url, "ref_canbo"))
    refused = requests.post(url, headers=staff, json={"documents": new_reference_documents()},
                            timeout=10)
    assert refused.status_code == 403
