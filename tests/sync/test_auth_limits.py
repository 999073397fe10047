"""The server against guessing and unbounded growth: per-address rate limits on /enroll and
/auth/login, growing login delays per username and address kept in the database (so wrong
guesses from one place never keep the right password out from another), and the purge of
dead rows."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
from requests.adapters import HTTPAdapter
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from desktop.store import Store
from desktop.store.clock import fixed_clock
from desktop.store.sync_state import StoreSync
from sync.client import http as client_http
from sync.client.credentials import TokenStore
from sync.client.errors import ServerRefused
from sync.client.session import enroll
from sync.server import accounts, audit
from sync.server.app import create_app
from sync.server.models import Device, LoginThrottle, Role, UserSession
from sync.server.ratelimit import RateLimiter
from sync.server.settings import ServerSettings
from sync.server.throttle import ThrottlePolicy
from tests.sync.ward import WardServer

PASSWORD = "a long enough password"
sqlite_only = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def _create_staff(engine: Engine, username: str = "canbo") -> None:
    with Session(engine) as session, session.begin():
        accounts.create_user(session, username=username, password=PASSWORD, role=Role.STAFF,
                             now=datetime.now(UTC))


def _post(server: WardServer, path: str, body: dict[str, str], address: str | None = None
          ) -> requests.Response:
    headers = {"X-Forwarded-For": address} if address else {}
    return requests.post(f"{server.url}/api/v1/{path}", json=body, headers=headers, timeout=5)


def test_token_bucket_refills_with_its_clock_and_forgets_idle_addresses() -> None:
    clock = [100.0]
    limiter = RateLimiter(10, 60.0, clock=lambda: clock[0], max_tracked=3)

    assert [limiter.take("a") for _ in range(10)] == [0.0] * 10
    assert limiter.take("a") == pytest.approx(6.0)  # one token per 6 s
    assert limiter.take("b") == 0.0  # every address has its own bucket
    clock[0] += 5.9
    assert limiter.take("a") > 0
    clock[0] += 0.2
    assert limiter.take("a") == 0.0
    assert limiter.take("a") == pytest.approx(6.0 - 0.1, abs=0.01)
    clock[0] += 3600  # a long pause refills to the capacity, never beyond
    assert [limiter.take("a") for _ in range(10)] == [0.0] * 10
    assert limiter.take("a") > 0

    for name in ("c", "d", "e"):
        limiter.take(name)
    assert limiter.tracked() == 3  # memory stays bounded whatever the number of addresses


@sqlite_only
def test_enroll_and_login_answer_429_per_client_address(
    ward_db: Engine, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = WardServer(db_url, tmp_path / "server.log",
                        options=("--auth-attempts-per-minute", "3")).start()
    try:
        # The test talks from 127.0.0.1, uvicorn's default trusted proxy: X-Forwarded-For
        # names the client, as nginx would.
        answers = [_post(server, "enroll", {"code": "WRONG"}, "203.0.113.7") for _ in range(4)]
        assert [r.status_code for r in answers] == [400, 400, 400, 429]
        limited = answers[-1]
        assert int(limited.headers["Retry-After"]) == 20  # 3 per minute: one every 20 s
        error = limited.json()["error"]
        assert error["code"] == "too_many_attempts"
        assert "20 seconds" in error["message_en"] and "20 giây" in error["message_vi"]
        # Another address, and the login endpoint, have buckets of their own.
        assert _post(server, "enroll", {"code": "WRONG"}, "203.0.113.8").status_code == 400
        login = {"username": "nobody", "password": "x"}
        assert _post(server, "auth/login", login, "203.0.113.7").status_code == 401

        # The laptop's client retries a 429 after Retry-After, then shows the message.
        for _ in range(3):
            _post(server, "enroll", {"code": "WRONG"})
        waits: list[float | None] = []

        def record_wait(self: client_http.CancellableRetry, response: Any = None) -> None:
            waits.append(self.get_retry_after(response) if response is not None else None)

        monkeypatch.setattr(client_http.CancellableRetry, "sleep", record_wait)
        store = Store.open(tmp_path / "laptop", clock=fixed_clock(datetime.now(UTC)))
        try:
            with pytest.raises(ServerRefused) as refused:
                enroll(StoreSync(store), TokenStore(tmp_path / "laptop"), server.url, "WRONG")
        finally:
            store.close()
        assert waits and all(w is not None and 0 < w <= 20 for w in waits)
        assert "Too many attempts" in refused.value.message_en
        assert "quá nhiều lần thử" in refused.value.message_vi
    finally:
        server.stop()

    # A proxy not listed in --forwarded-allow-ips cannot choose the address that is limited.
    server = WardServer(db_url, tmp_path / "server.log", options=(
        "--auth-attempts-per-minute", "3", "--forwarded-allow-ips", "192.0.2.1")).start()
    try:
        codes = [_post(server, "enroll", {"code": "WRONG"}, f"198.51.100.{i}").status_code
                 for i in range(4)]
        assert codes == [400, 400, 400, 429]
    finally:
        server.stop()


class FromAddress(HTTPAdapter):
    """Connections from a chosen loopback source address: 127.0.0.0/8 is all loopback on
    Linux, so the server sees a real, different TCP peer (no header it could be fooled by)."""

    def __init__(self, address: str) -> None:
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


def from_address(address: str) -> requests.Session:
    session = requests.Session()
    session.mount("http://", FromAddress(address))
    return session


def test_wrong_passwords_from_one_address_never_keep_the_right_one_out(
    ward_db: Engine, db_url: str, tmp_path: Path
) -> None:
    """20 wrong passwords from 127.0.0.1 slow down 127.0.0.1 only: the right password from
    127.0.0.2 signs in at once, with the server's default settings."""
    _create_staff(ward_db)
    server = WardServer(db_url, tmp_path / "server.log").start()
    attacker, staff = from_address("127.0.0.1"), from_address("127.0.0.2")
    login = f"{server.url}/api/v1/auth/login"
    try:
        wrong = [
            attacker.post(login, json={"username": "canbo", "password": f"guess {i}"}, timeout=5)
            for i in range(20)
        ]
        codes = [r.status_code for r in wrong]
        assert codes[:3] == [401, 401, 401]  # the free failures
        assert set(codes[3:]) == {429}  # then waits (and the per-address bucket)
        throttled = next(r for r in wrong if r.json()["error"]["code"] == "login_throttled")
        assert int(throttled.headers["Retry-After"]) >= 1
        assert "Wait" in throttled.json()["error"]["message_en"]
        assert "đợi" in throttled.json()["error"]["message_vi"]
        # While it waits, even the right password from that address is not checked...
        right = {"username": "canbo", "password": PASSWORD}
        assert attacker.post(login, json=right, timeout=5).status_code == 429
        # ...but from another address it works at once.
        answer = staff.post(login, json=right, timeout=5)
        assert answer.status_code == 200, answer.text
        assert answer.json()["role"] == "staff"
    finally:
        attacker.close()
        staff.close()
        server.stop()
    with Session(ward_db) as session:
        failures = audit.entries(session, action="login.failure")
        successes = audit.entries(session, action="login.success")
        rows = session.scalars(select(LoginThrottle)).all()
    assert len(failures) == 3 and {json.loads(f.details)["address"] for f in failures} == {
        "127.0.0.1"
    }
    assert [json.loads(s.details)["address"] for s in successes] == ["127.0.0.2"]
    assert [(r.username, r.address, r.failures) for r in rows] == [("canbo", "127.0.0.1", 3)]


