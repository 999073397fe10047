"""Neighbourhood meetings: start one (new records belong to it), end it, its summary."""

from __future__ import annotations

import uuid
from datetime import date

from desktop.app.change import Change, Done
from desktop.store import Store
from desktop.store.meetings import Meeting, MeetingRepository, MeetingSummary

_MEETING = Change(meeting=True)


class MeetingOps:
    def __init__(self, store: Store) -> None:
        self._repo = MeetingRepository(store)

    def current(self) -> Meeting | None:
        return self._repo.current()

    def start(self, *, place: str, on: date, host: str,
              neighbourhood_code: str) -> Done[Meeting]:
        """Raises MeetingError: another meeting is running, or the place is empty."""
        meeting = self._repo.start(place=place, on=on, host=host,
                                   neighbourhood_code=neighbourhood_code)
        return Done(meeting, _MEETING)

    def end(self, meeting_id: uuid.UUID) -> Done[MeetingSummary]:
        """End the meeting; its summary (also when it had ended already)."""
        self._repo.end(meeting_id)
        return Done(self._repo.summary(meeting_id), _MEETING)

    def summary(self, meeting_id: uuid.UUID) -> MeetingSummary:
        return self._repo.summary(meeting_id)
