"""The laptop's local store (Qt-free): a SQLite file, migrated at start-up, with repositories.

Entry points: :class:`Store` (open/migrate/close, one transaction per ``session()``),
:class:`~desktop.store.records.RecordRepository`, :class:`~desktop.store.profile.ProfileRepository`,
:class:`~desktop.store.meetings.MeetingRepository`.
"""

from desktop.store.database import Store

__all__ = ["Store"]