def test_login_delays_grow_per_address_and_end(ward_db: Engine) -> None:
    """On SQLite and PostgreSQL, on an injected clock: the delays double from the free
    failures on, are per address, end, and a success clears only that address."""
    _create_staff(ward_db)
    policy = ThrottlePolicy(free_failures=3, first_delay=timedelta(seconds=2),
                            max_delay=timedelta(minutes=15), forget_after=timedelta(hours=24))
    assert [policy.delay(n).total_seconds() for n in (1, 2, 3, 4, 5, 12, 50)] == [
        0, 0, 2, 4, 8, 900, 900]
    t0 = datetime(2025, 9, 1, 8, 0, tzinfo=UTC)

    def attempt(password: str, at: datetime, address: str = "198.51.100.1"
                ) -> accounts.LoginOutcome:
        with Session(ward_db) as session, session.begin():
            return accounts.login(session, "canbo", password, now=at, address=address,
                                  policy=policy)

    assert attempt("wrong", t0).blocked_until is None
    assert attempt("wrong", t0).blocked_until is None
    third = attempt("wrong", t0)
    assert third.blocked_until == t0 + timedelta(seconds=2) and not third.throttled
    # Blocked: not even the right password is checked from there…
    blocked = attempt(PASSWORD, t0 + timedelta(seconds=1))
    assert blocked.throttled and blocked.blocked_until == third.blocked_until
    # …but from elsewhere it works, and that success leaves the first address's count alone.
    assert attempt(PASSWORD, t0, address="198.51.100.2").token is not None
    fourth = attempt("wrong", t0 + timedelta(seconds=2))
    assert fourth.blocked_until == t0 + timedelta(seconds=2 + 4)
    # After the wait the right password works and clears the count of that address.
    opened = attempt(PASSWORD, t0 + timedelta(seconds=6))
    assert opened.token is not None
    assert attempt("wrong", t0 + timedelta(seconds=7)).blocked_until is None
    # A day without failures: the old ones no longer count.
    for _ in range(2):
        attempt("wrong", t0 + timedelta(seconds=8))
    assert attempt("wrong", t0 + timedelta(hours=25)).blocked_until is None


