"""Enrol, push, pull against the real server (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Callable

import requests
from sqlalchemy import Engine

from sync.client.report import Status
from tests.sync.conftest import Laptop, version_counts
from tests.sync.ward import WardServer


def test_push_then_nothing_new_is_one_small_request(
    ward: WardServer, ward_db: Engine, make_laptop: Callable[..., Laptop]
) -> None:
    laptop = make_laptop(ward.url)
    laptop.add_records(25)

    first = laptop.sync_now(batch_size=10)

    assert first.status is Status.OK, first.message_en
    assert (first.accepted, first.rejected, first.batches) == (25, 0, 3)
    assert version_counts(ward_db) == (25, 25)
    assert laptop.outbox() == {"accepted": 25}

    second = laptop.sync_now()
    assert second.ok and second.sent == 0
    assert second.requests == 1  # only the pull
    assert second.bytes_received < 200


def test_enrolment_code_is_single_use(ward: WardServer, make_laptop: Callable[..., Laptop],
                                      ward_db: Engine) -> None:
    from tests.sync.conftest import issue_code

    code = issue_code(ward_db)
    first = requests.post(f"{ward.url}/api/v1/enroll", json={"code": code}, timeout=5)
    again = requests.post(f"{ward.url}/api/v1/enroll", json={"code": code}, timeout=5)
    assert first.status_code == 200 and len(first.json()["token"]) >= 40
    assert again.status_code == 400
    assert again.json()["error"]["code"] == "bad_enrolment_code"
