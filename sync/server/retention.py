"""Retention: personal data is kept only so long after a record is final (Luật 91/2025/QH15:
no longer than the purpose needs). The ward sets the number of months; records final for
longer are anonymised through the same erasure as a resident's request, so laptops anonymise
their copies at their next sync and the anonymous counts stay.

"Final since" is when the ward first received a final version of the record: the day the help
was given may be long before a late sync, and the ward cannot have reconciled it earlier.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, func, select

from sync.contract.errors import KnownError
from sync.server.erasure import ErasureReport, erase
from sync.server.models import Erasure, Record, RecordVersion

#: The environment variable the ward's retention setting is read from when no option is given.
ENV_RETENTION_MONTHS = "HOTROSO_RETENTION_MONTHS"
#: Longest retention accepted (30 years): anything longer is a typo, not a policy.
MAX_MONTHS = 360


class RetentionSettingError(KnownError):
    """The retention period is missing or not a sensible number of months."""


def retention_months(value: int | None) -> int:
    """The months to keep personal data: the option, else the ward's environment setting."""
    if value is None:
        raw = os.environ.get(ENV_RETENTION_MONTHS, "").strip()
        if not raw:
            raise RetentionSettingError(
                f"Chưa đặt thời hạn lưu giữ: dùng --retention-months N hoặc đặt "
                f"{ENV_RETENTION_MONTHS}.",
                f"No retention period is set: pass --retention-months N or set "
                f"{ENV_RETENTION_MONTHS}.",
            )
        if not raw.isdigit():
            raise RetentionSettingError(
                f"{ENV_RETENTION_MONTHS}=“{raw}” không phải số tháng.",
                f"{ENV_RETENTION_MONTHS}=“{raw}” is not a number of months.",
            )
        value = int(raw)
    if not 1 <= value <= MAX_MONTHS:
        raise RetentionSettingError(
            f"Thời hạn lưu giữ phải từ 1 đến {MAX_MONTHS} tháng.",
            f"The retention period must be between 1 and {MAX_MONTHS} months.",
        )
    return value


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time ``months`` calendar months earlier (clamped to the month's end)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    days = [31, 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28, 31, 30, 31,
            30, 31, 31, 30, 31, 30, 31][month - 1]
    return moment.replace(year=year, month=month, day=min(moment.day, days))


@dataclass(frozen=True)
class Due:
    record_id: str
    final_since: datetime


def due(conn: Connection, *, months: int, now: datetime) -> list[Due]:
    """Records whose head is final and that have been final at the ward for over ``months``,
    not yet anonymised; oldest first."""
    cutoff = months_before(now, months)
    final_since = (
        select(
            RecordVersion.record_id.label("record_id"),
            func.min(RecordVersion.received_at).label("since"),
        )
        # The canonical JSON writes the status as "status":"final".
        .where(RecordVersion.payload.contains('"status":"final"'))
        .group_by(RecordVersion.record_id)
        .subquery()
    )
    head_is_final = (
        select(RecordVersion.record_id)
        .join(
            Record,
            (Record.id == RecordVersion.record_id)
            & (Record.head_revision == RecordVersion.revision)
            & (Record.head_hash == RecordVersion.content_hash),
        )
        .where(RecordVersion.payload.contains('"status":"final"'))
    )
    rows = conn.execute(
        select(final_since.c.record_id, final_since.c.since)
        .where(
            final_since.c.since < cutoff,
            final_since.c.record_id.in_(head_is_final),
            final_since.c.record_id.not_in(select(Erasure.record_id)),
        )
        .order_by(final_since.c.since, final_since.c.record_id)
    ).all()
    return [Due(record_id, since) for record_id, since in rows]


def apply(conn: Connection, *, months: int, now: datetime) -> tuple[list[Due], ErasureReport]:
    """Anonymise every record :func:`due` names, in the caller's transaction."""
    items = due(conn, months=months, now=now)
    report = erase(
        conn,
        [item.record_id for item in items],
        erased_by="retention",
        reason=f"retention {months} months",
        now=now,
    )
    return items, report
