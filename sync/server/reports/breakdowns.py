"""What a report is broken down by, and how each row is keyed, filtered, named and ordered.

A row's **code** is what the CSV's ``code`` column holds and what the drill-down takes back:

- ``neighbourhood``: today's unit code (a record made under a retired code, e.g. HP03 of the
  former Hà Phong ward, counts under its successor HT03 by ``replaced_by``), so a period that
  spans the merge and the comparison with an earlier one line up;
- ``category``, ``result``, ``place``: the contract's code (``DVC_SUBMIT``, ``completed`` …);
- ``procedure``: the procedure code and its online level, ``1.001193/full`` or
  ``1.001193/partial`` (``1.001193`` alone when the level was not recorded);
- ``volunteer``: the volunteer's name as recorded (volunteers are people, not laptops: one
  who changed laptops stays one row);
- an empty code: the value was not recorded.

Names come from the reference data in force (the neighbourhood's name as recorded when the
code is unknown to it), enum labels from the contract.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, and_, case, literal

from sync.contract.labels import label
from sync.contract.record import OnlineLevel, Place, Result
from sync.contract.reference import ReferenceData
from sync.server.reports.models import RecordFact
from sync.server.reports.periods import Period


class Breakdown(StrEnum):
    TOTAL = "total"
    NEIGHBOURHOOD = "neighbourhood"
    CATEGORY = "category"
    PROCEDURE = "procedure"
    VOLUNTEER = "volunteer"
    RESULT = "result"
    PLACE = "place"


#: The breakdowns of the CSV, in its row order (the issue's column contract: no ``place``).
CSV_BREAKDOWNS: tuple[Breakdown, ...] = (
    Breakdown.TOTAL,
    Breakdown.NEIGHBOURHOOD,
    Breakdown.CATEGORY,
    Breakdown.PROCEDURE,
    Breakdown.VOLUNTEER,
    Breakdown.RESULT,
)

#: The tables of the XLSX and PDF reports, in order.
TABLE_BREAKDOWNS: tuple[Breakdown, ...] = (
    Breakdown.NEIGHBOURHOOD,
    Breakdown.CATEGORY,
    Breakdown.PROCEDURE,
    Breakdown.VOLUNTEER,
    Breakdown.RESULT,
    Breakdown.PLACE,
)

#: breakdown -> (Vietnamese, English) heading of its table and of the first column
TITLES: dict[Breakdown, tuple[str, str]] = {
    Breakdown.TOTAL: ("Tổng hợp", "Summary"),
    Breakdown.NEIGHBOURHOOD: ("Theo khu phố", "By neighbourhood"),
    Breakdown.CATEGORY: ("Theo nội dung hỗ trợ", "By kind of help"),
    Breakdown.PROCEDURE: ("Theo thủ tục hành chính", "By procedure"),
    Breakdown.VOLUNTEER: ("Theo tình nguyện viên", "By volunteer"),
    Breakdown.RESULT: ("Theo kết quả", "By result"),
    Breakdown.PLACE: ("Theo nơi hỗ trợ", "By place"),
}
COLUMN_TITLES: dict[Breakdown, tuple[str, str]] = {
    Breakdown.TOTAL: ("Nội dung", "Item"),
    Breakdown.NEIGHBOURHOOD: ("Khu phố", "Neighbourhood"),
    Breakdown.CATEGORY: ("Nội dung hỗ trợ", "Kind of help"),
    Breakdown.PROCEDURE: ("Thủ tục (mức độ trực tuyến)", "Procedure (online level)"),
    Breakdown.VOLUNTEER: ("Tình nguyện viên", "Volunteer"),
    Breakdown.RESULT: ("Kết quả", "Result"),
    Breakdown.PLACE: ("Nơi hỗ trợ", "Place"),
}

TOTAL_NAME = ("Tổng cộng", "Total")
NOT_RECORDED = ("(Không ghi)", "(Not recorded)")


class UnknownBreakdown(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class RowName:
    vi: str
    en: str


def parse_breakdown(value: str) -> Breakdown:
    try:
        return Breakdown(value)
    except ValueError:
        known = ", ".join(b.value for b in Breakdown)
        raise UnknownBreakdown(f"unknown breakdown {value!r}: one of {known}") from None


def successor_codes(reference: ReferenceData) -> dict[str, str]:
    """Retired unit code -> today's unit code, for every code that moved (``replaced_by``)."""
    mapping: dict[str, str] = {}
    for code in reference.neighbourhoods:
        successor = reference.successor(code)
        if successor is not None and successor.code != code:
            mapping[code] = successor.code
    return mapping


def today_code(reference: ReferenceData, code: str) -> str:
    """The unit a record made under ``code`` counts under today (what neighbourhood_key says)."""
    return successor_codes(reference).get(code, code)


def neighbourhood_key(reference: ReferenceData) -> ColumnElement[Any]:
    """Today's unit code of a record's neighbourhood, as one SQL expression."""
    mapping = successor_codes(reference)
    if not mapping:
        return RecordFact.neighbourhood_code.expression
    return case(mapping, value=RecordFact.neighbourhood_code, else_=RecordFact.neighbourhood_code)


def key_columns(breakdown: Breakdown, reference: ReferenceData) -> list[ColumnElement[Any]]:
    """The SQL expressions a breakdown groups by (none for the total)."""
    if breakdown is Breakdown.TOTAL:
        return []
    if breakdown is Breakdown.NEIGHBOURHOOD:
        return [neighbourhood_key(reference)]
    if breakdown is Breakdown.PROCEDURE:
        return [RecordFact.procedure_code.expression, RecordFact.online_level.expression]
    return [_plain_column(breakdown)]


