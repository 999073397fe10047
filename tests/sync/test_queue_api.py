"""The review queue on the server (``GET /api/v1/queue``), SQLite and PostgreSQL: filters,
the laptop's accent-insensitive search (any word order, NFD input, phone in any format), the
total that matches, team leads kept to their neighbourhood."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime
from typing import Any

import pytest
import requests

from sync.server.linking import link_heads
from sync.server.models import Role
from tests.sync.api import API, bearer, create_staff, enrol_device, item, login, push, wire_record
from tests.sync.conftest import SharedWard


@pytest.fixture(scope="module")
def queue(shared_ward: SharedWard) -> tuple[str, dict[str, str], dict[str, str], list[Any]]:
    engine, url = shared_ward.engine, shared_ward.server.url
    create_staff(engine, "q_canbo", Role.STAFF)
    create_staff(engine, "q_totruong", Role.TEAM_LEAD, neighbourhood="HT01")
    ht01, ht02 = enrol_device(engine, url, "HT01"), enrol_device(engine, url, "HT02")
    records = [
        wire_record(ht01, full_name="Quách Thị Lụa", cccd=None, phone="0916 222 333",
                    category="VSSID", assisted_on="2025-08-02", volunteer_name="Đỗ Văn Hùng"),
        wire_record(ht01, full_name="Quách Văn Lực", cccd=None, phone=None,
                    category="VNEID_L1", assisted_on="2025-09-02"),
        wire_record(ht02, full_name="Diệp Thị Lụa", cccd=None, phone=None,
                    category="VSSID", assisted_on="2025-09-03", result="not_possible",
                    reason="Mất mạng"),
    ]
    for record in records:
        device = ht01 if record["neighbourhood_code"] == "HT01" else ht02
        answer = push(url, device, [item(record)])
        assert answer.json()["results"][0]["outcome"] == "accepted", answer.text
    with engine.begin() as conn:  # what the server's worker does right after the answer
        link_heads(conn, [r["id"] for r in records], now=datetime.now(UTC))
    return url, bearer(login(url, "q_canbo")), bearer(login(url, "q_totruong")), records


def _ids(url: str, headers: dict[str, str], **params: Any) -> tuple[set[str], int]:
    answer = requests.get(f"{url}{API}/queue", headers=headers, params={"limit": 500, **params},
                          timeout=10)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    return {r["id"] for r in body["items"]}, body["total"]


def test_search_is_accent_insensitive_in_any_word_order(queue: Any) -> None:
    url, staff, _lead, (lua, luc, other_lua) = queue
    found, total = _ids(url, staff, q="lua quach")
    assert found == {lua["id"]} and total == 1
    nfd = unicodedata.normalize("NFD", "LỤA")
    assert _ids(url, staff, q=nfd)[0] >= {lua["id"], other_lua["id"]}
    assert luc["id"] not in _ids(url, staff, q=nfd)[0]
    assert _ids(url, staff, q="+84 916 222 333")[0] == {lua["id"]}
    assert _ids(url, staff, q="0916222333")[0] == {lua["id"]}


def test_filters_and_the_total(queue: Any) -> None:
    url, staff, lead, (lua, luc, other_lua) = queue
    assert _ids(url, staff, q="lụa", category="VSSID", neighbourhood="HT02")[0] == {
        other_lua["id"]}
    assert _ids(url, staff, q="quach", assisted_from="2025-09-01")[0] == {luc["id"]}
    assert _ids(url, staff, q="quach", assisted_to="2025-08-31")[0] == {lua["id"]}
    assert _ids(url, staff, q="lua", result="not_possible")[0] == {other_lua["id"]}
    assert _ids(url, staff, q="quach", volunteer="Đỗ Văn Hùng")[0] == {lua["id"]}
    assert _ids(url, staff, q="quach", review_state="received")[1] == 2
    assert _ids(url, staff, q="quach", review_state="approved")[1] == 0
    everything = _ids(url, staff)[1]
    page = requests.get(f"{url}{API}/queue", headers=staff, params={"limit": 1},
                        timeout=10).json()
    assert len(page["items"]) == 1 and page["total"] == everything >= 3
    # A team lead: their neighbourhood only, filters or not.
    assert _ids(url, lead, q="lua") == ({lua["id"]}, 1)
    assert _ids(url, lead, neighbourhood="HT02") == (set(), 0)


def test_a_nul_in_the_search_is_a_clear_422(queue: Any) -> None:
    url, staff, _lead, _records = queue
    for params in ({"q": "lan\x00"}, {"volunteer": "a\x00b"}):
        answer = requests.get(f"{url}{API}/queue", headers=staff, params=params, timeout=10)
        assert answer.status_code == 422, answer.text
        assert answer.json()["problems"][0]["field"] in {"q", "volunteer"}
