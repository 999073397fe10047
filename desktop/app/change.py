"""What an operation changed: the one vocabulary of "what views must bring up to date".

An operation returns ``Done(value, change)``. The GUI's background-work helper emits the
change as its one change signal; the records list, the counters, the form and the dialogs
each look at the parts they show.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any, Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Change:
    """What changed. Empty (falsy) when nothing did.

    Attributes:
        created, updated, deleted: ids of records the operation created, changed or deleted.
        records_many: an unknown set of records changed (an import, a sync): re-read them.
        rows: the list rows (``RecordSummary``) of changed records, read in the same trip so
            the list can draw them without a fetch of its own.
        profile: the volunteer profile (name, neighbourhood) changed.
        language: the UI language changed (part of the profile).
        server: the ward server address changed (part of the profile).
        reference: new reference data is in force (neighbourhoods, categories, procedures).
        meeting: a meeting started or ended.
        sync_status: enrolment, revocation or sync history changed.
        settings: a laptop setting other than the profile changed (the ward CA certificate).
    """

    created: frozenset[uuid.UUID] = frozenset()
    updated: frozenset[uuid.UUID] = frozenset()
    deleted: frozenset[uuid.UUID] = frozenset()
    records_many: bool = False
    rows: tuple[Any, ...] = field(default=(), compare=False)
    profile: bool = False
    language: bool = False
    server: bool = False
    reference: bool = False
    meeting: bool = False
    sync_status: bool = False
    settings: bool = False

    @classmethod
    def of_records(cls, *, created: Iterable[uuid.UUID] = (),
                   updated: Iterable[uuid.UUID] = (), deleted: Iterable[uuid.UUID] = (),
                   rows: Iterable[Any] = ()) -> Change:
        return cls(created=frozenset(created), updated=frozenset(updated),
                   deleted=frozenset(deleted), rows=tuple(rows))

    @property
    def records(self) -> bool:
        """Some record changed (known ids or ``records_many``)."""
        return bool(self.records_many or self.created or self.updated or self.deleted)

    @property
    def record_ids(self) -> frozenset[uuid.UUID]:
        return self.created | self.updated | self.deleted

    def row(self, record_id: uuid.UUID) -> Any | None:
        """The list row read for ``record_id`` in the same trip, if any."""
        return next((r for r in self.rows if getattr(r, "id", None) == record_id), None)

    def __bool__(self) -> bool:
        return self.records or any((self.profile, self.language, self.server, self.reference,
                                    self.meeting, self.sync_status, self.settings))

    def __or__(self, other: Change) -> Change:
        return replace(
            self,
            created=self.created | other.created,
            updated=(self.updated | other.updated) - (self.created | other.created),
            deleted=self.deleted | other.deleted,
            records_many=self.records_many or other.records_many,
            rows=self.rows + other.rows,
            profile=self.profile or other.profile,
            language=self.language or other.language,
            server=self.server or other.server,
            reference=self.reference or other.reference,
            meeting=self.meeting or other.meeting,
            sync_status=self.sync_status or other.sync_status,
            settings=self.settings or other.settings,
        )


NOTHING = Change()


@dataclass(frozen=True)
class Done(Generic[T]):
    """An operation's result and what it changed."""

    value: T
    change: Change = NOTHING
