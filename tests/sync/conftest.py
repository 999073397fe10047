"""Fixtures for the sync tests: the real ward server (subprocess) on SQLite and on a
throwaway PostgreSQL 15 cluster, and laptops (real local stores) enrolled with it."""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from desktop.store import Store
from desktop.store.clock import fixed_clock
from desktop.store.models import OutboxRow
from desktop.store.profile import Profile, ProfileRepository
from desktop.store.protection import open_store
from desktop.store.record_rows import CREATE, insert_new_records
from desktop.store.sync_state import StoreSync
from desktop.testdata.generate import generate_records
from sync.client.credentials import TokenStore
from sync.client.report import SyncReport
from sync.client.session import SyncClient, enroll
from sync.contract.record import AssistanceRecord
from sync.server import accounts
from sync.server.db import create_server_engine
from sync.server.migrate import upgrade
from sync.server.models import RecordVersion
from tests.sync.ward import PgCluster, WardServer, postgres_missing_reason, start_cluster

NOW = datetime(2025, 9, 1, 3, 0, tzinfo=UTC)
TODAY = date(2025, 9, 1)
_db_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def pg_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PgCluster | None]:
    reason = postgres_missing_reason()
    if reason is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but PostgreSQL cannot run: {reason}")
        yield None
        return
    # Not under pytest's tmp dir: that is mode 700 for root, and the server runs as postgres.
    directory = Path(tempfile.mkdtemp(prefix="hotroso-pg-"))
    cluster = start_cluster(directory)
    yield cluster
    cluster.stop()
    shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path, pg_cluster: PgCluster | None) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'ward.sqlite3'}"
    if pg_cluster is None:
        pytest.skip(f"PostgreSQL absent: {postgres_missing_reason()}")
    return pg_cluster.create_database(f"ward_{os.getpid()}_{next(_db_numbers)}")


@dataclass
class SharedWard:
    """One ward server (and its database) for all the tests of a module."""

    server: WardServer
    engine: Engine
    db_url: str


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def shared_ward(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    pg_cluster: PgCluster | None,
) -> Iterator[SharedWard]:
    """Like ``ward`` and ``ward_db``, started once per module and database: for tests that
    each add their own devices and records and do not depend on an empty ward."""
    folder = tmp_path_factory.mktemp("shared-ward")
    if request.param == "sqlite":
        url = f"sqlite:///{folder / 'ward.sqlite3'}"
    elif pg_cluster is None:
        pytest.skip(f"PostgreSQL absent: {postgres_missing_reason()}")
    else:
        url = pg_cluster.create_database(f"ward_{os.getpid()}_{next(_db_numbers)}")
    engine = create_server_engine(url)
    upgrade(engine)
    # Its tests sign in and enrol many times from 127.0.0.1: the per-address limit on those
    # is tested on servers of their own (test_auth_limits).
    server = WardServer(url, folder / "server.log",
                        options=("--auth-attempts-per-minute", "10000")).start()
    yield SharedWard(server, engine, url)
    server.stop()
    engine.dispose()


@pytest.fixture
def ward_db(db_url: str) -> Iterator[Engine]:
    engine = create_server_engine(db_url)
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def ward(ward_db: Engine, db_url: str, tmp_path: Path) -> Iterator[WardServer]:
    server = WardServer(db_url, tmp_path / "server.log").start()
    yield server
    server.stop()


