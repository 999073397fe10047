"""An outdated laptop (or an outdated server) is told plainly what to update; nothing is lost."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import requests

from sync.client import http
from sync.client.report import Status
from sync.contract.wire import MIN_CLIENT_PROTOCOL, PROTOCOL_HEADER, PROTOCOL_VERSION
from tests.sync.conftest import Laptop
from tests.sync.ward import WardServer

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def test_the_client_names_its_protocol(ward: WardServer) -> None:
    session = http.make_session()
    assert session.headers[PROTOCOL_HEADER] == str(PROTOCOL_VERSION)
    assert f"sync protocol {PROTOCOL_VERSION}" in str(session.headers["User-Agent"])


def test_an_outdated_laptop_is_told_to_update_and_keeps_its_records(
    ward: WardServer, make_laptop: Callable[..., Laptop], monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop = make_laptop(ward.url)
    laptop.add_records(3)
    monkeypatch.setattr(http, "PROTOCOL_VERSION", MIN_CLIENT_PROTOCOL - 1)

    report = laptop.sync_now()

    assert report.status is Status.FAILED
    assert "cập nhật ứng dụng" in report.message_vi
    assert "Update the app" in report.message_en
    assert laptop.outbox() == {"None": 3}  # nothing marked sent, nothing lost

    monkeypatch.setattr(http, "PROTOCOL_VERSION", PROTOCOL_VERSION)
    assert laptop.sync_now().ok
    assert laptop.outbox() == {"accepted": 3}


@pytest.mark.parametrize(
    ("header", "status", "code"),
    [
        (str(MIN_CLIENT_PROTOCOL - 1), 426, "client_outdated"),
        (str(PROTOCOL_VERSION + 1), 409, "server_outdated"),
        ("one", 400, "bad_protocol_header"),
    ],
)
def test_protocol_mismatches_get_a_clear_4xx(
    ward: WardServer, header: str, status: int, code: str
) -> None:
    answer = requests.post(
        f"{ward.url}/api/v1/enroll", json={"code": "x"}, headers={PROTOCOL_HEADER: header},
        timeout=5,
    )
    assert answer.status_code == status
    error = answer.json()["error"]
    assert error["code"] == code and error["message_vi"] and error["message_en"]
    # The probe stays reachable, so the laptop learns why from its first real request.
    health = requests.get(f"{ward.url}/api/v1/health", headers={PROTOCOL_HEADER: header},
                          timeout=5)
    assert health.status_code == 200
