"""The records repository: every change is one transaction of record + outbox + audit.

Write rules:

- :meth:`RecordRepository.save` creates or updates. The store assigns ``revision`` (previous
  + 1), ``created_at`` (kept from the first revision) and ``updated_at`` (the clock); what the
  caller put there is ignored. Saving an unchanged record writes nothing.
- A *final* record must pass :func:`sync.contract.validation.validate` or
  :class:`~sync.contract.validation.ValidationError` is raised; a draft is stored as it is
  (the form shows its problems beside the fields).
- :meth:`delete` is a tombstone (``deleted = True``, new revision), so it syncs like any change.
- :meth:`undo` reverts the latest revision of a record as a *new* revision: an update is
  reverted field by field from the audit trail, a delete is restored, a create is deleted.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import false, insert, select, update
from sqlalchemy.orm import Session

from desktop.store import queries
from desktop.store.database import Store
from desktop.store.errors import RecordNotFound
from desktop.store.models import AuditRow, OutboxRow, RecordRow
from desktop.store.queries import (
    Counts,
    FollowUp,
    RecordFilter,
    RecordIds,
    RecordSort,
    RecordSummary,
)
from desktop.store.record_rows import (
    CREATE,
    DELETE,
    RESTORE,
    UPDATE,
    audit_values,
    changed_fields,
    decode_audit_value,
    insert_audit,
    insert_new_records,
    known_to_server,
    outbox_values,
    record_columns,
    record_from_row,
    sync_state_for_change,
    sync_state_of,
    wire_value,
)
from sync.contract.record import RECORD_FIELDS, AssistanceRecord, RecordStatus
from sync.contract.validation import ValidationError, validate


@dataclass(frozen=True)
class AuditEntry:
    """One line of a record's history; ``old``/``new`` are wire values (ISO dates, enum values)."""

    at: datetime
    actor: str
    action: str
    revision: int
    field: str | None
    old: object
    new: object


