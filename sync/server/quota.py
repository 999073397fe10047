"""The per-device daily quota: how many record versions, and how many bytes of them, one
device may store in one ward day (UTC+7).

A volunteer makes tens of records a day and a laptop back from weeks offline a few thousand,
so the defaults (``ServerSettings.quota_*``) are far above honest use; they exist so that one
device, stolen or broken, cannot fill the ward's disk. A push that would go over is refused
whole with 429 and ``Retry-After`` (seconds to the next ward day): nothing of it is stored,
and the laptop keeps every record and sends them later.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, insert, select, update

from sync.server.checks import WARD_TZ, ward_today
from sync.server.models import DeviceUsage


@dataclass(frozen=True)
class DailyQuota:
    records: int
    bytes: int


class QuotaExceeded(Exception):
    def __init__(self, *, retry_after: int, records: int, quota: DailyQuota) -> None:
        super().__init__(f"daily quota reached ({records} records today)")
        self.retry_after = retry_after
        self.records = records
        self.quota = quota


def seconds_to_next_day(now: datetime) -> int:
    local = now.astimezone(WARD_TZ)
    midnight = (local + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return max(1, math.ceil((midnight - local).total_seconds()))


def charge(
    conn: Connection,
    device_id: str,
    *,
    records: int,
    size: int,
    quota: DailyQuota,
    now: datetime,
) -> None:
    """Count ``records`` versions of ``size`` bytes against the device's day, in the
    caller's transaction; :class:`QuotaExceeded` (and nothing counted) when over."""
    if records <= 0:
        return
    day = ward_today(now).isoformat()
    row = conn.execute(
        select(DeviceUsage.records, DeviceUsage.bytes).where(
            DeviceUsage.device_id == device_id, DeviceUsage.day == day
        )
    ).first()
    used_records, used_bytes = (int(row.records), int(row.bytes)) if row else (0, 0)
    if used_records + records > quota.records or used_bytes + size > quota.bytes:
        raise QuotaExceeded(
            retry_after=seconds_to_next_day(now), records=used_records, quota=quota
        )
    if row is None:
        conn.execute(
            insert(DeviceUsage).values(
                device_id=device_id, day=day, records=records, bytes=size
            )
        )
    else:
        conn.execute(
            update(DeviceUsage)
            .where(DeviceUsage.device_id == device_id, DeviceUsage.day == day)
            .values(records=DeviceUsage.records + records, bytes=DeviceUsage.bytes + size)
        )
