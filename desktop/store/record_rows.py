"""Turning contract records into rows of ``records``, ``outbox`` and ``audit`` — and back.

Both the single-record writes (:mod:`desktop.store.records`) and the bulk import use these
builders, so a record imported from a spreadsheet is stored exactly like one typed in the form.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from enum import Enum
from typing import Any

from sqlalchemy import Table, exists, insert, select
from sqlalchemy.orm import Session

from desktop.store.models import (
    CONFIRMED_OUTCOMES,
    AuditRow,
    Base,
    OutboxRow,
    ProfileRow,
    RecordRow,
    SyncState,
)
from sync.contract.normalize import search_key
from sync.contract.record import RECORD_FIELDS, AssistanceRecord, RecordStatus

#: Fields whose change is not worth an audit line (they change with every revision).
UNAUDITED_FIELDS = frozenset({"revision", "updated_at"})

#: Audit actions.
CREATE, IMPORT, UPDATE, DELETE, RESTORE = "create", "import", "update", "delete", "restore"


def table(model: type[Base]) -> Table:
    """The Core table of a mapped class (for executemany inserts without the ORM)."""
    result = model.__table__
    assert isinstance(result, Table)
    return result


def phone_digits(canonical: str | None) -> str | None:
    """ "+84912345678" -> "0912345678": what people type when they search for a phone."""
    if not canonical:
        return None
    if canonical.startswith("+84"):
        return "0" + canonical[3:]
    return canonical.lstrip("+")


def dossier_key(code: str | None) -> str | None:
    if not code:
        return None
    return search_key(code).replace(" ", "")


def record_columns(record: AssistanceRecord) -> dict[str, Any]:
    """The ``records`` row for a record: its fields plus the laptop's search columns.

    ``sync_state``, ``server_message`` and ``review_state`` are not part of the record and
    are left to the caller.
    """
    values: dict[str, Any] = {}
    for name in RECORD_FIELDS:
        value = getattr(record, name)
        values[name] = value.value if isinstance(value, Enum) else value
    values["name_key"] = search_key(record.full_name)
    values["birth_year_key"] = record.effective_birth_year()
    values["phone_digits"] = phone_digits(record.phone)
    values["dossier_key"] = dossier_key(record.dossier_code)
    return values


def record_from_row(row: Mapping[Any, Any]) -> AssistanceRecord:
    """The contract record held in a ``records`` row (extra columns are ignored)."""
    return AssistanceRecord.model_validate({name: row[name] for name in RECORD_FIELDS})


def wire_value(record: AssistanceRecord, field: str) -> str:
    """A field's value as JSON text, the form audit rows keep old/new values in."""
    return json.dumps(record.to_wire()[field], ensure_ascii=False)


def outbox_values(
    record: AssistanceRecord, *, base_revision: int | None, at: datetime
) -> dict[str, Any]:
    return {
        "record_id": record.id,
        "revision": record.revision,
        "base_revision": base_revision,
        "payload": record.to_wire(),
        "created_at": at,
    }


def audit_values(
    record: AssistanceRecord,
    *,
    at: datetime,
    actor: str,
    action: str,
    field: str | None = None,
    old: str | None = None,
    new: str | None = None,
) -> dict[str, Any]:
    return {
        "record_id": record.id,
        "revision": record.revision,
        "at": at,
        "actor": actor,
        "action": action,
        "field": field,
        "old": old,
        "new": new,
    }


def changed_fields(before: AssistanceRecord, after: AssistanceRecord) -> list[str]:
    old, new = before.to_wire(), after.to_wire()
    return [f for f in RECORD_FIELDS if f not in UNAUDITED_FIELDS and old[f] != new[f]]


def sync_state_for_change(session: Session) -> str:
    """'pending' when a ward server is configured, else 'local' (nothing to send it to yet)."""
    server_url = session.scalar(select(ProfileRow.server_url).where(ProfileRow.id == 1))
    return SyncState.PENDING if server_url else SyncState.LOCAL


def stays_on_laptop(record: AssistanceRecord, *, known_to_server: bool = False) -> bool:
    """Whether this revision must not leave the laptop.

    A draft may already hold a resident's name, CCCD and phone before the resident has
    consented (the volunteer saves a draft, then reads the notice), so no draft is ever sent:
    it stays here until it is final, and a final record carries consent (or, for a declined
    help, no personal data at all — the contract's rule). The tombstone of a draft is sent only
    when the ward already holds an earlier (final) revision of the record.
    """
    if record.status is not RecordStatus.DRAFT:
        return False
    return not (record.deleted and known_to_server)


def known_to_server(session: Session, record_id: uuid.UUID) -> bool:
    """Whether the ward has confirmed holding some revision of this record."""
    return bool(
        session.scalar(
            select(
                exists().where(
                    OutboxRow.record_id == record_id,
                    OutboxRow.outcome.in_(CONFIRMED_OUTCOMES),
                )
            )
        )
    )


def sync_state_of(record: AssistanceRecord, server_state: str, *,
                  known_to_server: bool = False) -> str:
    """The list's sync state of a revision just written: 'local' for what stays here."""
    if stays_on_laptop(record, known_to_server=known_to_server):
        return SyncState.LOCAL
    return server_state


def insert_new_records(
    session: Session,
    records: Sequence[AssistanceRecord],
    *,
    actor: str,
    action: str,
    at: datetime,
    sync_state: str,
) -> None:
    """Insert brand-new records with their first outbox entry and a create/import audit line.

    Runs as three executemany statements, so a chunk of thousands costs a few milliseconds
    per table; the caller's transaction makes the chunk all-or-nothing.
    """
    if not records:
        return
    rows = []
    for record in records:
        row = record_columns(record)
        row["sync_state"] = sync_state_of(record, sync_state)
        rows.append(row)
    # Core inserts on the tables (not the ORM classes): plain executemany, no ORM bookkeeping.
    session.execute(insert(table(RecordRow)), rows)
    session.execute(
        insert(table(OutboxRow)), [outbox_values(r, base_revision=None, at=at) for r in records]
    )
    session.execute(
        insert(table(AuditRow)),
        [audit_values(r, at=at, actor=actor, action=action) for r in records],
    )


def insert_audit(session: Session, rows: Iterable[dict[str, Any]]) -> None:
    batch = list(rows)
    if batch:
        session.execute(insert(table(AuditRow)), batch)


def decode_audit_value(text: str | None) -> object:
    return None if text is None else json.loads(text)


def uuid_or_none(value: object) -> uuid.UUID | None:
    if value is None or isinstance(value, uuid.UUID):
        return value
    return uuid.UUID(str(value))