class RecordRepository:
    def __init__(self, store: Store) -> None:
        self._store = store

    # ---- writes -------------------------------------------------------------------------

    def save(self, record: AssistanceRecord, actor: str) -> AssistanceRecord:
        """Create or update ``record``; return it as stored (with its new revision).

        Raises:
            ValidationError: a final record has problems.
        """
        if record.status is RecordStatus.FINAL:
            problems = validate(record, self._store.reference, today=self._store.today())
            if problems:
                raise ValidationError(problems)
        with self._store.session() as session:
            current = _load(session, record.id)
            if current is None:
                return self._create(session, record, actor)
            return self._update(session, current, record, actor, action=UPDATE)

    def delete(self, record_id: uuid.UUID, actor: str) -> AssistanceRecord:
        """Tombstone a record (a new revision with ``deleted = True``)."""
        with self._store.session() as session:
            current = _require(session, record_id)
            if current.deleted:
                return current
            return self._update(
                session, current, current.model_copy(update={"deleted": True}), actor, action=DELETE
            )

    def restore(self, record_id: uuid.UUID, actor: str) -> AssistanceRecord:
        """Bring a deleted record back (a new revision with ``deleted = False``)."""
        with self._store.session() as session:
            current = _require(session, record_id)
            if not current.deleted:
                return current
            return self._update(
                session,
                current,
                current.model_copy(update={"deleted": False}),
                actor,
                action=RESTORE,
            )

    def undo(self, record_id: uuid.UUID, actor: str) -> AssistanceRecord:
        """Revert the latest revision of a record, as a new revision (see module docstring)."""
        with self._store.session() as session:
            current = _require(session, record_id)
            entries = session.scalars(
                select(AuditRow).where(
                    AuditRow.record_id == record_id, AuditRow.revision == current.revision
                )
            ).all()
            actions = {entry.action for entry in entries}
            if actions & {CREATE, "import"}:
                previous = current.model_copy(update={"deleted": True})
                action = DELETE
            elif DELETE in actions:
                previous = current.model_copy(update={"deleted": False})
                action = RESTORE
            else:
                wire = current.to_wire()
                for entry in entries:
                    if entry.field is not None and entry.field in RECORD_FIELDS:
                        wire[entry.field] = decode_audit_value(entry.old)
                previous = AssistanceRecord.from_wire(wire)
                action = RESTORE
            return self._update(session, current, previous, actor, action=action)

    def _create(self, session: Session, record: AssistanceRecord, actor: str) -> AssistanceRecord:
        now = self._store.clock()
        stored = record.model_copy(update={"revision": 1, "created_at": now, "updated_at": now})
        insert_new_records(
            session,
            [stored],
            actor=actor,
            action=CREATE,
            at=now,
            sync_state=sync_state_for_change(session),
        )
        return stored

    def _update(
        self,
        session: Session,
        current: AssistanceRecord,
        wanted: AssistanceRecord,
        actor: str,
        *,
        action: str,
    ) -> AssistanceRecord:
        fields = changed_fields(current, wanted)
        if not fields:
            return current
        now = self._store.clock()
        stored = wanted.model_copy(
            update={
                "revision": current.revision + 1,
                "created_at": current.created_at,
                "updated_at": now,
            }
        )
        values = record_columns(stored)
        values["sync_state"] = sync_state_of(
            stored, sync_state_for_change(session),
            known_to_server=stored.deleted and known_to_server(session, stored.id),
        )
        session.execute(update(RecordRow).where(RecordRow.id == stored.id).values(values))
        session.execute(
            insert(OutboxRow),
            [outbox_values(stored, base_revision=current.revision, at=now)],
        )
        insert_audit(
            session,
            (
                audit_values(
                    stored,
                    at=now,
                    actor=actor,
                    action=action,
                    field=name,
                    old=wire_value(current, name),
                    new=wire_value(stored, name),
                )
                for name in fields
            ),
        )
        return stored

    # ---- reads --------------------------------------------------------------------------

    def get(self, record_id: uuid.UUID) -> AssistanceRecord | None:
        with self._store.read() as session:
            return _load(session, record_id)

    def query_ids(
        self, flt: RecordFilter | None = None, sort: RecordSort | None = None
    ) -> RecordIds:
        with self._store.read() as session:
            return queries.query_ids(session, flt or RecordFilter(), sort or RecordSort())

    def fetch_rows(self, ids: Sequence[uuid.UUID]) -> list[RecordSummary]:
        with self._store.read() as session:
            return queries.fetch_rows(session, ids)

    def counts(self, today: date) -> Counts:
        with self._store.read() as session:
            return queries.counts(session, today)

    def find_duplicates(
        self,
        cccd: str | None,
        name_key: str | None,
        birth_year: int | None,
        exclude_id: uuid.UUID | None = None,
    ) -> list[RecordSummary]:
        with self._store.read() as session:
            return queries.find_duplicates(
                session, cccd=cccd, name_key=name_key, birth_year=birth_year, exclude_id=exclude_id
            )

    def follow_ups(self, today: date) -> list[FollowUp]:
        with self._store.read() as session:
            return queries.follow_ups(session, today)

    def history(self, record_id: uuid.UUID) -> list[AuditEntry]:
        """Every change to a record, oldest first."""
        with self._store.read() as session:
            rows = session.scalars(
                select(AuditRow).where(AuditRow.record_id == record_id).order_by(AuditRow.id)
            ).all()
            return [
                AuditEntry(
                    at=row.at,
                    actor=row.actor,
                    action=row.action,
                    revision=row.revision,
                    field=row.field,
                    old=decode_audit_value(row.old),
                    new=decode_audit_value(row.new),
                )
                for row in rows
            ]

    def iter_all(self, *, include_deleted: bool = False) -> list[AssistanceRecord]:
        """Every record, oldest help first (for export)."""
        with self._store.read() as session:
            statement = select(RecordRow.__table__).order_by(
                RecordRow.assisted_on, RecordRow.created_at
            )
            if not include_deleted:
                statement = statement.where(RecordRow.deleted == false())
            return [record_from_row(row._mapping) for row in session.execute(statement)]


def _load(session: Session, record_id: uuid.UUID) -> AssistanceRecord | None:
    row = session.execute(
        select(RecordRow.__table__).where(RecordRow.id == record_id)
    ).one_or_none()
    return None if row is None else record_from_row(row._mapping)


def _require(session: Session, record_id: uuid.UUID) -> AssistanceRecord:
    record = _load(session, record_id)
    if record is None:
        raise RecordNotFound(record_id)
    return record
