"""The authorisation matrix's calls of the report endpoints and of the administrators'
device, reference-data and audit-log endpoints (issue 12), kept apart from the matrix itself
so that the areas added in parallel each touch it with one line.

Each call works on something of its own (a period per caller to lock, a fresh device to
revoke, a new user name), so every caller's answer depends on its role only.
"""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import requests

from sync.contract.reference import load_reference
from sync.server.checks import ReferenceCache
from sync.server.reports.locks import lock_period
from sync.server.reports.periods import Period
from tests.sync.api import API, PASSWORD, enrol_device

#: The whole year of the matrix's records (they are helped on 1 September 2025).
START, END = "2025-01-01", "2025-12-31"
_days = itertools.count()
_names = itertools.count()


def _own_day() -> str:
    """A day of its own (in 2024) for each lock or unlock call."""
    return (date(2024, 1, 1) + timedelta(days=next(_days))).isoformat()


def call(ctx: Any, role: str, endpoint: str) -> requests.Response | None:
    """The endpoint called as ``role``; None for an endpoint of another area."""
    url, h = ctx.url, ctx.headers(role)
    period = {"start": START, "end": END}
    if endpoint == "GET /api/v1/auth/me":
        return requests.get(f"{url}{API}/auth/me", headers=h, timeout=10)
    if endpoint == "GET /api/v1/reports/figures":
        return requests.get(f"{url}{API}/reports/figures", headers=h, params=period, timeout=30)
    if endpoint == "GET /api/v1/reports/records":
        return requests.get(f"{url}{API}/reports/records", headers=h, timeout=30,
                            params={**period, "breakdown": "total", "limit": 500})
    if endpoint == "GET /api/v1/reports/export":
        return requests.get(f"{url}{API}/reports/export", headers=h, timeout=30,
                            params={**period, "format": "csv"})
    if endpoint == "POST /api/v1/reports/lock":
        day = _own_day()
        return requests.post(f"{url}{API}/reports/lock", headers=h, timeout=30,
                             json={"start": day, "end": day})
    if endpoint == "POST /api/v1/reports/unlock":
        day = date.fromisoformat(_own_day())
        engine = ctx.shared.engine
        reference = ReferenceCache(engine, lambda: datetime.now(UTC)).current()
        with engine.begin() as conn:
            lock_period(conn, Period.between(day, day), reference, by="matrix",
                        now=datetime.now(UTC))
        return requests.post(f"{url}{API}/reports/unlock", headers=h, timeout=30,
                             json={"start": day.isoformat(), "end": day.isoformat(),
                                   "reason": f"kiểm tra ({role})"})
    if endpoint == "GET /api/v1/reports/settings":
        return requests.get(f"{url}{API}/reports/settings", headers=h, timeout=10)
    if endpoint == "PUT /api/v1/reports/settings":
        body = {"issuing_body": ["ỦY BAN NHÂN DÂN", "PHƯỜNG HÀ TU"], "number": "12",
                "place_name": "Phường Hà Tu", "signer_titles": ["TM. ỦY BAN NHÂN DÂN",
                                                                 "CHỦ TỊCH"],
                "subject": "Kết quả hỗ trợ người dân"}
        return requests.put(f"{url}{API}/reports/settings", headers=h, json=body, timeout=10)
    if endpoint == "POST /api/v1/admin/users":
        name = f"moi{next(_names)}"
        return requests.post(f"{url}{API}/admin/users", headers=h, timeout=10, json={
            "username": name, "password": PASSWORD, "role": "team_lead",
            "neighbourhood_code": "HT02", "full_name": "Trần Thị Mới"})
    if endpoint == "PATCH /api/v1/admin/users/{username}":
        return requests.patch(f"{url}{API}/admin/users/muctieu", headers=h, timeout=10,
                              json={"full_name": f"Cán bộ {role}"})
    if endpoint == "GET /api/v1/admin/devices":
        return requests.get(f"{url}{API}/admin/devices", headers=h, timeout=10)
    if endpoint == "POST /api/v1/admin/devices":
        return requests.post(f"{url}{API}/admin/devices", headers=h, timeout=10, json={
            "neighbourhood_code": "HT03", "volunteer_name": "Phạm Văn Máy Mới",
            "valid_minutes": 30, "server_url": url})
    if endpoint == "POST /api/v1/admin/devices/{device_id}/revoke":
        device = enrol_device(ctx.shared.engine, url, "HT01")
        return requests.post(f"{url}{API}/admin/devices/{device.id}/revoke", headers=h,
                             timeout=10)
    if endpoint == "GET /api/v1/admin/reference":
        return requests.get(f"{url}{API}/admin/reference", headers=h, timeout=10)
    if endpoint == "POST /api/v1/admin/reference":
        return requests.post(f"{url}{API}/admin/reference", headers=h, timeout=10,
                             json={"documents": new_reference_documents()})
    if endpoint == "GET /api/v1/admin/audit":
        return requests.get(f"{url}{API}/admin/audit", headers=h, timeout=10,
                            params={"action": "user.", "limit": 50})
    if endpoint == "GET /api/v1/admin/audit/export":
        return requests.get(f"{url}{API}/admin/audit/export", headers=h, timeout=10,
                            params={"action": "device."})
    return None


