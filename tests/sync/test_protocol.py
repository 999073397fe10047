"""The push protocol seen from the wire: replay == once, bad items isolated, bad bodies 4xx."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from typing import Any

import requests
from sqlalchemy import Engine

from tests.sync.conftest import Laptop, version_counts
from tests.sync.ward import WardServer


def _push(ward: WardServer, token: str, body: bytes, **headers: str) -> requests.Response:
    return requests.post(
        f"{ward.url}/api/v1/push", data=body, timeout=10,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json",
                 **headers},
    )


def _token(laptop: Laptop) -> str:
    enrolment = laptop.sync.enrolment()
    assert enrolment is not None
    token = laptop.tokens.load(enrolment.server_url, enrolment.device_id)
    assert token is not None
    return token


def test_replaying_a_batch_any_number_of_times_is_sending_it_once(
    ward: WardServer, ward_db: Engine, make_laptop: Callable[..., Laptop]
) -> None:
    laptop = make_laptop(ward.url)
    records = laptop.add_records(6)
    items: list[dict[str, Any]] = [{"base_revision": 0, "record": r.to_wire()} for r in records]
    items.insert(3, {"base_revision": 0, "record": {**records[0].to_wire(), "revision": "x"}})
    items.insert(5, {"nonsense": True})
    body = gzip.compress(json.dumps({"batch_id": "b-1", "items": items}).encode())
    token = _token(laptop)

    answers = [_push(ward, token, body, **{"Content-Encoding": "gzip"}) for _ in range(3)]

    assert [a.status_code for a in answers] == [200, 200, 200]
    first, *replays = (a.json() for a in answers)
    assert first["counts"] == {"accepted": 6, "already_had": 0, "conflict": 0, "rejected": 2}
    for replay in replays:
        assert replay["counts"] == {"accepted": 0, "already_had": 6, "conflict": 0, "rejected": 2}
    bad = first["results"][3]
    assert bad["outcome"] == "rejected" and bad["problems"][0]["field"] == "revision"
    assert first["results"][5]["reason"]["code"] == "malformed_item"
    assert version_counts(ward_db) == (6, 6)


def test_unreadable_bodies_get_a_clear_4xx(
    ward: WardServer, make_laptop: Callable[..., Laptop]
) -> None:
    token = _token(make_laptop(ward.url))
    cases = [
        (b"\x1f\x8b not really gzip", {"Content-Encoding": "gzip"}, 400),
        (b"{not json", {}, 400),
        (b'{"items": 3}', {}, 400),
        (b"{}", {"Content-Encoding": "br"}, 415),
        (gzip.compress(json.dumps({"items": [{}] * 5001}).encode()), {"Content-Encoding": "gzip"},
         413),
    ]
    for body, headers, status in cases:
        answer = _push(ward, token, body, **headers)
        assert answer.status_code == status, (body[:20], answer.text)
        error = answer.json()["error"]
        assert error["message_en"] and error["message_vi"]
    unauthorised = requests.post(f"{ward.url}/api/v1/push", data=b"{}", timeout=5)
    assert unauthorised.status_code == 401
    assert unauthorised.json()["error"]["code"] == "unknown_token"
    assert requests.get(f"{ward.url}/openapi.json", timeout=5).json()["paths"]["/api/v1/push"]
