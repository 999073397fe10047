"""Accounts an attacker cannot take away (issue 8, item 4), on SQLite and PostgreSQL: the
console and the admin API disable, enable, end sessions, reset passwords; staff sign out and
change their own password; every sign-in, failure and account change is in an append-only
audit trail."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import requests
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from sync.server import audit, cli
from sync.server.models import Role
from tests.sync.api import API, PASSWORD, bearer, create_staff, login
from tests.sync.conftest import SharedWard


@dataclass
class Accounts:
    shared: SharedWard
    admin: dict[str, str]

    @property
    def url(self) -> str:
        return self.shared.server.url

    def cli(self, *argv: str) -> int:
        return cli.main([*argv, "--db", self.shared.db_url])


@pytest.fixture(scope="module")
def accounts(shared_ward: SharedWard) -> Iterator[Accounts]:
    create_staff(shared_ward.engine, "quantri", Role.ADMIN)
    yield Accounts(shared_ward, bearer(login(shared_ward.server.url, "quantri")))


def _login(accounts: Accounts, name: str, password: str = PASSWORD) -> requests.Response:
    return requests.post(f"{accounts.url}{API}/auth/login", timeout=10,
                         json={"username": name, "password": password})


def _records(accounts: Accounts, token: str) -> int:
    return requests.get(f"{accounts.url}{API}/records", headers=bearer(token),
                        timeout=10).status_code


def test_console_disables_enables_revokes_and_resets(
    accounts: Accounts, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    create_staff(accounts.shared.engine, "canbo1", Role.STAFF)
    token = login(accounts.url, "canbo1")

    assert accounts.cli("disable-user", "canbo1") == 0
    assert "1 session(s) ended" in capsys.readouterr().out
    assert _records(accounts, token) == 401  # the session ended at once
    disabled = _login(accounts, "canbo1")
    assert disabled.status_code == 403
    assert disabled.json()["error"]["code"] == "account_disabled"
    assert _login(accounts, "canbo1", "wrong password").status_code == 401  # says nothing more

    assert accounts.cli("enable-user", "canbo1") == 0
    token = login(accounts.url, "canbo1")
    assert _records(accounts, token) == 200
    assert accounts.cli("revoke-sessions", "canbo1") == 0
    assert _records(accounts, token) == 401
    token = login(accounts.url, "canbo1")

    monkeypatch.setattr("sys.stdin", io.StringIO("a brand new password\n"))
    assert accounts.cli("reset-password", "canbo1", "--password-stdin") == 0
    assert _records(accounts, token) == 401
    assert _login(accounts, "canbo1").status_code == 401
    assert _login(accounts, "canbo1", "a brand new password").status_code == 200
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert accounts.cli("reset-password", "canbo1", "--password-stdin") == 2
    assert "10 characters" in capsys.readouterr().err
    assert accounts.cli("disable-user", "nobody") == 2

    with Session(accounts.shared.engine) as session:
        actions = [e.action for e in reversed(audit.entries(session))
                   if e.target == "user:canbo1"]
    for action in ("user.create", "login.success", "user.disable", "login.disabled",
                   "login.failure", "user.enable", "user.revoke_sessions", "user.reset_password"):
        assert action in actions, action


def test_admin_api_does_the_same(accounts: Accounts) -> None:
    create_staff(accounts.shared.engine, "canbo2", Role.STAFF)
    create_staff(accounts.shared.engine, "totruong2", Role.TEAM_LEAD, neighbourhood="HT02")
    staff_token = login(accounts.url, "canbo2")
    admin_url = f"{accounts.url}{API}/admin/users"

    listing = requests.get(admin_url, headers=accounts.admin, timeout=10)
    assert listing.status_code == 200
    assert {"canbo2", "quantri"} <= {u["username"] for u in listing.json()}
    assert requests.get(admin_url, headers=bearer(staff_token), timeout=10).status_code == 403

    off = requests.post(f"{admin_url}/canbo2/disable", headers=accounts.admin, timeout=10)
    assert off.status_code == 200 and off.json() == {
        "username": "canbo2", "active": False, "sessions_revoked": 1}
    assert _records(accounts, staff_token) == 401
    on = requests.post(f"{admin_url}/canbo2/enable", headers=accounts.admin, timeout=10)
    assert on.json()["active"] is True
    staff_token = login(accounts.url, "canbo2")
    ended = requests.post(f"{admin_url}/canbo2/revoke-sessions", headers=accounts.admin,
                          timeout=10)
    assert ended.json()["sessions_revoked"] == 1 and _records(accounts, staff_token) == 401
    reset = requests.post(f"{admin_url}/canbo2/reset-password", headers=accounts.admin,
                          json={"new_password": "reset by the admin"}, timeout=10)
    assert reset.status_code == 200
    assert _login(accounts, "canbo2", "reset by the admin").status_code == 200
    weak = requests.post(f"{admin_url}/canbo2/reset-password", headers=accounts.admin,
                         json={"new_password": "short"}, timeout=10)
    assert weak.status_code == 422 and weak.json()["problems"][0]["field"] == "new_password"
    unknown = requests.post(f"{admin_url}/nobody/disable", headers=accounts.admin, timeout=10)
    assert unknown.status_code == 404
    myself = requests.post(f"{admin_url}/quantri/disable", headers=accounts.admin, timeout=10)
    assert myself.status_code == 400 and "your own account" in myself.json()["error"]["message_en"]
    with Session(accounts.shared.engine) as session:
        (entry,) = audit.entries(session, action="user.reset_password")[:1]
    assert entry.actor == "user:quantri"


def test_staff_sign_out_and_change_their_password(accounts: Accounts) -> None:
    create_staff(accounts.shared.engine, "canbo3", Role.TEAM_LEAD, neighbourhood="HT01")
    first, second = login(accounts.url, "canbo3"), login(accounts.url, "canbo3")

    out = requests.post(f"{accounts.url}{API}/auth/logout", headers=bearer(first), timeout=10)
    assert out.status_code == 200 and out.json()["sessions_revoked"] == 1
    assert _records(accounts, first) == 401 and _records(accounts, second) == 200

    change = f"{accounts.url}{API}/auth/password"
    wrong = requests.post(change, headers=bearer(second), timeout=10,
                          json={"current_password": "not it", "new_password": "my new password"})
    assert wrong.status_code == 403
    assert wrong.json()["error"]["field"] == "current_password"
    third = login(accounts.url, "canbo3")
    done = requests.post(change, headers=bearer(second), timeout=10,
                         json={"current_password": PASSWORD, "new_password": "my new password"})
    assert done.status_code == 200 and done.json()["sessions_revoked"] == 1
    assert _records(accounts, second) == 200 and _records(accounts, third) == 401
    assert _login(accounts, "canbo3", "my new password").status_code == 200
    with Session(accounts.shared.engine) as session:
        actions = {e.action for e in audit.entries(session) if e.target == "user:canbo3"}
    assert {"logout", "password.change_failed", "password.change"} <= actions


def test_the_audit_trail_is_append_only(accounts: Accounts) -> None:
    with Session(accounts.shared.engine) as session, session.begin():
        audit.record(session, "test", "test.entry", "nothing")
    for statement in ("UPDATE audit_log SET actor = 'someone else'", "DELETE FROM audit_log"):
        with Session(accounts.shared.engine) as session, pytest.raises(DBAPIError,
                                                                        match="append-only"):
            session.execute(text(statement))
    with Session(accounts.shared.engine) as session:
        assert audit.entries(session, action="test.entry")[0].actor == "test"
