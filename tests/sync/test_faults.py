"""Connections dropped at chosen points of a push, and a server killed mid-batch: afterwards the
server holds every record exactly once and the laptop marks exactly the confirmed ones sent."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import Engine

from sync.client.report import Status
from tests.sync.conftest import Laptop, version_counts
from tests.sync.proxy import FaultProxy
from tests.sync.ward import WardServer


@pytest.fixture
def proxy(ward: WardServer) -> Iterator[FaultProxy]:
    p = FaultProxy(ward.port)
    yield p
    p.close()


def _no_retry_session(**kwargs: object) -> object:
    from sync.client.http import make_session

    return make_session(retries=0, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("fault", ["before_request", "after_commit", "mid_response"])
def test_a_dropped_batch_is_resent_and_stored_once(
    fault: str, proxy: FaultProxy, ward_db: Engine, make_laptop: Callable[..., Laptop]
) -> None:
    laptop = make_laptop(proxy.url)
    laptop.add_records(30)
    sent_before_fault = 10

    # Batch 1 goes through; batch 2 is cut; with no retries the run stops there.
    client = laptop.client(batch_size=10, attempts=1, session_factory=_no_retry_session)
    proxy.arm(fault, skip=1)
    report = client.run(laptop.sync)

    assert report.status is Status.FAILED
    assert "ward server" in report.message_en
    assert laptop.outbox() == {"accepted": sent_before_fault, "None": 20}
    assert len(laptop.sync.pending_transfers()) == 1  # the cut batch, kept for the resume
    expected_on_server = 20 if fault != "before_request" else 10
    assert version_counts(ward_db) == (expected_on_server, expected_on_server)

    resumed = laptop.sync_now(batch_size=10)
    assert resumed.ok and resumed.resumed
    assert (resumed.accepted, resumed.already_had) == (30 - expected_on_server,
                                                       expected_on_server - 10)
    assert laptop.outbox() == {"accepted": 30}
    assert version_counts(ward_db) == (30, 30)
    assert laptop.sync.pending_transfers() == []


@pytest.mark.parametrize("fault", ["before_request", "after_commit", "mid_response"])
def test_retries_recover_within_one_sync(
    fault: str, proxy: FaultProxy, ward_db: Engine, make_laptop: Callable[..., Laptop]
) -> None:
    laptop = make_laptop(proxy.url)
    laptop.add_records(12)
    proxy.arm(fault)

    report = laptop.sync_now(batch_size=5)

    assert report.ok, report.message_en
    assert proxy.faults_fired == 1
    assert report.accepted + report.already_had == 12
    assert laptop.outbox() == {"accepted": 12}
    assert version_counts(ward_db) == (12, 12)


def test_server_killed_mid_batch_then_restarted(
    ward: WardServer, proxy: FaultProxy, ward_db: Engine, make_laptop: Callable[..., Laptop]
) -> None:
    laptop = make_laptop(proxy.url)
    laptop.add_records(600)
    proxy.arm("kill_server")
    killed = threading.Event()

    def kill() -> None:
        ward.kill()
        killed.set()

    proxy.on_request_forwarded = kill

    report = laptop.sync_now(batch_size=300, attempts=1,
                             session_factory=_no_retry_session)

    assert report.status is Status.FAILED
    assert laptop.outbox() == {"None": 600}  # nothing confirmed, nothing marked
    stored, distinct = version_counts(ward_db)
    assert stored == distinct and stored in (0, 300)  # the batch committed whole or not at all

    # The client sees its connection drop as soon as the server dies, possibly before the
    # proxy thread has reaped it: the old process must be gone before the port is reused.
    assert killed.wait(15)
    ward.start()  # same database, same port behind the proxy
    report = laptop.sync_now(batch_size=300)
    assert report.ok, report.message_en
    assert report.accepted + report.already_had == 600
    assert report.already_had == stored
    assert laptop.outbox() == {"accepted": 600}
    assert version_counts(ward_db) == (600, 600)
