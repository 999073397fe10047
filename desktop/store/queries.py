"""Read-side queries of the records list: filter, sort, lazy ids, summary rows, counts.

Designed for a lazy GUI table over ~100,000 records: :func:`query_ids` returns only ids (as
a sequence that turns text into UUIDs on access), and the table fetches summary rows for the
visible page with :func:`fetch_rows`.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any, overload

from sqlalchemy import ColumnElement, String, and_, false, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from desktop.store.models import RecordRow
from sync.contract.normalize import search_key
from sync.contract.record import RecordStatus, Result

_NUMERIC_QUERY = re.compile(r"^[\d\s.+\-()]+$")


@dataclass(frozen=True)
class RecordFilter:
    """What the records list shows. Empty/None fields do not filter.

    ``text`` matches, token by token, the folded name, CCCD, old CMND, phone and dossier code:
    "nguyen an" finds "Nguyễn Văn An"; "0912 345" finds the phone +84912345xxx.
    """

    text: str = ""
    neighbourhood_code: str | None = None
    category: str | None = None
    result: Result | None = None
    status: RecordStatus | None = None
    sync_state: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    meeting_id: uuid.UUID | None = None
    include_deleted: bool = False


class SortKey(StrEnum):
    ASSISTED_ON = "assisted_on"
    FULL_NAME = "name_key"
    BIRTH_YEAR = "birth_year_key"
    NEIGHBOURHOOD = "neighbourhood_name"
    CATEGORY = "category"
    RESULT = "result"
    STATUS = "status"
    SYNC_STATE = "sync_state"
    FOLLOW_UP_DATE = "follow_up_date"
    UPDATED_AT = "updated_at"


_NULLABLE_KEYS = frozenset(
    {SortKey.BIRTH_YEAR, SortKey.CATEGORY, SortKey.RESULT, SortKey.FOLLOW_UP_DATE}
)


@dataclass(frozen=True)
class RecordSort:
    key: SortKey = SortKey.ASSISTED_ON
    descending: bool = True


@dataclass(frozen=True)
class RecordSummary:
    """What one line of the records list shows."""

    id: uuid.UUID
    assisted_on: date
    full_name: str
    birth_year: int | None
    gender: str | None
    phone: str | None
    cccd: str | None
    neighbourhood_code: str
    neighbourhood_name: str
    category: str | None
    procedure_code: str | None
    result: str | None
    follow_up_date: date | None
    status: str
    sync_state: str
    review_state: str | None
    server_message: str | None
    meeting_id: uuid.UUID | None
    revision: int
    deleted: bool
    updated_at: datetime


@dataclass(frozen=True)
class Counts:
    """Live records helped today, this week (from Monday) and this month."""

    today: int
    week: int
    month: int


@dataclass(frozen=True)
class FollowUp:
    record: RecordSummary
    due: date | None
    overdue: bool


class RecordIds(Sequence[uuid.UUID]):
    """Record ids in list order; converted from stored text only when accessed.

    Building 100,000 UUID objects up front would cost more than the query itself.
    """

    def __init__(self, hex_ids: list[str]) -> None:
        self._hex = hex_ids
        self._positions: dict[str, int] | None = None

    def __len__(self) -> int:
        return len(self._hex)

    @overload
    def __getitem__(self, index: int) -> uuid.UUID: ...

    @overload
    def __getitem__(self, index: slice) -> list[uuid.UUID]: ...

    def __getitem__(self, index: int | slice) -> uuid.UUID | list[uuid.UUID]:
        if isinstance(index, slice):
            return [uuid.UUID(hex=h) for h in self._hex[index]]
        return uuid.UUID(hex=self._hex[index])

    def __iter__(self) -> Iterator[uuid.UUID]:
        return (uuid.UUID(hex=h) for h in self._hex)

    def __contains__(self, value: object) -> bool:
        return isinstance(value, uuid.UUID) and value.hex in self._lookup()

    def index(self, value: Any, start: int = 0, stop: int | None = None) -> int:
        """Position of a record id (e.g. to select a just-saved record); ValueError if absent."""
        if isinstance(value, uuid.UUID):
            position = self._lookup().get(value.hex)
            if position is not None and start <= position < (stop or len(self._hex)):
                return position
        raise ValueError(f"{value!r} is not in the list")

    def _lookup(self) -> dict[str, int]:
        if self._positions is None:
            self._positions = {h: i for i, h in enumerate(self._hex)}
        return self._positions


def _like(column: Any, needle: str) -> ColumnElement[bool]:
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    result: ColumnElement[bool] = column.like(f"%{escaped}%", escape="\\")
    return result


def text_condition(text: str) -> ColumnElement[bool] | None:
    """The WHERE condition of a free-text search, or None when the text is blank."""
    stripped = text.strip()
    if not stripped:
        return None
    if _NUMERIC_QUERY.match(stripped) and any(ch.isdigit() for ch in stripped):
        digits = re.sub(r"\D", "", stripped)
        if stripped.startswith("+84"):
            digits = "0" + digits[2:]
        return or_(
            _like(RecordRow.cccd, digits),
            _like(RecordRow.cmnd, digits),
            _like(RecordRow.phone_digits, digits),
            _like(RecordRow.dossier_key, digits),
        )
    tokens = search_key(stripped).split()
    return and_(
        *(
            or_(
                _like(RecordRow.name_key, token),
                _like(RecordRow.dossier_key, token),
                _like(RecordRow.cccd, token),
            )
            for token in tokens
        )
    )


def filter_conditions(flt: RecordFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if not flt.include_deleted:
        # Spelled "deleted = 0" with a literal: only then can SQLite use the live-only
        # (partial) list indexes.
        conditions.append(RecordRow.deleted == false())
    text = text_condition(flt.text)
    if text is not None:
        conditions.append(text)
    if flt.neighbourhood_code:
        conditions.append(RecordRow.neighbourhood_code == flt.neighbourhood_code)
    if flt.category:
        conditions.append(RecordRow.category == flt.category)
    if flt.result is not None:
        conditions.append(RecordRow.result == flt.result.value)
    if flt.status is not None:
        conditions.append(RecordRow.status == flt.status.value)
    if flt.sync_state:
        conditions.append(RecordRow.sync_state == flt.sync_state)
    if flt.date_from is not None:
        conditions.append(RecordRow.assisted_on >= flt.date_from)
    if flt.date_to is not None:
        conditions.append(RecordRow.assisted_on <= flt.date_to)
    if flt.meeting_id is not None:
        conditions.append(RecordRow.meeting_id == flt.meeting_id)
    return conditions


def query_ids(session: Session, flt: RecordFilter, sort: RecordSort) -> RecordIds:
    column = getattr(RecordRow, sort.key.value)
    # Ties broken by creation time then id, in the same direction as the key, so that a
    # date or name sort is one backward or forward scan of its list index.
    keys = [column, RecordRow.created_at, RecordRow.id]
    order = [k.desc() if sort.descending else k.asc() for k in keys]
    if sort.key in _NULLABLE_KEYS:
        # Empty values go last both ways (SQLite puts NULL first when ascending).
        order[0] = order[0].nulls_last()
    # type_coerce: take the stored 32-char hex as-is; RecordIds converts on access.
    statement = (
        select(type_coerce(RecordRow.id, String)).where(*filter_conditions(flt)).order_by(*order)
    )
    result = session.connection().execute(statement)
    try:
        # The column is plain text with no result processing: read the driver's tuples
        # directly, which halves the cost of a 100,000-id list.
        rows = result.cursor.fetchall() if result.cursor is not None else []
    finally:
        result.close()
    return RecordIds([row[0] for row in rows])


_SUMMARY_COLUMNS = (
    RecordRow.id,
    RecordRow.assisted_on,
    RecordRow.full_name,
    RecordRow.birth_year_key,
    RecordRow.gender,
    RecordRow.phone,
    RecordRow.cccd,
    RecordRow.neighbourhood_code,
    RecordRow.neighbourhood_name,
    RecordRow.category,
    RecordRow.procedure_code,
    RecordRow.result,
    RecordRow.follow_up_date,
    RecordRow.status,
    RecordRow.sync_state,
    RecordRow.review_state,
    RecordRow.server_message,
    RecordRow.meeting_id,
    RecordRow.revision,
    RecordRow.deleted,
    RecordRow.updated_at,
)

#: Bound parameters per IN (...) query, well under SQLite's limit.
_CHUNK = 500


def _summary(row: Any) -> RecordSummary:
    return RecordSummary(*row)


def fetch_rows(session: Session, ids: Sequence[uuid.UUID]) -> list[RecordSummary]:
    """Summary rows for ``ids``, in the same order; ids no longer in the store are skipped."""
    found: dict[uuid.UUID, RecordSummary] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start : start + _CHUNK])
        for row in session.execute(select(*_SUMMARY_COLUMNS).where(RecordRow.id.in_(chunk))):
            summary = _summary(row)
            found[summary.id] = summary
    return [found[i] for i in ids if i in found]


def counts(session: Session, today: date) -> Counts:
    week_start = today - timedelta(days=today.weekday())
    month_start = today.replace(day=1)
    live = [RecordRow.deleted == false(), RecordRow.assisted_on <= today]

    def count_from(first: date) -> int:
        statement = select(func.count()).where(*live, RecordRow.assisted_on >= first)
        return int(session.scalar(statement) or 0)

    return Counts(
        today=count_from(today), week=count_from(week_start), month=count_from(month_start)
    )


def find_duplicates(
    session: Session,
    *,
    cccd: str | None,
    name_key: str | None,
    birth_year: int | None,
    exclude_id: uuid.UUID | None = None,
) -> list[RecordSummary]:
    """Live records of possibly the same resident: same CCCD, or same folded name and birth year.

    ``name_key`` may be the name as typed; it is folded here (folding is idempotent).
    """
    matches: list[ColumnElement[bool]] = []
    if cccd:
        matches.append(RecordRow.cccd == cccd)
    key = search_key(name_key) if name_key else ""
    if key and birth_year is not None:
        matches.append(and_(RecordRow.name_key == key, RecordRow.birth_year_key == birth_year))
    if not matches:
        return []
    statement = select(*_SUMMARY_COLUMNS).where(RecordRow.deleted == false(), or_(*matches))
    if exclude_id is not None:
        statement = statement.where(RecordRow.id != exclude_id)
    statement = statement.order_by(RecordRow.assisted_on.desc())
    return [_summary(row) for row in session.execute(statement)]


def follow_ups(session: Session, today: date) -> list[FollowUp]:
    """Live records marked "needs follow-up", soonest (and undated) first."""
    statement = (
        select(*_SUMMARY_COLUMNS)
        .where(RecordRow.deleted == false(), RecordRow.result == Result.FOLLOW_UP.value)
        .order_by(RecordRow.follow_up_date.asc().nulls_first(), RecordRow.assisted_on)
    )
    out = []
    for row in session.execute(statement):
        summary = _summary(row)
        due = summary.follow_up_date
        out.append(FollowUp(record=summary, due=due, overdue=due is not None and due < today))
    return out
