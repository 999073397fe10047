"""The SQL behind the figures: every breakdown of a period in two grouped statements.

1. **Counts**: records and online dossiers per neighbourhood, category, procedure+level,
   volunteer, result, place, day and in total — one ``GROUP BY GROUPING SETS`` on PostgreSQL
   (one index-only scan feeding eight hash tables), the same sets as a ``UNION ALL`` of
   ``GROUP BY`` on SQLite, which has no grouping sets.
2. **Shared people**: per row, how many counted records belong to a person with two or more
   counted records in the period (``person_id`` set and repeated) and how many distinct such
   people there are.

A row's residents are then ``records - shared_records + shared_people``: every other record is
a person of its own within the period (see :attr:`.models.RecordFact.person_id`), so only the
repeated few need a DISTINCT. That keeps a six-month report over a million records at a
few hundred milliseconds instead of the seconds a DISTINCT over every record costs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    Subquery,
    and_,
    case,
    func,
    literal,
    null,
    select,
    text,
    tuple_,
    union_all,
)
from sqlalchemy.sql.elements import TextClause

from sync.contract.reference import ReferenceData
from sync.server.reports import breakdowns as bd
from sync.server.reports.models import COUNTED_SQL, RecordFact
from sync.server.reports.periods import Period

ONLINE_CATEGORY = "DVC_SUBMIT"
ONLINE_RESULTS = ("completed", "pending")

#: Every column a grouping set may use, in one fixed order (the GROUPING() bit order).
COLUMNS = (
    "nb",
    "category",
    "procedure_code",
    "online_level",
    "volunteer",
    "result",
    "place",
    "day",
)

#: grouping set name -> its columns; "day" is the trend, "total" the whole period.
SETS: dict[str, tuple[str, ...]] = {
    "total": (),
    bd.Breakdown.NEIGHBOURHOOD.value: ("nb",),
    bd.Breakdown.CATEGORY.value: ("category",),
    bd.Breakdown.PROCEDURE.value: ("procedure_code", "online_level"),
    bd.Breakdown.VOLUNTEER.value: ("volunteer",),
    bd.Breakdown.RESULT.value: ("result",),
    bd.Breakdown.PLACE.value: ("place",),
    "day": ("day",),
}
#: The shared-people statement needs no per-day figures.
PEOPLE_SETS = {name: cols for name, cols in SETS.items() if name != "day"}
#: The counts statement groups the four small breakdowns together (at most a few thousand
#: combinations) and adds them up per breakdown afterwards: one hash table instead of four.
_SMALL = ("nb", "category", "result", "place")
COUNT_SETS: dict[str, tuple[str, ...]] = {
    "total": (),
    "small": _SMALL,
    bd.Breakdown.PROCEDURE.value: ("procedure_code", "online_level"),
    bd.Breakdown.VOLUNTEER.value: ("volunteer",),
    "day": ("day",),
}
_SMALL_SETS = {
    "nb": bd.Breakdown.NEIGHBOURHOOD.value,
    "category": bd.Breakdown.CATEGORY.value,
    "result": bd.Breakdown.RESULT.value,
    "place": bd.Breakdown.PLACE.value,
}


@dataclass(frozen=True, slots=True)
class Group:
    """One row of one grouping set: its set, its key values, and its numbers."""

    set_name: str
    key: dict[str, Any]
    values: tuple[int, int]


def counted(
    period: Period, reference: ReferenceData, neighbourhood: str | None = None
) -> list[ColumnElement[bool] | TextClause]:
    """The filter of every figure: counted records helped within the period (inclusive),
    of one of today's neighbourhoods when ``neighbourhood`` is given (a team lead's report)."""
    conditions: list[ColumnElement[bool] | TextClause] = [
        text(COUNTED_SQL),
        RecordFact.assisted_on >= period.start,
        RecordFact.assisted_on <= period.end,
    ]
    if neighbourhood is not None:
        conditions.append(bd.neighbourhood_key(reference) == neighbourhood)
    return conditions


def online_dossier() -> ColumnElement[int]:
    return case(
        (and_(RecordFact.category == ONLINE_CATEGORY, RecordFact.result.in_(ONLINE_RESULTS)), 1),
        else_=0,
    )


def prepare(conn: Connection) -> None:
    """Per-transaction settings for report queries on PostgreSQL.

    JIT compilation costs ~100 ms per statement and gains nothing on a few hundred
    thousand rows; the default 4 MB of sort memory would spill the shared-people sorts to disk.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(text("SET LOCAL jit = off"))
        conn.execute(text("SET LOCAL work_mem = '64MB'"))


