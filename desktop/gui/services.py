"""The store operations the GUI needs, as plain functions of one open store.

Everything here runs on the background-work helper's database thread (never on the GUI
thread) and is Qt-free apart from the collator used for Vietnamese name order. The GUI never
writes SQL: it calls these, which call the store's repositories.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QCollator, QCollatorSortKey, QLocale, Qt

from desktop.store import Store, keys, protection
from desktop.store.form_draft import FormDraft
from desktop.store.meetings import Meeting, MeetingRepository, MeetingSummary
from desktop.store.profile import Profile, ProfileRepository
from desktop.store.queries import (
    Counts,
    FollowUp,
    RecordFilter,
    RecordSort,
    RecordSummary,
    SortKey,
)
from desktop.store.record_rows import CREATE, insert_new_records, sync_state_for_change
from desktop.store.records import AuditEntry, RecordRepository
from sync.contract.record import AssistanceRecord, Gender, Place, RecordStatus, Result
from sync.contract.validation import validate

#: How many summaries one query asks for when the whole list has to be read (name order).
_NAME_CHUNK = 5_000


@dataclass(frozen=True)
class ListResult:
    ids: Sequence[uuid.UUID]
    counts: Counts


def vietnamese_collator() -> QCollator:
    collator = QCollator(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    collator.setNumericMode(True)
    return collator


def vietnamese_name_order(names: Sequence[tuple[uuid.UUID, str]], *,
                          descending: bool = False) -> list[uuid.UUID]:
    """Ids ordered the Vietnamese way: by given name (the last word), then the whole name.

    Vietnamese lists are read by given name ("Hoà" in "Nguyễn Thị Hoà"), with the Vietnamese
    alphabet (a ă â b c d đ e ê …), which folding accents would get wrong.
    """
    collator = vietnamese_collator()

    def key(item: tuple[uuid.UUID, str]) -> tuple[QCollatorSortKey, QCollatorSortKey]:
        name = item[1].strip()
        given = name.rsplit(" ", 1)[-1] if name else ""
        return (collator.sortKey(given), collator.sortKey(name))

    return [record_id for record_id, _ in sorted(names, key=key, reverse=descending)]


class _RollBack(Exception):
    """Raised inside the warm-up transaction so the store rolls it back."""


class StoreServices:
    """One open store and its repositories."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.records = RecordRepository(store)
        self.profiles = ProfileRepository(store)
        self.meetings = MeetingRepository(store)

    def today(self) -> date:
        return self.store.today()

    # --- list -------------------------------------------------------------------------------

    def list_records(self, flt: RecordFilter, sort: RecordSort,
                     progress: Callable[[int, int], None] | None = None) -> ListResult:
        ids: Sequence[uuid.UUID] = self.records.query_ids(flt, sort)
        if sort.key is SortKey.FULL_NAME:
            pairs: list[tuple[uuid.UUID, str]] = []
            for start in range(0, len(ids), _NAME_CHUNK):
                if progress is not None:
                    progress(start, len(ids))
                pairs.extend((r.id, r.full_name)
                             for r in self.records.fetch_rows(ids[start:start + _NAME_CHUNK]))
            ids = vietnamese_name_order(pairs, descending=sort.descending)
        return ListResult(ids=ids, counts=self.records.counts(self.today()))

    def fetch_rows(self, ids: Sequence[uuid.UUID]) -> list[RecordSummary]:
        return self.records.fetch_rows(ids)

    def index_ids(self, ids: Sequence[uuid.UUID]) -> None:
        """Build the id -> row map of a queried list now.

        The store's id list builds that map on its first lookup, which is the first save or
        selection after a query: ~20 ms for 100,000 ids. Run on the database worker right
        after the list is shown, it is never paid on the GUI thread.
        """
        _ = uuid.UUID(int=0) in ids

    def warm_up(self) -> None:
        """Pay the first save's one-time costs now, on the database worker, after start-up.

        SQLAlchemy compiles each statement the first time it runs (~6 ms for a save's
        select and three inserts) and validation builds its caches on first use. A probe
        record goes through the same calls as a real save, in a transaction that is rolled
        back, so nothing is written.
        """
        profile = self.profile()
        if profile is None:
            return
        ref = self.store.reference
        code = profile.neighbourhood_code
        neighbourhood = ref.neighbourhood(code)
        now = self.store.clock()
        probe = AssistanceRecord(
            device_id=str(profile.device_id), volunteer_name=profile.volunteer_name,
            created_at=now, updated_at=now, assisted_on=self.today(),
            status=RecordStatus.FINAL, ward_code=ref.ward.code, ward_name=ref.ward.name,
            neighbourhood_code=code,
            neighbourhood_name=neighbourhood.name if neighbourhood else code,
            full_name="Nguyễn Thị Hoà", birth_year=1985, gender=Gender.FEMALE,
            category=next(iter(ref.categories)), place=Place.WARD_DESK,
            result=Result.COMPLETED, consent=True, consent_at=now, consent_method="verbal",
            consent_notice_version=ref.consent.version)
        validate(probe, ref, today=self.today())
        self.records.get(probe.id)
        with suppress(_RollBack), self.store.session() as session:
            insert_new_records(session, [probe], actor=profile.volunteer_name, action=CREATE,
                               at=now, sync_state=sync_state_for_change(session))
            raise _RollBack

    def counts(self) -> Counts:
        return self.records.counts(self.today())

    # --- single records ---------------------------------------------------------------------

    def get(self, record_id: uuid.UUID) -> AssistanceRecord | None:
        return self.records.get(record_id)

    def save(self, record: AssistanceRecord, actor: str) -> AssistanceRecord:
        return self.records.save(record, actor)

    def delete(self, record_id: uuid.UUID, actor: str) -> AssistanceRecord:
        return self.records.delete(record_id, actor)

    def undo(self, record_id: uuid.UUID, actor: str) -> AssistanceRecord:
        return self.records.undo(record_id, actor)

    def history(self, record_id: uuid.UUID) -> list[AuditEntry]:
        return self.records.history(record_id)

    def find_duplicates(self, cccd: str | None, name_key: str, birth_year: int | None,
                        exclude_id: uuid.UUID | None) -> list[RecordSummary]:
        return self.records.find_duplicates(cccd, name_key, birth_year, exclude_id)

    def follow_ups(self) -> list[FollowUp]:
        return self.records.follow_ups(self.today())

    # --- profile and meetings ---------------------------------------------------------------

    def profile(self) -> Profile | None:
        return self.profiles.get()

    def save_profile(self, *, volunteer_name: str, neighbourhood_code: str, language: str,
                     server_url: str) -> Profile:
        return self.profiles.save(volunteer_name=volunteer_name,
                                  neighbourhood_code=neighbourhood_code, language=language,
                                  server_url=server_url or None)

    def current_meeting(self) -> Meeting | None:
        return self.meetings.current()

    def start_meeting(self, *, place: str, on: date, host: str,
                      neighbourhood_code: str) -> Meeting:
        return self.meetings.start(place=place, on=on, host=host,
                                   neighbourhood_code=neighbourhood_code)

    def end_meeting(self, meeting_id: uuid.UUID) -> MeetingSummary:
        self.meetings.end(meeting_id)
        return self.meetings.summary(meeting_id)

    def meeting_summary(self, meeting_id: uuid.UUID) -> MeetingSummary:
        return self.meetings.summary(meeting_id)

    # --- how the data is protected --------------------------------------------------------

    def protection_mode(self) -> protection.Mode | None:
        return protection.current_mode(self.store)

    @staticmethod
    def keyring_available() -> bool:
        return keys.default_keystore().available()

    def change_protection(self, mode: protection.Mode,
                          passphrase: keys.StoreKey | None = None) -> None:
        """Re-encrypt the store (see ``desktop.store.protection.change_protection``)."""
        protection.change_protection(self.store, mode, passphrase=passphrase)

    # --- the entry form's autosave (inside the encrypted store) -----------------------------

    def load_draft(self) -> dict[str, object] | None:
        return FormDraft(self.store).load()

    def save_draft(self, snapshot: dict[str, object]) -> None:
        FormDraft(self.store).save(snapshot)

    def clear_draft(self) -> None:
        FormDraft(self.store).clear()

    def close(self) -> None:
        self.store.close()
