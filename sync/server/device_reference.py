"""What reference data each laptop has: the version it names at its pull, kept on its device
row for the administrators' reference-data screen."""

from __future__ import annotations

from sqlalchemy import Engine, or_, update

from sync.server.models import Device


def note_reference_version(engine: Engine, device_id: str, version: str) -> None:
    """Remember ``version`` for the device; writes only when it changed (most pulls don't)."""
    with engine.begin() as conn:
        conn.execute(
            update(Device)
            .where(
                Device.id == device_id,
                or_(Device.reference_version.is_(None), Device.reference_version != version),
            )
            .values(reference_version=version[:400])
        )
