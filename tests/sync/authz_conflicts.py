"""The authorisation matrix's call of ``POST /api/v1/records/{record_id}/resolve-fields``: each
call gets a record of device A in conflict (two edits from one base), so staff and admin can
answer 200."""

from __future__ import annotations

from typing import Any

import requests

from tests.sync.api import API, Device, item, push, wire_record
from tests.sync.authz_residents import MatrixCallers


def conflicted(url: str, device: Device) -> dict[str, Any]:
    """A record of ``device`` whose head is revision 2 with revision 2 of another edit kept
    beside it (flagged); returns the record as first sent."""
    record = wire_record(device)
    assert push(url, device, [item(record)]).json()["results"][0]["outcome"] == "accepted"
    first = {**record, "revision": 2, "address": "Tổ 3"}
    assert push(url, device, [item(first, 1)]).json()["results"][0]["outcome"] == "accepted"
    second = {**record, "revision": 2, "phone": "+84987654321"}
    assert push(url, device, [item(second, 1)]).json()["results"][0]["outcome"] == "conflict"
    return record


def call(ctx: MatrixCallers, role: str) -> requests.Response:
    record = conflicted(ctx.url, ctx.devices["device A"])
    return requests.post(
        f"{ctx.url}{API}/records/{record['id']}/resolve-fields", headers=ctx.headers(role),
        timeout=10, json={"head_revision": 2, "changes": {"phone": "+84987654321"},
                          "comment": "matrix"})
