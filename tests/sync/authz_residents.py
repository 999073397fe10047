"""The authorisation matrix's calls of the resident-pair endpoints (``/api/v1/residents…``):
each call works on a pair of its own, made ready for the action (a linked pair for an unlink,
an excluded double entry for an include), so every row can answer 200 to staff and admin."""

from __future__ import annotations

from typing import Any, Protocol

import requests
from sqlalchemy import Engine

from tests.sync.api import API, Device
from tests.sync.pairs import Pair, make_pair


class _Ward(Protocol):
    engine: Engine


class MatrixCallers(Protocol):
    shared: _Ward
    devices: dict[str, Device]

    @property
    def url(self) -> str: ...

    def headers(self, role: str) -> dict[str, str]: ...


PREFIX = f"{API}/residents"
_other_area: dict[str, Pair] = {}


def other_area_pair(ctx: MatrixCallers) -> Pair:
    """A pair of device B's neighbourhood (HT02): a team lead of HT01 never sees it."""
    key = ctx.url
    if key not in _other_area:
        _other_area[key] = make_pair(ctx.shared.engine, ctx.url, ctx.devices["device B"])
    return _other_area[key]


def _staff_post(ctx: MatrixCallers, path: str, body: dict[str, Any] | None = None) -> Any:
    answer = requests.post(f"{ctx.url}{PREFIX}{path}", headers=ctx.headers("staff"),
                           json=body or {}, timeout=10)
    assert answer.status_code == 200, answer.text
    return answer.json()


def call(ctx: MatrixCallers, endpoint: str, role: str) -> requests.Response:
    url, h = ctx.url, ctx.headers(role)
    engine, device = ctx.shared.engine, ctx.devices["device A"]
    other_area_pair(ctx)
    if endpoint == "GET /api/v1/residents/proposals":
        make_pair(engine, url, device)
        return requests.get(f"{url}{PREFIX}/proposals", headers=h, timeout=10,
                            params={"limit": 200})
    double = endpoint.endswith(("/exclude", "/include"))
    pair = make_pair(engine, url, device, double_entry=double)
    if endpoint == "GET /api/v1/residents/proposals/{proposal_id}":
        return requests.get(f"{url}{PREFIX}/proposals/{pair.proposal_id}", headers=h,
                            timeout=10)
    if endpoint == "POST /api/v1/residents/links":
        return requests.post(f"{url}{PREFIX}/links", headers=h, timeout=10,
                             json={"record_a": pair.record_a, "record_b": pair.record_b})
    action = endpoint.rsplit("/", 1)[1]
    if action == "unlink":
        link_id = _staff_post(ctx, f"/proposals/{pair.proposal_id}/same")["link_id"]
        return requests.post(f"{url}{PREFIX}/links/{link_id}/unlink", headers=h, timeout=10)
    if action == "reopen":
        _staff_post(ctx, f"/proposals/{pair.proposal_id}/different")
    if action == "include":
        _staff_post(ctx, f"/proposals/{pair.proposal_id}/exclude",
                    {"record_id": pair.record_b, "reason": "matrix"})
        return requests.post(f"{url}{PREFIX}/records/{pair.record_b}/include", headers=h,
                             timeout=10)
    body = {"record_id": pair.record_b} if action == "exclude" else {}
    return requests.post(f"{url}{PREFIX}/proposals/{pair.proposal_id}/{action}", headers=h,
                         json=body, timeout=10)


def _every_id(ctx: MatrixCallers, role: str) -> set[int]:
    ids: set[int] = set()
    params: dict[str, Any] = {"limit": 200}
    for _ in range(50):
        page = requests.get(f"{ctx.url}{PREFIX}/proposals", headers=ctx.headers(role),
                            params=params, timeout=10).json()
        ids |= {p["id"] for p in page["items"]}
        if page["next_after"] is None:
            break
        params = {"limit": 200, "after_score": page["next_after"][0],
                  "after_id": page["next_after"][1]}
    return ids


def check_note(ctx: MatrixCallers, endpoint: str, role: str, cell: str,
               answer: requests.Response) -> None:
    """"own area": only pairs of the team lead's neighbourhood, another area's pair is 404."""
    other = other_area_pair(ctx)
    if endpoint == "GET /api/v1/residents/proposals":
        areas = {side["neighbourhood_code"] for p in answer.json()["items"]
                 for side in (p["a"], p["b"])}
        if "own area" in cell:
            assert areas == {"HT01"}, areas
        else:
            assert "HT01" in areas and other.proposal_id in _every_id(ctx, role), areas
    elif endpoint == "GET /api/v1/residents/proposals/{proposal_id}" and "own area" in cell:
        hidden = requests.get(f"{ctx.url}{PREFIX}/proposals/{other.proposal_id}",
                              headers=ctx.headers(role), timeout=10)
        assert hidden.status_code == 404, hidden.text