def new_reference_documents() -> dict[str, Any]:
    """The shipped reference data under a version never published (only the procedures'
    list's version changes: the records' checks stay the same)."""
    documents = load_reference().json_documents()
    documents["procedures"]["version"] = f"matrix-{uuid.uuid4().hex[:8]}"
    return dict(documents)


def check_note(ctx: Any, endpoint: str, role: str, cell: str,
               answer: requests.Response) -> None:
    """What a 200 of these endpoints promises beyond the status."""
    url = ctx.url
    if endpoint == "GET /api/v1/auth/me":
        from tests.sync.test_authorisation_matrix import ACCOUNTS

        assert answer.json()["username"] == ACCOUNTS[role][0]
        assert answer.json()["role"] == ACCOUNTS[role][1].value
    elif endpoint == "GET /api/v1/reports/figures":
        data = answer.json()
        if "own area" in cell:
            assert data["neighbourhood"] == "HT01", data["neighbourhood"]
            rows = next(b["rows"] for b in data["current"]["breakdowns"]
                        if b["breakdown"] == "neighbourhood")
            assert [r["code"] for r in rows] == ["HT01"]
            other = requests.get(f"{url}{API}/reports/figures", headers=ctx.headers(role),
                                 params={"start": START, "end": END, "neighbourhood": "HT02"},
                                 timeout=30)
            assert other.status_code == 404, other.text
        else:
            rows = next(b["rows"] for b in data["current"]["breakdowns"]
                        if b["breakdown"] == "neighbourhood")
            counted = {r["code"] for r in rows if r["records"]}
            assert {"HT01", "HT02"} <= counted, counted
    elif endpoint == "GET /api/v1/reports/records":
        areas = {i["neighbourhood_code"] for i in answer.json()["items"]}
        if "own area" in cell:
            assert areas == {"HT01"}, areas
        else:
            assert {"HT01", "HT02"} <= areas, areas
    elif endpoint == "GET /api/v1/reports/export":
        assert answer.headers["Content-Type"].startswith("text/csv")
        lines = answer.content.decode("utf-8-sig").splitlines()
        assert lines[0].startswith("breakdown,code,name,records,residents,online_dossiers")
        neighbourhoods = {line.split(",")[1] for line in lines[1:]
                          if line.startswith("neighbourhood,")}
        if "own area" in cell:
            assert neighbourhoods == {"HT01"}, neighbourhoods
        else:
            assert {"HT01", "HT02"} <= neighbourhoods, neighbourhoods
    elif endpoint == "POST /api/v1/admin/devices":
        data = answer.json()
        assert data["qr_payload"].startswith("hotroso://enroll?code=")
        assert data["qr_png"].startswith("iVBORw0KGgo")  # a PNG, base64
    elif endpoint == "GET /api/v1/admin/audit":
        assert all(i["action"].startswith("user.") for i in answer.json()["items"])
    elif endpoint == "GET /api/v1/admin/audit/export":
        lines = answer.content.decode("utf-8-sig").splitlines()
        assert lines[0] == "id,at,actor,action,target,details" and len(lines) > 1
        assert all(",device." in line for line in lines[1:])