@dataclass
class Laptop:
    store: Store
    sync: StoreSync
    tokens: TokenStore
    profile: Profile

    def client(self, **kwargs: object) -> SyncClient:
        return SyncClient(tokens=self.tokens, **kwargs)  # type: ignore[arg-type]

    def sync_now(self, **kwargs: object) -> SyncReport:
        return self.client(**kwargs).run(self.sync)

    def add_records(self, count: int, *, seed: int = 1) -> list[AssistanceRecord]:
        # The profile as the app reads it now: after enrolment its device id is the
        # enrolment's.
        self.profile = ProfileRepository(self.store).require()
        records = list(
            generate_records(
                count, seed=seed, today=TODAY, device_id=str(self.profile.device_id),
                volunteer_name=self.profile.volunteer_name, draft_share=0.0,
                neighbourhood_code=self.profile.neighbourhood_code,
            )
        )
        with self.store.session() as session:
            insert_new_records(session, records, actor="test", action=CREATE, at=NOW,
                               sync_state="pending")
        return records

    def outbox(self) -> dict[str, int]:
        """How many outbox rows are unsent / carry each outcome."""
        with self.store.session() as session:
            rows = session.execute(
                select(OutboxRow.outcome, func.count()).group_by(OutboxRow.outcome)
            ).all()
        return {str(outcome): int(n) for outcome, n in rows}


@pytest.fixture
def make_laptop(tmp_path: Path, ward_db: Engine) -> Iterator[Callable[..., Laptop]]:
    opened: list[Store] = []
    names = itertools.count(1)

    def make(server_url: str, *, enrol: bool = True, name: str | None = None) -> Laptop:
        folder = tmp_path / (name or f"laptop{next(names)}")
        store = open_store(folder, clock=fixed_clock(NOW))  # encrypted, as the app's
        opened.append(store)
        profile = ProfileRepository(store).save(
            volunteer_name="Trần Thị Lan", neighbourhood_code="HT01"
        )
        laptop = Laptop(store, StoreSync(store), TokenStore(folder), profile)
        if enrol:
            code = issue_code(ward_db)
            enroll(laptop.sync, laptop.tokens, server_url, code, clock=lambda: NOW)
        return laptop

    def clone(laptop: Laptop, name: str) -> Laptop:
        """A second laptop holding a copy of this one's data (as from a backup), enrolled
        on its own."""
        folder = laptop.store.data_dir
        laptop.store.close()
        shutil.copytree(folder, tmp_path / name)
        (tmp_path / name / "sync-token.json").unlink(missing_ok=True)
        laptop.store = open_store(folder, clock=fixed_clock(NOW))
        laptop.sync = StoreSync(laptop.store)
        opened.append(laptop.store)
        store = open_store(tmp_path / name, clock=fixed_clock(NOW))
        opened.append(store)
        twin = Laptop(store, StoreSync(store), TokenStore(tmp_path / name), laptop.profile)
        server_url = laptop.sync.enrolment().server_url  # type: ignore[union-attr]
        enroll(twin.sync, twin.tokens, server_url, issue_code(ward_db), clock=lambda: NOW)
        return twin

    make.clone = clone  # type: ignore[attr-defined]
    yield make
    for store in opened:
        store.close()


def issue_code(engine: Engine, *, valid_for: timedelta = timedelta(minutes=5),
               neighbourhood: str = "HT01") -> str:
    with Session(engine) as session, session.begin():
        issued = accounts.issue_enrolment(
            session, neighbourhood_code=neighbourhood, volunteer_name="Trần Thị Lan",
            now=datetime.now(UTC), valid_for=valid_for,
        )
    return issued.code


def version_counts(engine: Engine) -> tuple[int, int]:
    """(versions stored, distinct record ids among them)."""
    with engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(RecordVersion)).scalar_one()
        distinct = conn.execute(
            select(func.count(func.distinct(RecordVersion.record_id)))
        ).scalar_one()
    return int(total), int(distinct)


def apply_as_devices(conn: Any, items: list[Any], *, device_id: str, now: datetime,
                     via: str = "push") -> list[Any]:
    """``sync.server.push.apply_items`` for test data made by one device id across
    neighbourhoods: each neighbourhood's items are sent as from a laptop enrolled there (the
    server accepts a laptop's new records only in its own neighbourhood); results in order."""
    from sync.server.push import Sender, apply_items

    groups: dict[str, list[Any]] = {}
    for item in items:
        groups.setdefault(item.neighbourhood_code or "", []).append(item)
    results: list[Any] = []
    for hood, group in groups.items():
        results += apply_items(conn, group, sender=Sender(device_id, hood), now=now, via=via)
    return sorted(results, key=lambda r: r.index)
