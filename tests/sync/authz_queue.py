"""The authorisation matrix's call of ``GET /api/v1/queue`` and what "own area" promises."""

from __future__ import annotations

import requests

from tests.sync.api import API
from tests.sync.authz_residents import MatrixCallers


def call(ctx: MatrixCallers, role: str) -> requests.Response:
    return requests.get(f"{ctx.url}{API}/queue", headers=ctx.headers(role), timeout=10,
                        params={"limit": 500})


def check_note(role: str, cell: str, answer: requests.Response) -> None:
    body = answer.json()
    areas = {r["neighbourhood_code"] for r in body["items"]}
    assert body["total"] >= len(body["items"]) > 0
    if "own area" in cell:
        assert areas == {"HT01"}, areas
    else:
        assert areas >= {"HT01", "HT02"}, (role, areas)
