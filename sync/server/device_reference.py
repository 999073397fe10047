"""What a laptop's pull tells the ward: that it synced (its last sync, for the devices
screen) and which reference data it has (the version it names), kept on its device row.

The pull is otherwise read-only and frequent, so the row is written only when something
changed: another version, or a last sync more than :data:`SEEN_RESOLUTION` old.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Engine, or_, update

from sync.server.models import Device

#: A pull within this time of the last one recorded is not written again.
SEEN_RESOLUTION = timedelta(minutes=1)


def note_pull(engine: Engine, device_id: str, version: str | None, *, now: datetime) -> None:
    """Remember that the device pulled at ``now`` having reference data ``version``."""
    stale = or_(Device.last_seen_at.is_(None), Device.last_seen_at < now - SEEN_RESOLUTION)
    values: dict[str, object] = {}
    if version is None:
        condition = stale
    else:
        condition = or_(stale, Device.reference_version.is_(None),
                        Device.reference_version != version[:400])
        values["reference_version"] = version[:400]
    with engine.begin() as conn:
        conn.execute(update(Device).where(Device.id == device_id, condition)
                     .values(**values, last_seen_at=now))
