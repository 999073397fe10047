"""Neighbourhood meetings: start one, record residents during it, end it, summarise it.

Records made during a meeting carry its id (``AssistanceRecord.meeting_id``); the GUI sets it
while a meeting is running. At most one meeting runs at a time.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import false, select

from desktop.store import queries
from desktop.store.database import Store
from desktop.store.errors import MeetingError
from desktop.store.models import MeetingRow, RecordRow
from desktop.store.queries import RecordSummary
from sync.contract.record import Result


@dataclass(frozen=True)
class Meeting:
    id: uuid.UUID
    place: str
    date: date
    host: str
    neighbourhood_code: str
    started_at: datetime
    ended_at: datetime | None

    @property
    def running(self) -> bool:
        return self.ended_at is None


@dataclass(frozen=True)
class MeetingSummary:
    meeting: Meeting
    records: int  # live records made during the meeting
    residents: int  # distinct residents among them (same folded name + birth year = one)
    by_category: dict[str, int]  # category code -> records ("" = not chosen yet)
    follow_ups: list[RecordSummary]  # what is left to do, soonest first
    #: Residents helped: those with at least one record whose result is not "declined".
    helped: int = 0
    #: Residents who declined every help offered to them (counted apart from ``helped``).
    declined: int = 0
    #: Result value -> records ("" = no result chosen yet).
    by_result: dict[str, int] = field(default_factory=dict)


class MeetingRepository:
    def __init__(self, store: Store) -> None:
        self._store = store

    def start(self, *, place: str, on: date, neighbourhood_code: str, host: str = "") -> Meeting:
        """Start a meeting.

        Raises:
            MeetingError: another meeting is still running, or the place is empty.
        """
        if not place.strip():
            raise MeetingError("Hãy nhập nơi họp.", "Enter where the meeting is held.")
        with self._store.session() as session:
            running = session.scalar(select(MeetingRow).where(MeetingRow.ended_at.is_(None)))
            if running is not None:
                raise MeetingError(
                    f"Buổi họp tại {running.place} vẫn đang diễn ra. Hãy kết thúc trước.",
                    f"The meeting at {running.place} is still running. End it first.",
                )
            row = MeetingRow(
                id=uuid.uuid4(),
                place=place.strip(),
                date=on,
                host=host.strip(),
                neighbourhood_code=neighbourhood_code,
                started_at=self._store.clock(),
                ended_at=None,
            )
            session.add(row)
            session.flush()
            return _meeting(row)

    def end(self, meeting_id: uuid.UUID) -> Meeting:
        with self._store.session() as session:
            row = session.get(MeetingRow, meeting_id)
            if row is None:
                raise MeetingError("Không tìm thấy buổi họp.", "The meeting was not found.")
            if row.ended_at is None:
                row.ended_at = self._store.clock()
            session.flush()
            return _meeting(row)

    def current(self) -> Meeting | None:
        with self._store.read() as session:
            row = session.scalar(select(MeetingRow).where(MeetingRow.ended_at.is_(None)))
            return None if row is None else _meeting(row)

    def get(self, meeting_id: uuid.UUID) -> Meeting | None:
        with self._store.read() as session:
            row = session.get(MeetingRow, meeting_id)
            return None if row is None else _meeting(row)

    def list(self) -> list[Meeting]:
        """Every meeting, most recent first."""
        with self._store.read() as session:
            rows = session.scalars(select(MeetingRow).order_by(MeetingRow.started_at.desc()))
            return [_meeting(row) for row in rows]

    def summary(self, meeting_id: uuid.UUID) -> MeetingSummary:
        with self._store.read() as session:
            row = session.get(MeetingRow, meeting_id)
            if row is None:
                raise MeetingError("Không tìm thấy buổi họp.", "The meeting was not found.")
            live = (RecordRow.meeting_id == meeting_id, RecordRow.deleted == false())
            people = session.execute(
                select(
                    RecordRow.name_key,
                    RecordRow.birth_year_key,
                    RecordRow.category,
                    RecordRow.result,
                ).where(*live)
            ).all()
            follow = [
                f.record
                for f in queries.follow_ups(session, self._store.today())
                if f.record.meeting_id == meeting_id and f.record.result == Result.FOLLOW_UP.value
            ]
            residents = {(p.name_key, p.birth_year_key) for p in people}
            helped = {
                (p.name_key, p.birth_year_key)
                for p in people
                if p.result != Result.DECLINED.value
            }
            return MeetingSummary(
                meeting=_meeting(row),
                records=len(people),
                residents=len(residents),
                by_category=dict(Counter(p.category or "" for p in people)),
                follow_ups=follow,
                helped=len(helped),
                declined=len(residents - helped),
                by_result=dict(Counter(p.result or "" for p in people)),
            )


def _meeting(row: MeetingRow) -> Meeting:
    return Meeting(
        id=row.id,
        place=row.place,
        date=row.date,
        host=row.host,
        neighbourhood_code=row.neighbourhood_code,
        started_at=row.started_at,
        ended_at=row.ended_at,
    )
