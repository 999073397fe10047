"""Proposed pairs on a real ward server for tests: two records of one person pushed by a
device, indexed and scored by the server's own linkage code, and the proposal's id."""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Engine, or_, select

from sync.server.linkage.models import ResidentProposal
from sync.server.linking import link_heads
from tests.sync.api import NEIGHBOURHOOD_NAMES, Device, item, push, wire_record

_GIVEN = ("Khánh", "Quyết", "Thắng", "Doanh", "Khuê", "Thịnh", "Trác", "Uyên", "Vĩnh", "Xuyến")
_SURNAMES = ("Lưu", "Ông", "Khổng", "Thái", "Mạc", "Quách", "Diệp", "Tạ", "Kiều", "Âu")
_numbers = itertools.count(1)


@dataclass(frozen=True)
class Pair:
    proposal_id: int
    record_a: str  # the smaller id (the proposal's record_a)
    record_b: str
    records: tuple[dict[str, Any], dict[str, Any]]


def person(device: Device, **overrides: Any) -> dict[str, Any]:
    """A record of a person nobody else in the ward shares a CCCD, name or phone with."""
    n = next(_numbers)
    rng = random.Random(n * 7919)
    year = 1950 + rng.randrange(50)
    cccd = f"022{0}{year % 100:02d}{rng.randrange(10**6):06d}"
    name = f"{_SURNAMES[n % 10]} {_SURNAMES[(n // 10) % 10]} {_GIVEN[(n // 100) % 10]}"
    return wire_record(
        device, full_name=name, birth_year=year, gender="male", cccd=cccd,
        phone=f"+8491{rng.randrange(10**7):07d}", address=f"Tổ {n}", **overrides
    )


def make_pair(engine: Engine, url: str, device: Device, *, double_entry: bool = False,
              other_device: Device | None = None) -> Pair:
    """Two records of one person (by ``device``, the second by ``other_device`` if given), on
    different days unless ``double_entry`` (same category, same day), and their proposal."""
    first = person(device)
    second_device = other_device or device
    second = {**first, "id": wire_record(second_device)["id"], "device_id": second_device.id,
              "neighbourhood_code": second_device.neighbourhood,
              "neighbourhood_name": NEIGHBOURHOOD_NAMES.get(second_device.neighbourhood, "Khu")}
    if not double_entry:
        second["assisted_on"] = date(2025, 9, 3).isoformat()
        second["category"] = "DVC_ACCOUNT"
    for dev, record in ((device, first), (second_device, second)):
        answer = push(url, dev, [item(record)])
        assert answer.json()["results"][0]["outcome"] == "accepted", answer.text
    with engine.begin() as conn:
        link_heads(conn, [first["id"], second["id"]], now=datetime.now(UTC))
        a, b = sorted((first["id"], second["id"]))
        proposal_id = conn.execute(
            select(ResidentProposal.id).where(
                ResidentProposal.record_a == a, ResidentProposal.record_b == b)
        ).scalar_one()
    by_id = {first["id"]: first, second["id"]: second}
    return Pair(proposal_id, a, b, (by_id[a], by_id[b]))


def proposals_of(engine: Engine, record_id: str) -> list[int]:
    with engine.connect() as conn:
        return list(conn.execute(
            select(ResidentProposal.id).where(or_(ResidentProposal.record_a == record_id,
                                                  ResidentProposal.record_b == record_id))
        ).scalars())
