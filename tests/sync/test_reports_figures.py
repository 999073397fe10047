"""Every figure of a period report against records made for the test (SQLite and PostgreSQL).

The records go through the server's real push path; the expected figures come from two
places: numbers worked out by hand for the scenario below, and a plain-Python count over the
same records (independent of the SQL) that checks every row of every breakdown.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine, select

from sync.server.reports.breakdowns import Breakdown
from sync.server.reports.facts import set_excluded
from sync.server.reports.figures import (
    PeriodFigures,
    ReportFigures,
    compute_figures,
    records_behind,
)
from sync.server.reports.models import RecordFact
from sync.server.reports.periods import Granularity, Period
from tests.sync.reports_data import (
    NOW,
    REFERENCE,
    Scenario,
    build_scenario,
    counted,
    key,
    oracle,
    unlink,
)

H1 = Period.half(2025, 1)


@pytest.fixture
def scenario(ward_db: Engine) -> Scenario:
    return build_scenario(ward_db)


def _check_every_row(s: Scenario, figures: PeriodFigures) -> None:
    for breakdown in Breakdown:
        expected = oracle(s, figures.period, breakdown)
        shown = {
            r.code: (r.records, r.residents, r.online_dossiers) for r in figures.rows(breakdown)
        }
        for code, numbers in expected.items():
            assert shown.get(code) == numbers, (breakdown, code)
        for code, numbers in shown.items():
            assert numbers == expected.get(code, (0, 0, 0)), (breakdown, code)


def test_every_figure_matches_the_records(ward_db: Engine, scenario: Scenario) -> None:
    with ward_db.connect() as conn:
        report = compute_figures(conn, H1, REFERENCE, now=NOW)
    cur, prev = report.current, report.previous

    # By hand: a b h i j k m n p count (edges in; c, d outside; e draft; f deleted; g
    # excluded); 4 people: {a,h,i} {b,m,k} {j,p} {n}; online dossiers b (completed),
    # h (pending), p (completed) — i is a follow-up.
    assert (cur.total.records, cur.total.residents, cur.total.online_dossiers) == (9, 4, 3)
    by_unit = {
        r.code: (r.records, r.residents, r.online_dossiers)
        for r in cur.rows(Breakdown.NEIGHBOURHOOD)
    }
    # Records made under Hà Phong's codes count under today's units (HP01 -> HT01 …).
    assert by_unit["HT01"] == (3, 1, 1)
    assert by_unit["HT02"] == (3, 2, 1)
    assert by_unit["HT03"] == (3, 2, 1)  # k's person is counted here and in HT02
    assert all(by_unit[f"HT{n:02d}"] == (0, 0, 0) for n in range(4, 11))
    assert [r.code for r in cur.rows(Breakdown.NEIGHBOURHOOD)] == [
        f"HT{n:02d}" for n in range(1, 11)
    ]
    assert cur.row(Breakdown.NEIGHBOURHOOD, "HT01").name_vi == "Khu 1"  # type: ignore[union-attr]
    procedures = {
        r.code: (r.records, r.online_dossiers, r.name_vi) for r in cur.rows(Breakdown.PROCEDURE)
    }
    assert procedures == {
        "1.001193/full": (2, 1, "Đăng ký khai sinh (toàn trình)"),
        "1.001193": (1, 1, "Đăng ký khai sinh (không ghi mức độ)"),
        "1.000894/partial": (1, 1, "Đăng ký kết hôn (một phần)"),
    }
    assert [r.code for r in cur.rows(Breakdown.PROCEDURE)] == [
        "1.001193/full",
        "1.001193",
        "1.000894/partial",
    ]
    # Edited record n counts with its head (final, 21/02, ward desk), not the conflict's
    # category OTHER.
    assert cur.row(Breakdown.CATEGORY, "EHEALTH").records == 1  # type: ignore[union-attr]
    assert cur.row(Breakdown.CATEGORY, "OTHER").records == 0  # type: ignore[union-attr]
    assert cur.row(Breakdown.VOLUNTEER, "Lê Thu Hà").residents == 2  # type: ignore[union-attr]
    assert cur.row(Breakdown.PLACE, "ward_desk").records == 2  # type: ignore[union-attr]
    assert cur.row(Breakdown.RESULT, "declined").name_vi == "Người dân từ chối"  # type: ignore[union-attr]
    # The previous period (second half of 2024) holds only c, helped on its last day.
    assert prev.period == Period.half(2024, 2)
    assert (prev.total.records, prev.total.residents, prev.total.online_dossiers) == (1, 1, 0)

    _check_every_row(scenario, cur)
    _check_every_row(scenario, prev)

    # The trend: months of the half-year, none left out, adding up to the total.
    assert cur.granularity is Granularity.MONTH
    assert [(p.label_vi, p.records) for p in cur.trend] == [
        ("T1/2025", 1),
        ("T2/2025", 2),
        ("T3/2025", 1),
        ("T4/2025", 1),
        ("T5/2025", 2),
        ("T6/2025", 2),
    ]
    assert sum(p.online_dossiers for p in cur.trend) == 3


def test_a_short_period_has_a_weekly_trend_and_edges_inclusive(
    ward_db: Engine, scenario: Scenario
) -> None:
    march = Period.month(2025, 3)
    with ward_db.connect() as conn:
        report = compute_figures(conn, march, REFERENCE, now=NOW)
    assert report.current.granularity is Granularity.WEEK
    # 1 March 2025 is a Saturday: the first week is clipped to the month.
    assert report.current.trend[0].start == date(2025, 3, 1)
    assert report.current.trend[0].end == date(2025, 3, 2)
    assert report.current.trend[-1].end == date(2025, 3, 31)
    assert sum(p.records for p in report.current.trend) == report.current.total.records == 1
    _check_every_row(scenario, report.current)
    one_day = Period.between(date(2025, 6, 30), date(2025, 6, 30))
    with ward_db.connect() as conn:
        assert compute_figures(conn, one_day, REFERENCE, now=NOW).current.total.records == 1


def test_records_behind_every_figure(ward_db: Engine, scenario: Scenario) -> None:
    with ward_db.connect() as conn:
        figures = compute_figures(conn, H1, REFERENCE, now=NOW).current
        for breakdown in Breakdown:
            for row in figures.rows(breakdown):
                behind = records_behind(conn, H1, breakdown, row.code, REFERENCE)
                expected = sorted(
                    (r["day"], r["id"])
                    for r in counted(scenario, H1)
                    if key(breakdown, r) == row.code
                )
                assert behind == [rid for _, rid in expected], (breakdown, row.code)
                assert len(behind) == row.records
        page = records_behind(conn, H1, Breakdown.TOTAL, "", REFERENCE, limit=2, offset=1)
    assert page == [scenario.ids["m"], scenario.ids["n"]]


def test_links_and_exclusions_change_the_figures(ward_db: Engine, scenario: Scenario) -> None:
    unlink(ward_db, [scenario.ids[x] for x in "bmk"])
    for name in "bmk":
        scenario.person.pop(scenario.ids[name])
    with ward_db.begin() as conn:
        assert set_excluded(conn, [scenario.ids["g"]], False, now=NOW) == 1
        assert set_excluded(conn, [scenario.ids["g"]], False, now=NOW) == 0  # no change
    scenario.state["g"]["excluded"] = False
    with ward_db.connect() as conn:
        figures = compute_figures(conn, H1, REFERENCE, now=NOW).current
    assert (figures.total.records, figures.total.residents) == (10, 7)
    _check_every_row(scenario, figures)


def test_refresh_copies_the_head_and_the_person(ward_db: Engine, scenario: Scenario) -> None:
    with ward_db.connect() as conn:
        facts = {row.record_id: row for row in conn.execute(select(RecordFact))}
    n = facts[scenario.ids["n"]]
    assert (n.revision, n.status, n.assisted_on, n.category) == (
        2,
        "final",
        date(2025, 2, 21),
        "EHEALTH",
    )
    assert facts[scenario.ids["a"]].neighbourhood_code == "HP01"  # as recorded
    assert facts[scenario.ids["a"]].neighbourhood_name == "Khu 1"
    assert facts[scenario.ids["f"]].deleted is True
    assert facts[scenario.ids["g"]].excluded is True
    assert facts[scenario.ids["j"]].person_id == scenario.ids["j"]  # others linked to it
    assert facts[scenario.ids["n"]].person_id == facts[scenario.ids["c"]].person_id is not None
    assert facts[scenario.ids["m"]].person_id is not None
    assert facts[scenario.ids["e"]].person_id is None  # its own person
    assert facts[scenario.ids["h"]].person_id == scenario.ids["a"]
    assert len(facts) == len(scenario.ids)


def test_refresh_answers_how_many_rows_it_wrote(ward_db: Engine, scenario: Scenario) -> None:
    from sync.server.reports.facts import refresh_all_facts, refresh_facts

    with ward_db.begin() as conn:
        # p is linked to j's id: refreshing p refreshes j too.
        assert refresh_facts(conn, [scenario.ids["p"], scenario.ids["n"], "no-such-id"]) == 3
        assert refresh_facts(conn, []) == 0
        assert refresh_all_facts(conn) == len(scenario.ids)


def test_a_team_leads_report_counts_only_their_neighbourhood(
    ward_db: Engine, scenario: Scenario
) -> None:
    with ward_db.connect() as conn:
        report = compute_figures(conn, H1, REFERENCE, now=NOW, neighbourhood="HT03")
        behind = records_behind(conn, H1, Breakdown.TOTAL, "", REFERENCE, neighbourhood="HT03")
    assert (report.neighbourhood, report.neighbourhood_name) == ("HT03", "Khu 3")
    cur = report.current
    # j, k, p (Hà Phong's HP03 is today's HT03); k's person also counts in HT02 elsewhere.
    assert (cur.total.records, cur.total.residents, cur.total.online_dossiers) == (3, 2, 1)
    assert [r.code for r in cur.rows(Breakdown.NEIGHBOURHOOD)] == ["HT03"]
    assert sorted(behind) == sorted(scenario.ids[x] for x in "jkp")
    only = Scenario(
        scenario.ids,
        {k: v for k, v in scenario.state.items() if v["neighbourhood"] == "HT03"},
        scenario.person,
    )
    _check_every_row(only, cur)
    assert ReportFigures.from_json(report.to_json()).neighbourhood_name == "Khu 3"
