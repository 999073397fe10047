"""One device id per laptop: the one the ward server gave it at enrolment.

Before enrolment the profile holds a device id made on the laptop, and records made then carry
it. The ward server takes a laptop's identity from its token and accepts new records only
under that id, so at enrolment, and again before every sync (a window opened before
enrolment may still stamp the old id), the profile takes the enrolment's id and every record
the server has never seen is re-stamped with it, in the record and in its unsent outbox
payloads. Records the server already holds keep the id they were made with (a laptop
restored from a backup and enrolled anew edits them only after the ward hands them over).
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import exists, func, select, update

from desktop.store.database import Store
from desktop.store.models import OutboxRow, ProfileRow, RecordRow

#: Outbox outcomes meaning the server stored that revision (so it knows the record).
KNOWN_TO_SERVER = ("accepted", "received", "conflict", "already_had")


def adopt_device_id(store: Store, device_id: str, *, at: datetime) -> int:
    """Make ``device_id`` this laptop's device id; returns how many records were re-stamped.

    Two set-based UPDATEs, and none at all when nothing is waiting to be sent (the common
    case: a sync with nothing new stays one cheap query here).
    """
    try:
        target = uuid.UUID(device_id)
    except ValueError:
        return 0  # not an id this ward server gives out: nothing to adopt
    text = str(target)
    with store.session() as session:
        profile = session.get(ProfileRow, 1)
        if profile is not None and profile.device_id != target:
            profile.device_id = target
            profile.updated_at = at
        unsent = select(OutboxRow.record_id).where(OutboxRow.sent_at.is_(None))
        if not session.scalar(select(exists(unsent))):
            return 0
        known = select(OutboxRow.record_id).where(OutboxRow.outcome.in_(KNOWN_TO_SERVER))
        restamped = session.execute(
            update(RecordRow)
            .where(RecordRow.device_id != text, RecordRow.id.in_(unsent), ~RecordRow.id.in_(known))
            .values(device_id=text)
            .execution_options(synchronize_session=False)
        )
        count = int(restamped.rowcount)  # type: ignore[attr-defined]
        if count:
            session.execute(
                update(OutboxRow)
                .where(
                    OutboxRow.sent_at.is_(None),
                    func.json_extract(OutboxRow.payload, "$.device_id") != text,
                    ~OutboxRow.record_id.in_(known),
                )
                .values(payload=func.json_set(OutboxRow.payload, "$.device_id", text))
                .execution_options(synchronize_session=False)
            )
        return count
