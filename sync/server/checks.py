"""The contract's validation, run by the server on every pushed record.

The server must not accept a *final* record that the laptop would have refused, so it runs
the same :func:`sync.contract.validation.validate` against the reference data it publishes
(the shipped defaults until staff publish their own). Drafts are stored as they are — a
volunteer may save and sync an unfinished form — but a final record with an error is
rejected with the problems, each naming its field, and comes back to the volunteer to fix.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import Engine, select

from sync.contract.record import AssistanceRecord, RecordStatus
from sync.contract.reference import ReferenceData, load_reference
from sync.contract.validation import validate
from sync.contract.wire import Message
from sync.server.models import ReferenceSet

#: Vietnam has kept UTC+7 without daylight saving since 1975; "today" is the ward's today.
WARD_TZ = timezone(timedelta(hours=7))

RecordCheck = Callable[[AssistanceRecord], tuple[Message, ...]]


def ward_today(now: datetime) -> date:
    return now.astimezone(WARD_TZ).date()


def blocking_problems(
    record: AssistanceRecord, reference: ReferenceData, today: date
) -> tuple[Message, ...]:
    """The errors that stop a final record; drafts and warnings never block."""
    if record.status is not RecordStatus.FINAL:
        return ()
    return tuple(
        Message(code=p.code, message_vi=p.message_vi, message_en=p.message_en, field=p.field)
        for p in validate(record, reference, today=today)
        if p.severity == "error"
    )


class ReferenceCache:
    """The reference data in force: the latest published set, else the shipped files.

    Reloaded when a newer set appears in the database (``publish-reference`` runs in another
    process), checked with one indexed query per push.
    """

    def __init__(self, engine: Engine, now: Callable[[], datetime]) -> None:
        self._engine = engine
        self._now = now
        self._lock = threading.Lock()
        self._loaded_id: int | None = -1
        self._reference: ReferenceData | None = None

    def current(self) -> ReferenceData:
        with self._engine.connect() as conn:
            latest = conn.execute(
                select(ReferenceSet.id).order_by(ReferenceSet.id.desc()).limit(1)
            ).scalar()
        with self._lock:
            if self._reference is None or latest != self._loaded_id:
                self._reference = self._load(latest)
                self._loaded_id = latest
            return self._reference

    def _load(self, set_id: int | None) -> ReferenceData:
        if set_id is None:
            return load_reference()
        with self._engine.connect() as conn:
            documents = conn.execute(
                select(ReferenceSet.documents).where(ReferenceSet.id == set_id)
            ).scalar_one()
        return ReferenceData.from_documents(json.loads(documents))

    def warm_up(self) -> None:
        """Load what the first push would otherwise wait for: the reference data, and every
        lazy cache the validation fills on first use (phone metadata alone is ~0.15 s)."""
        reference = self.current()
        today = ward_today(self._now())
        sample = AssistanceRecord.model_validate(
            {
                "device_id": "warm-up",
                "volunteer_name": "Nguyễn Văn An",
                "created_at": self._now(),
                "updated_at": self._now(),
                "assisted_on": today,
                "status": "final",
                "ward_code": reference.active_ward,
                "ward_name": reference.ward.name,
                "neighbourhood_code": "-",
                "neighbourhood_name": "-",
                "full_name": "Nguyễn Văn An",
                "birth_year": 1985,
                "gender": "male",
                "cccd": "022085001234",
                "phone": "+84912345678",
                "category": "OTHER",
                "result": "completed",
                "consent": True,
            }
        )
        validate(sample, reference, today=today)  # the result does not matter, the caches do

    def checker(self) -> RecordCheck:
        reference = self.current()
        today = ward_today(self._now())

        def check(record: AssistanceRecord) -> tuple[Message, ...]:
            return blocking_problems(record, reference, today)

        return check