def counts(
    conn: Connection, period: Period, reference: ReferenceData, neighbourhood: str | None = None
) -> list[Group]:
    """(records, online dossiers) for every grouping set of the period.

    Records and online dossiers add up, so the statement groups neighbourhood (as recorded),
    category, result and place together and the few thousand combinations are summed per
    breakdown here, retired unit codes into today's units: one hash table instead of four,
    and the code mapping costs nothing per record. Residents do not add up:
    :func:`shared_people` groups each breakdown apart and maps the codes in SQL.
    """
    base = _base(
        period,
        reference,
        neighbourhood,
        shared_only=False,
        recorded_units=True,
        byte_order=conn.dialect.name == "postgresql",
    )
    measures = [func.count().label("m1"), func.sum(base.c.online).label("m2")]
    # PostgreSQL hashes: fewer, wider sets are cheaper. SQLite sorts every set: narrow ones are.
    sets = COUNT_SETS if conn.dialect.name == "postgresql" else SETS
    out: list[Group] = []
    sums: dict[tuple[str, Any], list[int]] = {}
    for group in _grouped(conn, base, sets, measures):
        if group.set_name == "small":
            parts = [(column, name, group.key[column]) for column, name in _SMALL_SETS.items()]
        elif group.set_name == bd.Breakdown.NEIGHBOURHOOD.value:
            parts = [("nb", group.set_name, group.key["nb"])]
        else:
            out.append(group)
            continue
        for column, set_name, value in parts:
            key = bd.today_code(reference, str(value)) if column == "nb" else value
            total = sums.setdefault((set_name, key), [0, 0])
            total[0] += group.values[0]
            total[1] += group.values[1]
    columns = {name: column for column, name in _SMALL_SETS.items()}
    for (set_name, value), (records, online) in sums.items():
        out.append(Group(set_name, {columns[set_name]: value}, (records, online)))
    return out


def shared_people(
    conn: Connection, period: Period, reference: ReferenceData, neighbourhood: str | None = None
) -> list[Group]:
    """(shared records, distinct shared people) for every grouping set but the days."""
    base = _base(
        period,
        reference,
        neighbourhood,
        shared_only=True,
        recorded_units=False,
        byte_order=conn.dialect.name == "postgresql",
    )
    measures = [func.count().label("m1"), func.count(base.c.person.distinct()).label("m2")]
    return _grouped(conn, base, PEOPLE_SETS, measures)


def fallback_names(
    conn: Connection, period: Period, reference: ReferenceData, codes: Sequence[str]
) -> dict[str, str]:
    """Recorded names of neighbourhood codes the reference data does not know (rare)."""
    if not codes:
        return {}
    key = bd.neighbourhood_key(reference)
    rows = conn.execute(
        select(key, func.min(RecordFact.neighbourhood_name))
        .where(*counted(period, reference), key.in_(list(codes)))
        .group_by(key)
    )
    return {str(code): str(name) for code, name in rows}


