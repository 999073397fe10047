"""The report endpoints against the real ward server (issue 12), on SQLite and PostgreSQL:
every figure of a period as the API answers it, checked against the records made for the test
(period edges included, drafts, deletions and double entries out, residents once); the
records behind each figure; a team lead's report limited to their neighbourhood; the three
files; locking and unlocking over the API, audited."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

import openpyxl
import pytest
import requests
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sync.server import audit
from sync.server.models import Role
from sync.server.reports.breakdowns import Breakdown
from sync.server.reports.periods import Period
from tests.sync.api import API, bearer, create_staff, login
from tests.sync.reports_data import Scenario, build_scenario, counted, key, oracle
from tests.sync.ward import WardServer

HALF = Period.half(2025, 1)
PARAMS = {"start": "2025-01-01", "end": "2025-06-30"}


@pytest.fixture
def scenario(ward: WardServer, ward_db: Engine) -> Scenario:
    return build_scenario(ward_db)


def _get(url: str, path: str, headers: dict[str, str], **params: Any) -> requests.Response:
    return requests.get(f"{url}{API}{path}", headers=headers, params=params, timeout=30)


def _rows(data: dict[str, Any], breakdown: str) -> dict[str, tuple[int, int, int]]:
    rows = next(b["rows"] for b in data["breakdowns"] if b["breakdown"] == breakdown)
    return {r["code"]: (r["records"], r["residents"], r["online_dossiers"]) for r in rows
            if r["records"]}


def _behind(url: str, headers: dict[str, str], breakdown: str, code: str) -> list[str]:
    """Every record behind a figure, two per page (the paging is part of what is tested)."""
    ids: list[str] = []
    offset = 0
    while True:
        page = _get(url, "/reports/records", headers, **PARAMS, breakdown=breakdown,
                    code=code, limit=2, offset=offset)
        assert page.status_code == 200, page.text
        data = page.json()
        ids += [i["id"] for i in data["items"]]
        if not data["has_more"]:
            return ids
        offset += 2


def test_every_figure_and_the_records_behind_it(ward: WardServer, ward_db: Engine,
                                                scenario: Scenario) -> None:
    create_staff(ward_db, "canbo", Role.STAFF)
    staff = bearer(login(ward.url, "canbo"))
    answer = _get(ward.url, "/reports/figures", staff, **PARAMS)
    assert answer.status_code == 200, answer.text
    data = answer.json()
    current = data["current"]
    assert current["period"]["kind"] == "first_half"
    assert current["period"]["label_vi"] == "6 tháng đầu năm 2025"
    assert data["previous"]["period"]["kind"] == "second_half"
    assert data["locked"] is None and data["neighbourhood"] is None

    expected_total = oracle(scenario, HALF, Breakdown.TOTAL)[""]
    total = current["total"]
    assert (total["records"], total["residents"], total["online_dossiers"]) == expected_total
    for breakdown in ("neighbourhood", "category", "procedure", "volunteer", "result", "place"):
        assert _rows(current, breakdown) == oracle(scenario, HALF, Breakdown(breakdown)), \
            breakdown
    # The trend: months of the half-year, adding up to the total.
    assert current["granularity"] == "month" and len(current["trend"]) == 6
    assert sum(p["records"] for p in current["trend"]) == total["records"]
    # The previous half-year: c (31 Dec 2024) only.
    assert data["previous"]["total"]["records"] == len(counted(scenario, HALF.previous()))

    # Clicking a number: the records behind it are exactly those counted.
    for breakdown in ("total", "neighbourhood", "category", "procedure"):
        for code in oracle(scenario, HALF, Breakdown(breakdown)):
            want = sorted(r["id"] for r in counted(scenario, HALF)
                          if key(Breakdown(breakdown), r) == code)
            assert sorted(_behind(ward.url, staff, breakdown, code)) == want, (breakdown, code)
    first = _get(ward.url, "/reports/records", staff, **PARAMS, limit=1).json()["items"][0]
    assert first["assisted_on"] == "2025-01-01" and first["full_name"] == "Nguyễn Thị Hoa"

    bad = _get(ward.url, "/reports/figures", staff, start="2025-06-30", end="2025-01-01")
    assert bad.status_code == 422 and "trước ngày bắt đầu" in bad.json()["error"]["message_vi"]


def test_a_team_lead_sees_only_their_neighbourhood(ward: WardServer, ward_db: Engine,
                                                   scenario: Scenario) -> None:
    create_staff(ward_db, "totruong", Role.TEAM_LEAD, neighbourhood="HT02")
    lead = bearer(login(ward.url, "totruong"))
    data = _get(ward.url, "/reports/figures", lead, **PARAMS).json()
    mine = [r for r in counted(scenario, HALF) if r["neighbourhood"] == "HT02"]
    assert data["neighbourhood"] == "HT02"
    assert data["current"]["total"]["records"] == len(mine) > 0
    assert set(_rows(data["current"], "neighbourhood")) == {"HT02"}
    assert sorted(_behind(ward.url, lead, "total", "")) == sorted(r["id"] for r in mine)
    assert _get(ward.url, "/reports/figures", lead, **PARAMS,
                neighbourhood="HT01").status_code == 404
    csv_text = _get(ward.url, "/reports/export", lead, **PARAMS, format="csv").text
    hoods = {row["code"] for row in csv.DictReader(io.StringIO(csv_text.lstrip("\ufeff")))
             if row["breakdown"] == "neighbourhood"}
    assert hoods == {"HT02"}
    locked = requests.post(f"{ward.url}{API}/reports/lock", headers=lead, json=PARAMS,
                           timeout=30)
    assert locked.status_code == 403


def test_files_lock_and_unlock(ward: WardServer, ward_db: Engine, scenario: Scenario) -> None:
    create_staff(ward_db, "canbo", Role.STAFF)
    staff = bearer(login(ward.url, "canbo"))
    total = oracle(scenario, HALF, Breakdown.TOTAL)[""][0]

    settings = _get(ward.url, "/reports/settings", staff).json()
    settings["number"] = "27"
    settings["signer_titles"] = ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    put = requests.put(f"{ward.url}{API}/reports/settings", headers=staff, json=settings,
                       timeout=10)
    assert put.status_code == 200 and put.json()["number"] == "27"

    xlsx = _get(ward.url, "/reports/export", staff, **PARAMS, format="xlsx")
    assert xlsx.status_code == 200 and "bao-cao_2025-01-01_2025-06-30.xlsx" in \
        xlsx.headers["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    numbers = [c.value for row in book.worksheets[0].iter_rows() for c in row
               if isinstance(c.value, int)]
    assert total in numbers
    pdf = _get(ward.url, "/reports/export", staff, **PARAMS, format="pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    before = _get(ward.url, "/reports/export", staff, **PARAMS, format="csv").content

    lock = requests.post(f"{ward.url}{API}/reports/lock", headers=staff, json=PARAMS,
                         timeout=30)
    assert lock.status_code == 200, lock.text
    again = requests.post(f"{ward.url}{API}/reports/lock", headers=staff, json=PARAMS,
                          timeout=30)
    assert again.status_code == 409 and "đã được chốt" in again.json()["error"]["message_vi"]
    figures = _get(ward.url, "/reports/figures", staff, **PARAMS).json()
    assert figures["locked"]["locked_by"] == "canbo"
    assert _get(ward.url, "/reports/export", staff, **PARAMS, format="csv").content == before

    no_reason = requests.post(f"{ward.url}{API}/reports/unlock", headers=staff, timeout=30,
                              json={**PARAMS, "reason": ""})
    assert no_reason.status_code == 422
    unlock = requests.post(f"{ward.url}{API}/reports/unlock", headers=staff, timeout=30,
                           json={**PARAMS, "reason": "Khu 2 bổ sung số liệu"})
    assert unlock.status_code == 200 and unlock.json()["locked"] is False
    assert _get(ward.url, "/reports/figures", staff, **PARAMS).json()["locked"] is None
    with Session(ward_db) as session:
        entries = audit.entries(session, action="period.unlock")
    assert [e.actor for e in entries] == ["user:canbo"]
    assert "Khu 2 bổ sung số liệu" in entries[0].details
    assert date.fromisoformat(PARAMS["start"]) == HALF.start
