"""The figures of a period, computed in SQL over ``record_facts``.

What counts (one filter for every figure and for the drill-down): records that are final, not
deleted and not excluded as a double entry (:data:`.models.COUNTED_SQL`), helped on a day of
the period, both edges included. Per row of a breakdown:

- ``records``: how many helps (records);
- ``residents``: how many distinct people, a person being
  ``COALESCE(record_residents.resident_id, record_facts.record_id)`` — a record the ward has not
  linked to others is its own person. A person counts once per row, so a resident helped in
  two neighbourhoods counts in both rows and once in the total;
- ``online_dossiers``: records of category ``DVC_SUBMIT`` whose result is ``completed`` or
  ``pending`` (submitted, waiting for the authority).

All of it is two grouped statements per period (:mod:`.aggregate`); no Python loop ever sees a
record, only the few hundred grouped rows.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, select

from sync.contract.reference import ReferenceData
from sync.server.reports import aggregate
from sync.server.reports import breakdowns as bd
from sync.server.reports.breakdowns import Breakdown
from sync.server.reports.models import RecordFact
from sync.server.reports.periods import Granularity, Period, bucket_label

#: Bumped when the JSON form of figures changes; a lock's snapshot records it.
FIGURES_FORMAT = 1


@dataclass(frozen=True, slots=True)
class FigureRow:
    code: str
    name_vi: str
    name_en: str
    records: int
    residents: int
    online_dossiers: int

    def name(self, lang: str = "vi") -> str:
        return self.name_vi if lang == "vi" else self.name_en


@dataclass(frozen=True, slots=True)
class TrendPoint:
    start: date
    end: date
    label_vi: str
    label_en: str
    records: int
    online_dossiers: int


@dataclass(frozen=True)
class PeriodFigures:
    """Every figure of one period."""

    period: Period
    total: FigureRow
    #: Breakdown -> its rows in report order (see :mod:`.breakdowns`).
    breakdowns: Mapping[Breakdown, tuple[FigureRow, ...]]
    granularity: Granularity
    trend: tuple[TrendPoint, ...] = ()

    def rows(self, breakdown: Breakdown) -> tuple[FigureRow, ...]:
        if breakdown is Breakdown.TOTAL:
            return (self.total,)
        return self.breakdowns[breakdown]

    def row(self, breakdown: Breakdown, code: str) -> FigureRow | None:
        return next((r for r in self.rows(breakdown) if r.code == code), None)


@dataclass(frozen=True)
class ReportFigures:
    """A period's figures with the previous period's, for the comparison."""

    current: PeriodFigures
    previous: PeriodFigures
    reference_version: str
    computed_at: datetime
    #: Set when the figures come from a locked period's snapshot.
    locked: LockInfo | None = field(default=None)
    #: Today's neighbourhood the figures are limited to (a team lead's report), else None.
    neighbourhood: str | None = None
    neighbourhood_name: str | None = None

    def to_json(self) -> str:
        """Canonical JSON (sorted keys, no whitespace): what a lock stores."""
        data = {
            "format": FIGURES_FORMAT,
            "current": _period_to_json(self.current),
            "previous": _period_to_json(self.previous),
            "reference_version": self.reference_version,
            "computed_at": self.computed_at.isoformat(),
            "neighbourhood": [self.neighbourhood, self.neighbourhood_name],
        }
        return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    @classmethod
    def from_json(cls, raw: str, locked: LockInfo | None = None) -> ReportFigures:
        data = json.loads(raw)
        if data.get("format") != FIGURES_FORMAT:
            raise ValueError(f"figures format {data.get('format')!r} is not {FIGURES_FORMAT}")
        return cls(
            current=_period_from_json(data["current"]),
            previous=_period_from_json(data["previous"]),
            reference_version=str(data["reference_version"]),
            computed_at=datetime.fromisoformat(data["computed_at"]),
            locked=locked,
            neighbourhood=data["neighbourhood"][0],
            neighbourhood_name=data["neighbourhood"][1],
        )


@dataclass(frozen=True, slots=True)
class LockInfo:
    """Who locked the period and when, and how many of its records changed since."""

    lock_id: int
    locked_at: datetime
    locked_by: str
    changed_records: int


def compute_figures(
    conn: Connection,
    period: Period,
    reference: ReferenceData,
    *,
    now: datetime,
    granularity: Granularity | None = None,
    neighbourhood: str | None = None,
) -> ReportFigures:
    """The period's figures and its previous period's, straight from ``record_facts``.

    ``neighbourhood`` (one of today's unit codes) limits every figure to that neighbourhood,
    as a team lead's report is.
    """
    aggregate.prepare(conn)
    step = granularity or period.granularity()
    current = period_figures(conn, period, reference, trend=step, neighbourhood=neighbourhood)
    previous = period_figures(
        conn, period.previous(), reference, trend=None, neighbourhood=neighbourhood
    )
    name = None
    if neighbourhood is not None:
        name = bd.row_name(Breakdown.NEIGHBOURHOOD, neighbourhood, reference).vi
    return ReportFigures(current, previous, reference.version, now, None, neighbourhood, name)


def period_figures(
    conn: Connection,
    period: Period,
    reference: ReferenceData,
    *,
    trend: Granularity | None,
    neighbourhood: str | None = None,
) -> PeriodFigures:
    """Every figure of one period (two grouped statements, see :mod:`.aggregate`)."""
    counts: dict[tuple[str, str], tuple[int, int]] = {}
    per_day: dict[date, tuple[int, int]] = {}
    for group in aggregate.counts(conn, period, reference, neighbourhood):
        if group.set_name == "day":
            day = group.key["day"]
            per_day[day if isinstance(day, date) else date.fromisoformat(str(day))] = group.values
            continue
        counts[(group.set_name, _code(group))] = group.values
    shared = {
        (group.set_name, _code(group)): group.values
        for group in aggregate.shared_people(conn, period, reference, neighbourhood)
    }

    def row(breakdown: Breakdown, code: str, recorded: str | None = None) -> FigureRow:
        records, online = counts.get((breakdown.value, code), (0, 0))
        shared_records, people = shared.get((breakdown.value, code), (0, 0))
        name = bd.row_name(breakdown, code, reference, recorded)
        return FigureRow(code, name.vi, name.en, records, records - shared_records + people, online)

    tables: dict[Breakdown, tuple[FigureRow, ...]] = {}
    for breakdown in bd.TABLE_BREAKDOWNS:
        found = [code for (name, code) in counts if name == breakdown.value]
        if breakdown is Breakdown.PROCEDURE:
            codes = bd.procedure_order(reference, [c for c in found if c != ""])
        elif breakdown is Breakdown.NEIGHBOURHOOD and neighbourhood is not None:
            codes = [neighbourhood]
        else:
            codes = bd.order_codes(breakdown, bd.listed_codes(breakdown, reference, period), found)
        recorded: dict[str, str] = {}
        if breakdown is Breakdown.NEIGHBOURHOOD:
            unknown = [c for c in codes if c and reference.neighbourhood(c) is None]
            recorded = aggregate.fallback_names(conn, period, reference, unknown)
        tables[breakdown] = tuple(row(breakdown, code, recorded.get(code)) for code in codes)
    step = trend or period.granularity()
    points = _trend(period, step, per_day) if trend is not None else ()
    return PeriodFigures(period, row(Breakdown.TOTAL, ""), tables, step, points)


def records_behind(
    conn: Connection,
    period: Period,
    breakdown: Breakdown,
    code: str,
    reference: ReferenceData,
    *,
    limit: int | None = None,
    offset: int = 0,
    neighbourhood: str | None = None,
) -> list[str]:
    """The ids of the records behind one figure (the same filter), oldest help first.

    ``code`` is the row's code as in the figures and the CSV; for the total any code is
    ignored. ``limit``/``offset`` page through large figures; ``neighbourhood`` as for
    :func:`compute_figures`.
    """
    query = (
        select(RecordFact.record_id)
        .where(
            *aggregate.counted(period, reference, neighbourhood),
            *bd.scope(breakdown),
            *bd.code_filter(breakdown, code, reference),
        )
        .order_by(RecordFact.assisted_on, RecordFact.record_id)
        .offset(offset)
    )
    if limit is not None:
        query = query.limit(limit)
    return [str(rid) for rid in conn.execute(query).scalars()]


def _code(group: aggregate.Group) -> str:
    if group.set_name == "total":
        return ""
    breakdown = Breakdown(group.set_name)
    return bd.row_code(breakdown, [group.key[c] for c in aggregate.SETS[group.set_name]])


def _trend(
    period: Period, step: Granularity, per_day: Mapping[date, tuple[int, int]]
) -> tuple[TrendPoint, ...]:
    # Days come from SQL (at most 366 rows) and are summed into weeks or months here: day
    # counts add up, and the buckets then need no dialect-specific date functions.
    points = []
    for bucket in period.buckets(step):
        inside = [v for day, v in per_day.items() if bucket.start <= day <= bucket.end]
        points.append(
            TrendPoint(
                bucket.start,
                bucket.end,
                bucket_label(bucket, step, "vi"),
                bucket_label(bucket, step, "en"),
                sum(n for n, _ in inside),
                sum(o for _, o in inside),
            )
        )
    return tuple(points)


def _row_to_json(row: FigureRow) -> list[Any]:
    return [row.code, row.name_vi, row.name_en, row.records, row.residents, row.online_dossiers]


def _row_from_json(raw: Sequence[Any]) -> FigureRow:
    code, vi, en, records, residents, online = raw
    return FigureRow(str(code), str(vi), str(en), int(records), int(residents), int(online))


def _period_to_json(figures: PeriodFigures) -> dict[str, Any]:
    return {
        "period": figures.period.to_json(),
        "total": _row_to_json(figures.total),
        "breakdowns": [
            [b.value, [_row_to_json(r) for r in rows]] for b, rows in figures.breakdowns.items()
        ],
        "granularity": figures.granularity.value,
        "trend": [
            [
                p.start.isoformat(),
                p.end.isoformat(),
                p.label_vi,
                p.label_en,
                p.records,
                p.online_dossiers,
            ]
            for p in figures.trend
        ],
    }


def _period_from_json(data: Mapping[str, Any]) -> PeriodFigures:
    return PeriodFigures(
        period=Period.from_json(data["period"]),
        total=_row_from_json(data["total"]),
        breakdowns={
            Breakdown(name): tuple(_row_from_json(r) for r in rows)
            for name, rows in data["breakdowns"]
        },
        granularity=Granularity(data["granularity"]),
        trend=tuple(
            TrendPoint(
                date.fromisoformat(s), date.fromisoformat(e), str(vi), str(en), int(n), int(o)
            )
            for s, e, vi, en, n, o in data["trend"]
        ),
    )