def _base(
    period: Period,
    reference: ReferenceData,
    neighbourhood: str | None,
    *,
    shared_only: bool,
    recorded_units: bool,
    byte_order: bool,
) -> Subquery:
    """The period's counted rows with the columns the sets group by: today's unit codes, or
    the codes as recorded with ``recorded_units``.

    ``byte_order`` (PostgreSQL): the text columns compare byte by byte (COLLATE "C"). Groups
    only need equal values to meet, and the locale's collation makes every sort several times
    slower; the report orders its rows itself.
    """

    def text_column(column: ColumnElement[Any], name: str) -> Any:
        return (column.collate("C") if byte_order else column).label(name)

    unit = (
        RecordFact.neighbourhood_code.expression
        if recorded_units
        else (bd.neighbourhood_key(reference))
    )
    query = select(
        text_column(unit, "nb"),  # the order of COLUMNS
        text_column(RecordFact.category.expression, "category"),
        text_column(RecordFact.procedure_code.expression, "procedure_code"),
        text_column(RecordFact.online_level.expression, "online_level"),
        text_column(RecordFact.volunteer_name.expression, "volunteer"),
        text_column(RecordFact.result.expression, "result"),
        text_column(RecordFact.place.expression, "place"),
        RecordFact.assisted_on.label("day"),
        text_column(RecordFact.person_id.expression, "person"),
        online_dossier().label("online"),
    ).where(*counted(period, reference, neighbourhood))
    if shared_only:
        # Only people with two or more counted records in the period: someone helped once in
        # it counts like any unlinked record, and most linked people are (their other helps
        # fall in other periods), so the DISTINCT sorts a fraction of the rows.
        repeated = (
            select(RecordFact.person_id)
            .where(*counted(period, reference, neighbourhood), RecordFact.person_id.is_not(None))
            .group_by(RecordFact.person_id)
            .having(func.count() > 1)
        )
        query = query.where(RecordFact.person_id.is_not(None), RecordFact.person_id.in_(repeated))
    return query.subquery("counted_rows")


def _grouped(
    conn: Connection,
    base: Subquery,
    sets: dict[str, tuple[str, ...]],
    measures: Sequence[ColumnElement[Any]],
) -> list[Group]:
    used = [c for c in COLUMNS if any(c in cols for cols in sets.values())]
    if conn.dialect.name == "postgresql":
        statement = _grouping_sets(base, sets, used, measures)
        masks = {_mask(cols, used): name for name, cols in sets.items()}
        rows = conn.execute(statement).all()
        return [
            Group(
                masks[row.g],
                {c: getattr(row, c) for c in sets[masks[row.g]]},
                (int(row.m1 or 0), int(row.m2 or 0)),
            )
            for row in rows
        ]
    names = list(sets)
    rows = conn.execute(_union_of_groups(base, sets, used, measures)).all()
    return [
        Group(
            names[row.g],
            {c: getattr(row, c) for c in sets[names[row.g]]},
            (int(row.m1 or 0), int(row.m2 or 0)),
        )
        for row in rows
    ]


def _mask(columns: tuple[str, ...], used: list[str]) -> int:
    """What PostgreSQL's GROUPING(used...) returns for a set: a 1 bit per column left out."""
    width = len(used)
    return sum(1 << (width - 1 - i) for i, c in enumerate(used) if c not in columns)


def _grouping_sets(
    base: Subquery,
    sets: dict[str, tuple[str, ...]],
    used: list[str],
    measures: Sequence[ColumnElement[Any]],
) -> Select[Any]:
    cols = [base.c[c] for c in used]
    groups = [tuple_(*(base.c[c] for c in s)) if s else text("()") for s in sets.values()]
    return select(*cols, func.grouping(*cols).label("g"), *measures).group_by(
        func.grouping_sets(*groups)
    )


def _union_of_groups(
    base: Subquery,
    sets: dict[str, tuple[str, ...]],
    used: list[str],
    measures: Sequence[ColumnElement[Any]],
) -> Any:
    parts = []
    for index, columns in enumerate(sets.values()):
        keys = [base.c[c].label(c) if c in columns else null().label(c) for c in used]
        part = select(literal(index).label("g"), *keys, *measures)
        if columns:
            part = part.group_by(*(base.c[c] for c in columns))
        parts.append(part)
    return union_all(*parts)
