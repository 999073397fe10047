"""The server against guessing and unbounded growth: per-address rate limits on /enroll and
/auth/login, per-username lockout kept in the database, and the purge of dead rows."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from desktop.store import Store
from desktop.store.clock import fixed_clock
from desktop.store.sync_state import StoreSync
from sync.client import http as client_http
from sync.client.credentials import TokenStore
from sync.client.errors import ServerRefused
from sync.client.session import enroll
from sync.server import accounts, cli
from sync.server.app import create_app
from sync.server.lockout import LockoutPolicy
from sync.server.models import Device, LoginFailure, Role, UserSession
from sync.server.ratelimit import RateLimiter
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


@sqlite_only
def test_lockout_stops_many_addresses_and_survives_a_restart(
    ward_db: Engine, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _create_staff(ward_db)
    server = WardServer(db_url, tmp_path / "server.log",
                        options=("--lockout-failures", "3", "--lockout-minutes", "15")).start()
    try:
        wrong = [_post(server, "auth/login", {"username": "canbo", "password": "guess"},
                       f"198.51.100.{i}") for i in range(3)]
        assert [r.status_code for r in wrong] == [401, 401, 423]
        assert 890 <= int(wrong[-1].headers["Retry-After"]) <= 900
        error = wrong[-1].json()["error"]
        assert error["code"] == "account_locked"
        assert "15 minutes" in error["message_en"] and "15 phút" in error["message_vi"]
        # An unknown name locks and answers exactly alike: nothing tells names apart.
        unknown = [_post(server, "auth/login", {"username": "nobody", "password": "guess"},
                         f"198.51.100.{i}").status_code for i in range(3)]
        assert unknown == [401, 401, 423]

        server.stop()
        server.start()
        right = {"username": "canbo", "password": PASSWORD}
        assert _post(server, "auth/login", right, "198.51.100.9").status_code == 423

        # An administrator lifts the lock (its expiry is tested on an injected clock below).
        assert cli.main(["unlock-user", "canbo", "--db", db_url]) == 0
        assert "was locked until" in capsys.readouterr().out
        assert _post(server, "auth/login", right, "198.51.100.9").status_code == 200
        with Session(ward_db) as session:
            assert session.get(LoginFailure, "canbo") is None  # success clears the count
    finally:
        server.stop()


def test_lockout_counts_consecutive_failures_and_forgets_old_ones(ward_db: Engine) -> None:
    """On SQLite and PostgreSQL: the migration's table, the upsert, the lock and its end."""
    _create_staff(ward_db)
    policy = LockoutPolicy(max_failures=3, lock_for=timedelta(minutes=15),
                           forget_after=timedelta(hours=24))
    t0 = datetime(2025, 9, 1, 8, 0, tzinfo=UTC)

    def attempt(password: str, at: datetime) -> accounts.LoginOutcome:
        with Session(ward_db) as session, session.begin():
            return accounts.login(session, "canbo", password, now=at, policy=policy)

    def failures() -> int:
        with Session(ward_db) as session:
            row = session.get(LoginFailure, "canbo")
            return row.failures if row else 0

    assert attempt("wrong", t0) == accounts.LoginOutcome()
    assert attempt("wrong", t0 + timedelta(minutes=1)) == accounts.LoginOutcome()
    assert failures() == 2
    # A day without failures: the old ones no longer count.
    assert attempt("wrong", t0 + timedelta(hours=25)) == accounts.LoginOutcome()
    assert failures() == 1
    t1 = t0 + timedelta(hours=25)
    attempt("wrong", t1)
    locked = attempt("wrong", t1)
    assert locked.locked_until == t1 + timedelta(minutes=15)
    assert attempt(PASSWORD, t1 + timedelta(minutes=14)).locked_until == locked.locked_until
    opened = attempt(PASSWORD, t1 + timedelta(minutes=15))
    assert opened.token is not None and failures() == 0


def test_purge_deletes_only_what_can_never_be_used(ward_db: Engine) -> None:
    """On SQLite and PostgreSQL: expired sessions and codes, forgotten failures go."""
    _create_staff(ward_db)
    policy = LockoutPolicy()
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
            LoginFailure(username="old", failures=4, last_failed_at=t0 - timedelta(days=2)),
            LoginFailure(username="recent", failures=4, last_failed_at=t0 - timedelta(hours=1)),
            LoginFailure(username="locked", failures=0, last_failed_at=t0 - timedelta(days=2),
                         locked_until=t0 + timedelta(minutes=5)),
        ])
    assert old_token and new_token

    with Session(ward_db) as session, session.begin():
        counts = accounts.purge_expired(session, now=t0, policy=policy)

    assert counts == {"staff_sessions": 1, "enrolment_codes": 1, "login_failures": 1}
    with Session(ward_db) as session:
        assert accounts.user_for_token(session, new_token, now=t0) is not None
        devices = {d.id for d in accounts.list_devices(session)}
        assert devices == {waiting.device_id, used.device_id}
        assert expired.device_id not in devices
        names = set(session.scalars(select(LoginFailure.username)))
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
    app = create_app(ward_db, now=lambda: clock[0], purge_interval=0.02)

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
