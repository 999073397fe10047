"""The entry form's live validation messages: the problems only the form can see, and how
problems are shown beside their fields.

The contract's ``validate`` judges a record; but a date the volunteer typed that cannot be
read never becomes a value, so the contract cannot name it. Those problems are made here,
and every problem is routed to the row of its field (a birth-year problem to the one birth
field, a neighbourhood-name problem to the neighbourhood) in the UI language.
"""

from __future__ import annotations

from collections.abc import Mapping

from desktop.gui.date_field import ParsedDate
from desktop.gui.form_rows import FieldRow
from desktop.gui.i18n import pick
from sync.contract.validation import Problem

# Problems about these fields are shown on another field's row (see RecordForm's rows).
ALIAS_ROWS = ("birth_year", "neighbourhood_name")


def unreadable_dates(birth: ParsedDate, follow_up: ParsedDate) -> list[Problem]:
    """Problems the contract cannot see because the text never became a value."""
    out: list[Problem] = []
    if birth.unreadable:
        out.append(Problem(
            "birth_date", "date.unreadable",
            "Không đọc được ngày sinh. Hãy nhập ngày/tháng/năm (ví dụ 05/03/1985) hoặc "
            "chỉ năm sinh (1985).",
            "The date of birth cannot be read. Enter day/month/year (e.g. 05/03/1985) or "
            "only the year (1985).", ("birth_date",)))
    if follow_up.unreadable:
        out.append(Problem(
            "follow_up_date", "date.unreadable",
            "Không đọc được ngày hẹn. Hãy nhập ngày/tháng/năm, ví dụ 20/07/2026.",
            "The follow-up date cannot be read. Enter day/month/year, e.g. 20/07/2026.",
            ("follow_up_date",)))
    return out


def show_field_messages(rows: Mapping[str, FieldRow], problems: list[Problem]) -> None:
    """Show each problem beside its field; a row whose problems are all warnings shows
    them as warnings; rows with no problem show nothing."""
    per_row: dict[str, list[Problem]] = {}
    for problem in problems:
        row = rows.get(problem.field)
        if row is not None:
            per_row.setdefault(row.name, []).append(problem)
    for name, row in rows.items():
        if name in ALIAS_ROWS:
            continue
        found = per_row.get(name, [])
        text = "\n".join(pick(p.message_vi, p.message_en) for p in found)
        row.show_message(text, warning=bool(found) and all(
            p.severity == "warning" for p in found))