def test_purge_deletes_only_what_can_never_be_used(ward_db: Engine) -> None:
    """On SQLite and PostgreSQL: expired sessions and codes, forgotten failures go."""
    _create_staff(ward_db)
    policy = ThrottlePolicy()
    t0 = datetime(2025, 9, 1, 8, 0, tzinfo=UTC)
    with Session(ward_db) as session, session.begin():
        old_token = accounts.login(session, "canbo", PASSWORD, now=t0 - timedelta(days=1)).token
        new_token = accounts.login(session, "canbo", PASSWORD, now=t0).token
        expired = accounts.issue_enrolment(session, neighbourhood_code="HT01",
                                           volunteer_name="A", now=t0 - timedelta(hours=2))
        waiting = accounts.issue_enrolment(session, neighbourhood_code="HT01",
                                           volunteer_name="B", now=t0)
        used = accounts.issue_enrolment(session, neighbourhood_code="HT01",
                                        volunteer_name="C", now=t0 - timedelta(hours=2))
        assert accounts.enrol(session, used.code, now=t0 - timedelta(hours=2)) is not None
        session.add_all([
            LoginThrottle(username="old", address="a", failures=4,
                          last_failed_at=t0 - timedelta(days=2)),
            LoginThrottle(username="recent", address="a", failures=4,
                          last_failed_at=t0 - timedelta(hours=1)),
            LoginThrottle(username="locked", address="a", failures=9,
                          last_failed_at=t0 - timedelta(days=2),
                          blocked_until=t0 + timedelta(minutes=5)),
        ])
    assert old_token and new_token

    with Session(ward_db) as session, session.begin():
        counts = accounts.purge_expired(session, now=t0, policy=policy)

    assert counts == {"staff_sessions": 1, "enrolment_codes": 1, "login_throttle": 1}
    with Session(ward_db) as session:
        assert accounts.user_for_token(session, new_token, now=t0) is not None
        devices = {d.id for d in accounts.list_devices(session)}
        assert devices == {waiting.device_id, used.device_id}
        assert expired.device_id not in devices
        names = set(session.scalars(select(LoginThrottle.username)))
        assert names == {"recent", "locked"}


@sqlite_only
def test_serve_purges_at_start_and_then_every_interval(
    ward_db: Engine, db_url: str, tmp_path: Path
) -> None:
    _create_staff(ward_db)
    now = datetime.now(UTC)
    with Session(ward_db) as session, session.begin():
        stale = accounts.login(session, "canbo", PASSWORD, now=now - timedelta(days=1)).token
        expired = accounts.issue_enrolment(session, neighbourhood_code="HT01",
                                           volunteer_name="A", now=now - timedelta(hours=2))
    assert stale is not None
    server = WardServer(db_url, tmp_path / "server.log").start()
    try:
        with Session(ward_db) as session:
            assert session.scalars(select(UserSession)).all() == []
            assert session.get(Device, expired.device_id) is None
    finally:
        server.stop()

    # The periodic purge, in process, on a clock the test moves.
    clock = [now]
    app = create_app(ward_db, now=lambda: clock[0],
                     settings=ServerSettings(purge_interval_seconds=0.02))

    async def serve_a_while() -> bool:
        async with app.router.lifespan_context(app):
            with Session(ward_db) as session, session.begin():
                token = accounts.login(session, "canbo", PASSWORD, now=clock[0]).token
            assert token is not None
            clock[0] += timedelta(hours=13)  # past the 12-hour staff session
            for _ in range(50):
                await asyncio.sleep(0.02)
                with Session(ward_db) as session:
                    if session.scalars(select(UserSession)).first() is None:
                        return True
            return False

    assert asyncio.run(serve_a_while())
