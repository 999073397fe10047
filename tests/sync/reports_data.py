"""Records made for the report tests, stored through the server's real push path.

Each record is an :class:`AssistanceRecord` validated by the server's own check (a final one
must be complete, as a laptop's would be), pushed with :func:`sync.server.push.parse_item` and
:func:`sync.server.push.apply_items` in one transaction, then the reporting facts refreshed
and changes in locked periods flagged — the calls the lead wires into the push path.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Engine, delete, insert

from sync.contract.record import AssistanceRecord
from sync.contract.reference import load_reference
from sync.server.checks import blocking_problems
from sync.server.models import RecordResident
from sync.server.push import parse_item
from sync.server.reports.breakdowns import Breakdown
from sync.server.reports.facts import refresh_facts, set_excluded
from sync.server.reports.locks import flag_changes_in_locked_periods
from sync.server.reports.periods import Period
from tests.sync.conftest import apply_as_devices

REFERENCE = load_reference()
DEVICE = "6f1d2c1e-8a43-4a9e-9b38-2f6f1f6a0d11"
CREATED = datetime(2025, 1, 1, 1, 0, tzinfo=UTC)
TODAY = date(2026, 1, 5)


def record(
    assisted_on: date,
    *,
    neighbourhood: str | None = None,
    category: str = "VNEID_INSTALL",
    result: str = "completed",
    place: str = "meeting",
    volunteer: str = "Trần Thị Lan",
    status: str = "final",
    deleted: bool = False,
    procedure: str | None = None,
    level: str | None = None,
    revision: int = 1,
    rid: str | None = None,
    **extra: Any,
) -> AssistanceRecord:
    """A complete record helped on ``assisted_on`` (the ward and unit in force that day)."""
    merged = assisted_on >= date(2025, 7, 1)
    code = neighbourhood or ("HT01" if merged else "HP01")
    unit = REFERENCE.neighbourhoods[code]
    ward = REFERENCE.wards[unit.ward]
    data: dict[str, Any] = {
        "id": rid or str(uuid.uuid4()),
        "device_id": DEVICE,
        "volunteer_name": volunteer,
        "created_at": CREATED,
        "updated_at": CREATED,
        "assisted_on": assisted_on,
        "revision": revision,
        "status": status,
        "deleted": deleted,
        "ward_code": ward.code,
        "ward_name": ward.name,
        "neighbourhood_code": unit.code,
        "neighbourhood_name": unit.name,
        "full_name": "Nguyễn Thị Hoa",
        "birth_year": 1958,
        "gender": "female",
        "phone": "+84912345678",
        "category": category,
        "procedure_code": procedure,
        "online_level": level,
        "place": place,
        "result": result,
        "consent": True,
        "consent_at": CREATED,
        "consent_method": "verbal",
        "consent_notice_version": REFERENCE.consent.version,
    }
    if result == "follow_up":
        data["follow_up_date"] = date(2026, 2, 1)
    if result == "not_possible":
        data["reason"] = "Chưa có CCCD gắn chip"
    data.update(extra)
    return AssistanceRecord.model_validate(data)


def push(
    engine: Engine,
    records: Sequence[AssistanceRecord],
    *,
    now: datetime,
    base: int = 0,
    bases: Sequence[int] | None = None,
) -> list[str]:
    """Push ``records`` as the laptop would (``base`` = the revision it edited), refresh
    the facts and flag changes in locked periods; returns the outcomes."""

    def check(item: AssistanceRecord) -> Any:
        return blocking_problems(item, REFERENCE, TODAY)

    items = [
        parse_item(i, {"base_revision": bases[i] if bases else base, "record": r.to_wire()}, check)
        for i, r in enumerate(records)
    ]
    for item in items:
        assert item.rejection is None, (item.rejection, item.problems)
    with engine.begin() as conn:
        results = apply_as_devices(conn, items, device_id=DEVICE, now=now)
        touched = [r.record_id for r in results if r.record_id is not None]
        refresh_facts(conn, touched)
        flag_changes_in_locked_periods(conn, touched)
    return [r.outcome.value for r in results]


def link(engine: Engine, record_ids: Sequence[str], resident_id: str, *, now: datetime) -> None:
    """Staff decided these records are one person (record_residents rows), facts refreshed."""
    with engine.begin() as conn:
        conn.execute(
            insert(RecordResident),
            [
                {"record_id": rid, "resident_id": resident_id, "linked_at": now}
                for rid in record_ids
            ],
        )
        refresh_facts(conn, record_ids)


def unlink(engine: Engine, record_ids: Sequence[str]) -> None:
    with engine.begin() as conn:
        conn.execute(delete(RecordResident).where(RecordResident.record_id.in_(list(record_ids))))
        refresh_facts(conn, record_ids)


def edit(rec: AssistanceRecord, **changes: Any) -> AssistanceRecord:
    """The record with ``changes`` (validated, as an edit on the laptop is)."""
    return AssistanceRecord.model_validate({**rec.model_dump(), **changes})


# --- the scenario shared by the report tests -------------------------------------------

NOW = datetime(2025, 7, 2, 2, 0, tzinfo=UTC)


@dataclass
class Scenario:
    ids: dict[str, str]
    #: name -> what the record is now, as the oracle sees it
    state: dict[str, dict[str, Any]] = field(default_factory=dict)
    person: dict[str, str] = field(default_factory=dict)


def _state(name: str, rec: Any, **more: Any) -> dict[str, Any]:
    code = REFERENCE.successor(rec.neighbourhood_code).code  # type: ignore[union-attr]
    return {
        "name": name,
        "id": str(rec.id),
        "day": rec.assisted_on,
        "status": rec.status.value,
        "deleted": rec.deleted,
        "excluded": False,
        "neighbourhood": code,
        "category": rec.category,
        "procedure": rec.procedure_code,
        "level": rec.online_level.value if rec.online_level else None,
        "volunteer": rec.volunteer_name,
        "result": rec.result.value if rec.result else None,
        "place": rec.place.value if rec.place else None,
        **more,
    }


def build_scenario(ward_db: Engine) -> Scenario:
    """Edges, a draft, a deletion, an exclusion, an edit with a conflict, linked residents."""
    made = {
        "a": record(date(2025, 1, 1)),  # first day of the period
        "b": record(
            date(2025, 6, 30),
            neighbourhood="HP02",
            category="DVC_SUBMIT",
            procedure="1.001193",
            level="full",
            place="ward_desk",
            volunteer="Nguyễn Văn An",
        ),  # last day; an online dossier
        "c": record(date(2024, 12, 31), category="VNEID_L1"),  # the day before
        "d": record(date(2025, 7, 1), category="VNEID_L1"),  # the day after (new ward)
        "e": record(date(2025, 3, 10), status="draft"),
        "f": record(date(2025, 3, 11), neighbourhood="HP02"),  # deleted below
        "g": record(date(2025, 3, 12), neighbourhood="HP03"),  # excluded below
        "h": record(
            date(2025, 3, 15),
            category="DVC_SUBMIT",
            procedure="1.000894",
            level="partial",
            result="pending",
        ),
        "i": record(
            date(2025, 4, 1),
            category="DVC_SUBMIT",
            procedure="1.001193",
            level="full",
            result="follow_up",
        ),
        "j": record(
            date(2025, 5, 5),
            neighbourhood="HP03",
            category="CASHLESS",
            result="declined",
            place="home_visit",
            volunteer="Lê Thu Hà",
        ),
        "k": record(
            date(2025, 5, 6),
            neighbourhood="HP03",
            category="VSSID",
            result="not_possible",
            place="home_visit",
            volunteer="Lê Thu Hà",
        ),
        "m": record(
            date(2025, 2, 14), neighbourhood="HP02", category="VNEID_L1", volunteer="Nguyễn Văn An"
        ),
        "n": record(
            date(2025, 2, 20),
            neighbourhood="HP02",
            category="EHEALTH",
            status="draft",
            volunteer="Nguyễn Văn An",
        ),  # finalised below
        "p": record(
            date(2025, 6, 1),
            neighbourhood="HP03",
            category="DVC_SUBMIT",
            procedure="1.001193",
            volunteer="Lê Thu Hà",
        ),  # level not recorded
    }
    assert set(push(ward_db, list(made.values()), now=NOW)) == {"accepted"}
    ids = {name: str(r.id) for name, r in made.items()}

    # An edit on the laptop (revision 2 on top of 1) and a deletion, both through push.
    n2 = edit(
        made["n"], revision=2, status="final", assisted_on=date(2025, 2, 21), place="ward_desk"
    )
    f2 = edit(made["f"], revision=2, deleted=True)
    assert push(ward_db, [n2, f2], now=NOW, base=1) == ["accepted", "accepted"]
    # A second laptop's edit of n made from revision 1 too: a conflict, kept beside the head.
    n_other = edit(
        made["n"],
        revision=2,
        status="final",
        category="OTHER",
        category_detail="Hướng dẫn dùng Zalo",
    )
    assert push(ward_db, [n_other], now=NOW, base=1) == ["conflict"]
    with ward_db.begin() as conn:
        assert set_excluded(conn, [ids["g"]], True, now=NOW) == 1

    # The ward's resident links: a, h, i are one person (a's id, a row each); b, m and k are
    # one person under a fresh resident id (k in another neighbourhood); p is linked to j's
    # id while j itself has no row — still one person.
    res2 = str(uuid.uuid4())
    link(ward_db, [ids["a"], ids["h"], ids["i"]], ids["a"], now=NOW)
    link(ward_db, [ids["b"], ids["m"], ids["k"]], res2, now=NOW)
    link(ward_db, [ids["p"]], ids["j"], now=NOW)
    # c (helped in the previous half-year) and n are one person too: once in each period.
    res3 = str(uuid.uuid4())
    link(ward_db, [ids["c"], ids["n"]], res3, now=NOW)

    final = {**made, "n": n2, "f": f2}
    s = Scenario(ids)
    for name, rec in final.items():
        s.state[name] = _state(name, rec, excluded=(name == "g"))
    s.person = (
        {ids[x]: ids["a"] for x in "ahi"}
        | {ids[x]: res2 for x in "bmk"}
        | {ids["p"]: ids["j"]}
        | {ids[x]: res3 for x in "cn"}
    )
    return s


def counted(s: Scenario, period: Period) -> list[dict[str, Any]]:
    return [
        r
        for r in s.state.values()
        if r["status"] == "final"
        and not r["deleted"]
        and not r["excluded"]
        and period.start <= r["day"] <= period.end
    ]


def key(breakdown: Breakdown, r: dict[str, Any]) -> str | None:
    if breakdown is Breakdown.TOTAL:
        return ""
    if breakdown is Breakdown.PROCEDURE:
        if r["procedure"] is None:
            return None
        return f"{r['procedure']}/{r['level']}" if r["level"] else r["procedure"]
    return str(r[breakdown.value] or "")


def oracle(s: Scenario, period: Period, breakdown: Breakdown) -> dict[str, tuple[int, int, int]]:
    """(records, residents, online dossiers) per row code, counted in plain Python."""
    records: dict[str, int] = defaultdict(int)
    people: dict[str, set[str]] = defaultdict(set)
    online: dict[str, int] = defaultdict(int)
    for r in counted(s, period):
        code = key(breakdown, r)
        if code is None:
            continue
        records[code] += 1
        people[code].add(s.person.get(r["id"], r["id"]))
        is_online = r["category"] == "DVC_SUBMIT" and r["result"] in ("completed", "pending")
        online[code] += int(is_online)
    return {k: (records[k], len(people[k]), online[k]) for k in records}