def scope(breakdown: Breakdown) -> list[ColumnElement[bool]]:
    """Rows a breakdown leaves out altogether: procedures count only records with one."""
    if breakdown is Breakdown.PROCEDURE:
        return [RecordFact.procedure_code.is_not(None)]
    return []


def row_code(breakdown: Breakdown, values: Sequence[object]) -> str:
    """The code of the row holding the grouped ``values`` (see the module docstring)."""
    if breakdown is Breakdown.TOTAL:
        return ""
    if breakdown is Breakdown.PROCEDURE:
        procedure, level = values
        if procedure is None:
            return ""
        return f"{procedure}/{level}" if level else str(procedure)
    (value,) = values
    return "" if value is None else str(value)


def code_filter(
    breakdown: Breakdown, code: str, reference: ReferenceData
) -> list[ColumnElement[bool]]:
    """The condition that selects the records behind the row ``code`` (the same grouping)."""
    if breakdown is Breakdown.TOTAL:
        return []
    if breakdown is Breakdown.PROCEDURE:
        procedure, level = split_procedure_code(code)
        return [
            RecordFact.procedure_code == procedure,
            RecordFact.online_level.is_(None)
            if level is None
            else RecordFact.online_level == level,
        ]
    column = (
        neighbourhood_key(reference)
        if breakdown is Breakdown.NEIGHBOURHOOD
        else (_plain_column(breakdown))
    )
    if code == "":
        return [column.is_(None)]
    return [and_(column == literal(code))]


def split_procedure_code(code: str) -> tuple[str, str | None]:
    """ "1.001193/full" -> ("1.001193", "full"); "1.001193" -> ("1.001193", None)."""
    head, sep, tail = code.rpartition("/")
    if sep and tail in {level.value for level in OnlineLevel}:
        return head, tail
    return code, None


def row_name(
    breakdown: Breakdown, code: str, reference: ReferenceData, recorded_name: str | None = None
) -> RowName:
    """The row's label in both languages."""
    if breakdown is Breakdown.TOTAL:
        return RowName(*TOTAL_NAME)
    if code == "":
        return RowName(*NOT_RECORDED)
    if breakdown is Breakdown.NEIGHBOURHOOD:
        unit = reference.neighbourhood(code)
        name = unit.name if unit is not None else (recorded_name or code)
        return RowName(name, name)
    if breakdown is Breakdown.CATEGORY:
        category = reference.categories.get(code)
        if category is None:
            return RowName(code, code)
        return RowName(category.name_vi, category.name_en)
    if breakdown is Breakdown.PROCEDURE:
        procedure_code, level = split_procedure_code(code)
        procedure = reference.procedures.get(procedure_code)
        vi, en = (procedure.name_vi, procedure.name_en) if procedure else (code, code)
        if level is None:
            return RowName(f"{vi} (không ghi mức độ)", f"{en} (level not recorded)")
        member = OnlineLevel(level)
        return RowName(f"{vi} ({label(member, 'vi').lower()})", f"{en} ({label(member, 'en')})")
    if breakdown is Breakdown.VOLUNTEER:
        return RowName(code, code)
    enum_cls = Result if breakdown is Breakdown.RESULT else Place
    try:
        result_member = enum_cls(code)
    except ValueError:
        return RowName(code, code)
    return RowName(label(result_member, "vi"), label(result_member, "en"))


def listed_codes(breakdown: Breakdown, reference: ReferenceData, period: Period) -> list[str]:
    """The rows shown even when they count nothing, in the order a report lists them."""
    if breakdown is Breakdown.NEIGHBOURHOOD:
        return [
            n.code
            for n in reference.neighbourhoods.values()
            if n.ward == reference.active_ward
            and n.valid_from <= period.end
            and (n.valid_to is None or n.valid_to >= period.start)
        ] or [
            # A period wholly before today's units: today's units still, as records map there.
            n.code
            for n in reference.neighbourhoods.values()
            if n.ward == reference.active_ward
        ]
    if breakdown is Breakdown.CATEGORY:
        return list(reference.categories)
    if breakdown is Breakdown.RESULT:
        return [member.value for member in Result]
    if breakdown is Breakdown.PLACE:
        return [member.value for member in Place]
    return []


def order_codes(breakdown: Breakdown, listed: Sequence[str], found: Sequence[str]) -> list[str]:
    """Listed rows first in their order, then the others by code; "not recorded" last.

    Procedures follow the catalogue's order too (found ones only), volunteers their name.
    """
    position = {code: i for i, code in enumerate(listed)}
    extra = sorted(
        (c for c in set(found) if c not in position and c != ""),
        key=lambda c: (c.casefold(), c),
    )
    codes = [*listed, *extra]
    if "" in found:
        codes.append("")
    return codes


def procedure_order(reference: ReferenceData, found: Sequence[str]) -> list[str]:
    """The found procedure rows in catalogue order, full before partial."""
    catalogue = {code: i for i, code in enumerate(reference.procedures)}
    levels = {level.value: i for i, level in enumerate(OnlineLevel)}

    def key(code: str) -> tuple[int, str, int]:
        procedure, level = split_procedure_code(code)
        return (
            catalogue.get(procedure, len(catalogue)),
            procedure,
            levels.get(level, len(levels)) if level else len(levels),
        )

    return sorted((c for c in set(found) if c != ""), key=key) + ([""] if "" in found else [])


def _plain_column(breakdown: Breakdown) -> ColumnElement[Any]:
    columns: dict[Breakdown, ColumnElement[Any]] = {
        Breakdown.CATEGORY: RecordFact.category.expression,
        Breakdown.VOLUNTEER: RecordFact.volunteer_name.expression,
        Breakdown.RESULT: RecordFact.result.expression,
        Breakdown.PLACE: RecordFact.place.expression,
    }
    return columns[breakdown]
