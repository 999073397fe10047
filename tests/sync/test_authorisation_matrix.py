"""The authorisation matrix (issue 8, acceptance): every endpoint, called as every kind of
caller, answers what the role table in README.md says. The table is read from the README, so
the documentation and the test cannot drift apart; a route of the API missing from the table
fails the test. On SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.server import accounts
from sync.server.app import create_app
from sync.server.models import Record, Role
from tests.sync import authz_conflicts, authz_queue, authz_reports_admin, authz_residents
from tests.sync.api import (
    API,
    PASSWORD,
    Device,
    bearer,
    create_staff,
    enrol_device,
    item,
    login,
    push,
    wire_record,
)
from tests.sync.conftest import SharedWard, issue_code

README = Path(__file__).resolve().parents[2] / "README.md"
ROLES = ("anonymous", "revoked device", "device A", "device B", "volunteer", "team lead",
         "staff", "admin", "disabled user")
ACCOUNTS = {"volunteer": ("tnv", Role.VOLUNTEER), "team lead": ("totruong", Role.TEAM_LEAD),
            "staff": ("canbo", Role.STAFF), "admin": ("quantri", Role.ADMIN),
            "disabled user": ("nghiviec", Role.STAFF)}


def role_table() -> dict[str, dict[str, str]]:
    """``{"METHOD /path": {role: cell}}`` from the table between the role-table markers."""
    text = README.read_text(encoding="utf-8")
    block = text.split("<!-- role-table -->", 1)[1].split("<!-- /role-table -->", 1)[0]
    rows = [line for line in block.strip().splitlines() if line.startswith("|")]
    header = [c.strip() for c in rows[0].strip("|").split("|")]
    assert tuple(header[1:]) == ROLES, header
    table: dict[str, dict[str, str]] = {}
    for line in rows[2:]:
        cells = [c.strip() for c in line.strip("|").split("|")]
        table[cells[0].strip("`")] = dict(zip(ROLES, cells[1:], strict=True))
    return table


TABLE = role_table()


@dataclass
class Callers:
    shared: SharedWard
    devices: dict[str, Device]
    sessions: dict[str, str]  # role -> session token
    spare: Device  # another HT01 device, the target of hand-overs
    area_b_record: str  # a record of device B (HT02)
    owned: dict[str, set[str]] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return self.shared.server.url

    def headers(self, role: str) -> dict[str, str]:
        if role in self.devices:
            return self.devices[role].auth
        if role in self.sessions:
            return bearer(self.sessions[role])
        return {}

    def a_record(self) -> dict[str, Any]:
        """A fresh record of device A (each call of a row works on a record of its own)."""
        record = wire_record(self.devices["device A"])
        answer = push(self.url, self.devices["device A"], [item(record)])
        assert answer.json()["results"][0]["outcome"] == "accepted", answer.text
        return record


@pytest.fixture(scope="module")
def callers(shared_ward: SharedWard) -> Iterator[Callers]:
    engine, url = shared_ward.engine, shared_ward.server.url
    devices = {"device A": enrol_device(engine, url, "HT01"),
               "device B": enrol_device(engine, url, "HT02"),
               "revoked device": enrol_device(engine, url, "HT01")}
    with Session(engine) as session, session.begin():
        accounts.revoke_device(session, devices["revoked device"].id, now=datetime.now(UTC))
    sessions: dict[str, str] = {}
    for role, (name, account_role) in ACCOUNTS.items():
        create_staff(engine, name, account_role,
                     neighbourhood="HT01" if account_role is Role.TEAM_LEAD else None)
        sessions[role] = login(url, name)
    create_staff(engine, "muctieu", Role.STAFF)  # what the admin rows act on
    with Session(engine) as session, session.begin():
        accounts.set_active(session, "nghiviec", False, actor="cli", now=datetime.now(UTC))
    b_record = wire_record(devices["device B"])
    assert push(url, devices["device B"], [item(b_record)]).status_code == 200
    ctx = Callers(shared_ward, devices, sessions, enrol_device(engine, url, "HT01"),
                  b_record["id"])
    # Something in B's feed: a review of B's record.
    answer = requests.post(f"{url}{API}/records/{b_record['id']}/review", timeout=10,
                           headers=ctx.headers("staff"), json={"state": "approved"})
    assert answer.status_code == 200, answer.text
    # Something in A's feed: a correction of one of A's records.
    corrected = ctx.a_record()
    answer = requests.post(f"{url}{API}/records/{corrected['id']}/correct", timeout=10,
                           headers=ctx.headers("staff"), json={"changes": {"address": "Tổ 2"}})
    assert answer.status_code == 200, answer.text
    yield ctx


def _head(ctx: Callers, record_id: str) -> tuple[int, str]:
    with Session(ctx.shared.engine) as session:
        record = session.get(Record, record_id)
        assert record is not None
        return record.head_revision, record.head_hash


def _owned(ctx: Callers, device: Device) -> set[str]:
    with Session(ctx.shared.engine) as session:
        return set(session.scalars(select(Record.id).where(Record.owner_device_id == device.id)))


def _fresh_session(ctx: Callers, role: str) -> dict[str, str]:
    """A session of its own for the rows that end or change it (logout, password)."""
    if role in ACCOUNTS and role != "disabled user":
        return bearer(login(ctx.url, ACCOUNTS[role][0]))
    return ctx.headers(role)


Call = Callable[[Callers, str], requests.Response]


def _call(endpoint: str) -> Call:
    api = API

    def go(ctx: Callers, role: str) -> requests.Response:
        url, h = ctx.url, ctx.headers(role)
        if endpoint == "GET /api/v1/health":
            return requests.get(f"{url}{api}/health", headers=h, timeout=10)
        if endpoint == "GET /openapi.json":
            return requests.get(f"{url}/openapi.json", headers=h, timeout=10)
        if endpoint == "POST /api/v1/enroll":
            return requests.post(f"{url}{api}/enroll", headers=h, timeout=10,
                                 json={"code": issue_code(ctx.shared.engine)})
        if endpoint == "POST /api/v1/push":
            record = ctx.a_record()  # device B tries to write device A's record
            edit = {**record, "revision": 2, "notes": f"by {role}"}
            return requests.post(f"{url}{api}/push", headers=h, timeout=10,
                                 json={"batch_id": role, "items": [item(edit, 1)]})
        if endpoint == "POST /api/v1/withdrawals":
            record = ctx.a_record()  # device B asks to erase device A's record
            return requests.post(f"{url}{api}/withdrawals", headers=h, timeout=10,
                                 json={"record_ids": [record["id"]]})
        if endpoint == "GET /api/v1/pull":
            return requests.get(f"{url}{api}/pull", headers=h, timeout=10,
                                params={"limit": 2000})
        if endpoint == "POST /api/v1/auth/login":
            # Callers without an account try a name of their own: four wrong tries of one
            # name from one address would start the login delays.
            name = ACCOUNTS[role][0] if role in ACCOUNTS else f"nobody-{role.replace(' ', '-')}"
            return requests.post(f"{url}{api}/auth/login", timeout=10,
                                 json={"username": name, "password": PASSWORD})
        if endpoint == "POST /api/v1/auth/logout":
            return requests.post(f"{url}{api}/auth/logout", headers=_fresh_session(ctx, role),
                                 timeout=10)
        if endpoint == "POST /api/v1/auth/password":
            answer = requests.post(f"{url}{api}/auth/password", timeout=10,
                                   headers=_fresh_session(ctx, role),
                                   json={"current_password": PASSWORD, "new_password": PASSWORD})
            if answer.status_code == 200:  # every other session of the account has ended
                ctx.sessions[role] = login(url, ACCOUNTS[role][0])
            return answer
        if endpoint == "GET /api/v1/records":
            return requests.get(f"{url}{api}/records", headers=h, timeout=10,
                                params={"limit": 1000})
        if endpoint == "GET /api/v1/queue":
            return authz_queue.call(ctx, role)
        if endpoint == "POST /api/v1/records/{record_id}/resolve-fields":
            return authz_conflicts.call(ctx, role)
        if endpoint.startswith(("GET /api/v1/records/", "POST /api/v1/records/")):
            record = ctx.a_record()
            rid = record["id"]
            if endpoint == "GET /api/v1/records/{record_id}":
                return requests.get(f"{url}{api}/records/{rid}", headers=h, timeout=10)
            action = endpoint.rsplit("/", 1)[1]
            body: dict[str, Any] = {
                "review": {"state": "approved"},
                "correct": {"changes": {"address": "Tổ 7"}},
                "hand-over": {"device_id": ctx.spare.id},
            }.get(action, {})
            if action == "resolve":
                revision, digest = _head(ctx, rid)
                body = {"revision": revision, "content_hash": digest}
            return requests.post(f"{url}{api}/records/{rid}/{action}", headers=h, timeout=10,
                                 json=body)
        if endpoint == "GET /api/v1/admin/users":
            return requests.get(f"{url}{api}/admin/users", headers=h, timeout=10)
        if endpoint.startswith("POST /api/v1/admin/users/{username}/"):
            action = endpoint.rsplit("/", 1)[1]
            body = {"new_password": PASSWORD} if action == "reset-password" else {}
            return requests.post(f"{url}{api}/admin/users/muctieu/{action}", headers=h,
                                 timeout=10, json=body)
        answer = authz_reports_admin.call(ctx, role, endpoint)
        if answer is not None:
            return answer
        if endpoint.startswith(("GET /api/v1/residents/", "POST /api/v1/residents/")):
            return authz_residents.call(ctx, endpoint, role)
        raise AssertionError(f"the test does not know how to call {endpoint}")

    return go


def _check_note(ctx: Callers, endpoint: str, role: str, cell: str,
                answer: requests.Response) -> None:
    """What a cell's words promise beyond the status."""
    if endpoint.startswith(("GET /api/v1/residents/", "POST /api/v1/residents/")):
        authz_residents.check_note(ctx, endpoint, role, cell, answer)
    if endpoint == "GET /api/v1/queue":
        authz_queue.check_note(role, cell, answer)
    if endpoint == "POST /api/v1/push":
        outcome = answer.json()["results"][0]["outcome"]
        assert outcome == ("rejected" if "rejected" in cell else "accepted"), answer.text
    elif endpoint == "POST /api/v1/withdrawals":
        outcome = answer.json()["results"][0]["outcome"]
        assert outcome == ("refused" if "refused" in cell else "erased"), answer.text
    elif endpoint == "GET /api/v1/pull":
        seen = {i["record_id"] for i in answer.json()["items"] if i["record_id"]}
        device = ctx.devices[role]
        assert seen and seen <= _owned(ctx, device), (role, seen)
        if role == "device B":
            assert not seen & _owned(ctx, ctx.devices["device A"])
    elif endpoint == "GET /api/v1/records" and "own area" in cell:
        areas = {r["neighbourhood_code"] for r in answer.json()}
        assert areas == {"HT01"}, areas
    elif endpoint == "GET /api/v1/records" and role in ("staff", "admin"):
        assert {r["neighbourhood_code"] for r in answer.json()} >= {"HT01", "HT02"}
    elif endpoint.startswith(("GET /api/v1/records/", "POST /api/v1/records/")) and (
            "own area" in cell):
        # The same call on another neighbourhood's record: it does not exist for them.
        path = endpoint.split(" ", 1)[1].replace("{record_id}", ctx.area_b_record)
        method = endpoint.split(" ", 1)[0]
        other = requests.request(method, f"{ctx.url}{path}", headers=ctx.headers(role),
                                 json={"state": "approved"} if method == "POST" else None,
                                 timeout=10)
        assert other.status_code == 404, other.text
    else:
        authz_reports_admin.check_note(ctx, endpoint, role, cell, answer)


@pytest.mark.parametrize("endpoint", list(TABLE))
def test_every_caller_gets_what_the_role_table_says(callers: Callers, endpoint: str) -> None:
    call = _call(endpoint)
    got: dict[str, str] = {}
    for role in ROLES:
        cell = TABLE[endpoint][role]
        answer = call(callers, role)
        got[role] = str(answer.status_code)
        if answer.status_code >= 400:
            body = answer.json()
            assert set(body) == {"error", "problems"} and body["error"]["code"], answer.text
        elif cell.split()[0] == str(answer.status_code):
            _check_note(callers, endpoint, role, cell, answer)
    expected = {role: TABLE[endpoint][role].split()[0] for role in ROLES}
    assert got == expected


def test_the_table_lists_every_route_of_the_api(shared_ward: SharedWard) -> None:
    """Every operation of the API (as its OpenAPI document lists them) has a row, and every
    row is an operation: a router added without its rows fails here."""
    document = create_app(shared_ward.engine).openapi()
    operations = {
        f"{method.upper()} {path}"
        for path, methods in document["paths"].items()
        for method in methods
    }
    assert operations | {"GET /openapi.json"} == set(TABLE)
