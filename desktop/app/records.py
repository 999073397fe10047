"""Records: the list, one record, save, delete, undo, history, duplicates, follow-ups.

Every write says what it changed (:class:`~desktop.app.change.Change`), with the changed
record's list row read in the same trip, so the list can draw it without a query of its own.
Undo takes back the last saves and deletes made through these operations (not an import or
a sync), newest first.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import date

from desktop.app.change import NOTHING, Change, Done
from desktop.app.profile import ProfileOps
from desktop.store import Store, withdrawal
from desktop.store.queries import Counts, FollowUp, RecordFilter, RecordSort, RecordSummary, SortKey
from desktop.store.record_rows import CREATE, insert_new_records, sync_state_for_change
from desktop.store.records import AuditEntry, RecordRepository
from sync.contract.record import AssistanceRecord, Gender, Place, RecordStatus, Result
from sync.contract.validation import validate

#: How many summaries one query asks for when the whole list has to be read (name order).
_NAME_CHUNK = 5_000

#: Orders (id, full name) pairs by name; the GUI passes Qt's Vietnamese collation.
NameOrder = Callable[[Sequence[tuple[uuid.UUID, str]], bool], list[uuid.UUID]]
Progress = Callable[[int, int], None]


def plain_name_order(names: Sequence[tuple[uuid.UUID, str]], descending: bool) -> list[uuid.UUID]:
    """By given name (the last word), then the whole name, case-folded: the order without a
    Vietnamese collator (the GUI brings one)."""

    def key(item: tuple[uuid.UUID, str]) -> tuple[str, str]:
        name = item[1].strip().casefold()
        return (name.rsplit(" ", 1)[-1] if name else "", name)

    return [record_id for record_id, _ in sorted(names, key=key, reverse=descending)]


@dataclass(frozen=True)
class ListResult:
    ids: Sequence[uuid.UUID]
    counts: Counts


@dataclass(frozen=True)
class OpenedRecord:
    """A record to show in the form, and its list row (what the ward said about it)."""

    record: AssistanceRecord
    row: RecordSummary | None


class _RollBack(Exception):
    """Raised inside the warm-up transaction so the store rolls it back."""


class RecordOps:
    """Record operations on one open store."""

    def __init__(self, store: Store, profile: ProfileOps, *,
                 name_order: NameOrder = plain_name_order) -> None:
        self._store = store
        self._repo = RecordRepository(store)
        self._profile = profile
        self._name_order = name_order
        self._undo: list[uuid.UUID] = []

    # --- the list ---------------------------------------------------------------------------

    def query(self, flt: RecordFilter, sort: RecordSort,
             progress: Progress | None = None) -> ListResult:
        ids: Sequence[uuid.UUID] = self._repo.query_ids(flt, sort)
        if sort.key is SortKey.FULL_NAME:
            pairs: list[tuple[uuid.UUID, str]] = []
            for start in range(0, len(ids), _NAME_CHUNK):
                if progress is not None:
                    progress(start, len(ids))
                pairs.extend((r.id, r.full_name)
                             for r in self._repo.fetch_rows(ids[start:start + _NAME_CHUNK]))
            ids = self._name_order(pairs, sort.descending)
        return ListResult(ids=ids, counts=self.counts())

    def fetch_rows(self, ids: Sequence[uuid.UUID]) -> list[RecordSummary]:
        return self._repo.fetch_rows(ids)

    @staticmethod
    def index_ids(ids: Sequence[uuid.UUID]) -> None:
        """Build the id -> row map of a queried list now.

        The store's id list builds that map on its first lookup, which is the first save or
        selection after a query: ~20 ms for 100,000 ids. Run on the database worker right
        after the list is shown, it is never paid on the GUI thread.
        """
        _ = uuid.UUID(int=0) in ids

    def counts(self) -> Counts:
        return self._repo.counts(self._store.today())

    # --- one record -------------------------------------------------------------------------

    def get(self, record_id: uuid.UUID) -> AssistanceRecord | None:
        return self._repo.get(record_id)

    def open(self, record_id: uuid.UUID) -> OpenedRecord | None:
        """The record and its list row, or None when it does not exist (or is deleted)."""
        record = self._repo.get(record_id)
        if record is None or record.deleted:
            return None
        rows = self._repo.fetch_rows([record_id])
        return OpenedRecord(record, rows[0] if rows else None)

    def row(self, record_id: uuid.UUID) -> RecordSummary | None:
        rows = self._repo.fetch_rows([record_id])
        return rows[0] if rows else None

    def save(self, record: AssistanceRecord) -> Done[AssistanceRecord]:
        """Create or update ``record`` as the volunteer of this laptop.

        Raises:
            ValidationError: a final record has problems (the form shows them; nothing saved).
            NoProfileError: there is no volunteer profile yet.
        """
        actor = self._profile.require().volunteer_name
        before = self._repo.get(record.id)
        stored = self._repo.save(record, actor)
        if before is not None and stored.revision == before.revision:
            return Done(stored, NOTHING)  # unchanged: nothing written
        self._undo.append(stored.id)
        rows = self._repo.fetch_rows([stored.id])
        if before is None:
            return Done(stored, Change.of_records(created=[stored.id], rows=rows))
        return Done(stored, Change.of_records(updated=[stored.id], rows=rows))

    def delete(self, record_id: uuid.UUID) -> Done[AssistanceRecord]:
        actor = self._profile.require().volunteer_name
        stored = self._repo.delete(record_id, actor)
        self._undo.append(stored.id)
        return Done(stored, Change.of_records(deleted=[stored.id]))

    # --- a resident withdrew consent --------------------------------------------------------

    def withdrawal_scope(self, record_id: uuid.UUID) -> tuple[int, str]:
        """What a withdrawal would erase: how many records here are the resident's, and
        their name (for the confirmation)."""
        ids = withdrawal.preview(self._store, record_id)
        rows = self._repo.fetch_rows(ids[:1])
        return len(ids), rows[0].full_name if rows else ""

    def withdraw_consent(self, record_id: uuid.UUID) -> Done[list[uuid.UUID]]:
        """The resident of ``record_id`` withdrew consent: their personal data is erased from
        every record of theirs here (audit trail and outbox too) and the ward is told at the
        next sync (``desktop.store.withdrawal``). It cannot be undone: the data is gone."""
        actor = self._profile.require().volunteer_name
        ids = withdrawal.withdraw_consent(self._store, record_id, actor=actor)
        # Undo would replay edits whose values were erased: those records leave its list.
        self._undo = [rid for rid in self._undo if rid not in set(ids)]
        return Done(ids, Change.of_records(updated=ids, rows=self._repo.fetch_rows(ids))
                    if ids else NOTHING)

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def undo_last(self) -> Done[AssistanceRecord | None]:
        """Take back the newest save or delete still on the undo list (None: nothing left)."""
        if not self._undo:
            return Done(None, NOTHING)
        actor = self._profile.require().volunteer_name
        record_id = self._undo.pop()
        stored = self._repo.undo(record_id, actor)
        rows = self._repo.fetch_rows([stored.id])
        if stored.deleted:
            return Done(stored, Change.of_records(deleted=[stored.id], rows=rows))
        return Done(stored, Change.of_records(updated=[stored.id], rows=rows))

    def history(self, record_id: uuid.UUID) -> list[AuditEntry]:
        return self._repo.history(record_id)

    def find_duplicates(self, cccd: str | None, name_key: str, birth_year: int | None,
                        exclude_id: uuid.UUID | None) -> list[RecordSummary]:
        return self._repo.find_duplicates(cccd, name_key, birth_year, exclude_id)

    def follow_ups(self) -> list[FollowUp]:
        return self._repo.follow_ups(self._store.today())

    # --- start-up ---------------------------------------------------------------------------

    def warm_up(self) -> None:
        """Pay the first save's one-time costs now, on the database worker, after start-up.

        SQLAlchemy compiles each statement the first time it runs (~6 ms for a save's
        select and three inserts) and validation builds its caches on first use. A probe
        record goes through the same calls as a real save, in a transaction that is rolled
        back, so nothing is written.
        """
        profile = self._profile.current
        if profile is None:
            return
        ref = self._store.reference
        code = profile.neighbourhood_code
        neighbourhood = ref.neighbourhood(code)
        now = self._store.clock()
        today: date = self._store.today()
        probe = AssistanceRecord(
            device_id=str(profile.device_id), volunteer_name=profile.volunteer_name,
            created_at=now, updated_at=now, assisted_on=today,
            status=RecordStatus.FINAL, ward_code=ref.ward.code, ward_name=ref.ward.name,
            neighbourhood_code=code,
            neighbourhood_name=neighbourhood.name if neighbourhood else code,
            full_name="Nguyễn Thị Hoà", birth_year=1985, gender=Gender.FEMALE,
            category=next(iter(ref.categories)), place=Place.WARD_DESK,
            result=Result.COMPLETED, consent=True, consent_at=now, consent_method="verbal",
            consent_notice_version=ref.consent.version)
        validate(probe, ref, today=today)
        self._repo.get(probe.id)
        self._repo.fetch_rows([probe.id])
        with suppress(_RollBack), self._store.session() as session:
            insert_new_records(session, [probe], actor=profile.volunteer_name, action=CREATE,
                               at=now, sync_state=sync_state_for_change(session))
            raise _RollBack
