"""Typed SQLAlchemy models of the local store.

The schema itself is owned by the Alembic migrations in ``desktop/store/migrations``; these
classes describe it for queries. ``tests/store/test_migrations.py`` fails when the two drift.

``records`` holds the contract's fields one column each (same names, see
:mod:`sync.contract.record`) plus columns that exist only on the laptop: search keys and the
sync/review state. Enum fields are stored as their string values.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    Uuid,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from desktop.store.types import UtcDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class SyncState:
    """Values of ``records.sync_state``."""

    LOCAL = "local"  # only on this laptop: no ward server configured yet
    PENDING = "pending"  # waiting to be sent
    SENT = "sent"  # the server has this revision
    ATTENTION = "attention"  # rejected, in conflict, or the ward flagged an issue

    ALL = (LOCAL, PENDING, SENT, ATTENTION)


#: Outbox outcomes that mean the ward holds that revision.
CONFIRMED_OUTCOMES = ("accepted", "received")


#: Columns the records list filters or sorts on, carried in its covering indexes.
LIST_COLUMNS = (
    "name_key", "cccd", "cmnd", "phone_digits", "dossier_key", "neighbourhood_code",
    "neighbourhood_name", "category", "result", "status", "sync_state", "meeting_id",
    "follow_up_date", "birth_year_key", "updated_at",
)  # fmt: skip


class RecordRow(Base):
    __tablename__ = "records"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    device_id: Mapped[str] = mapped_column(String(64))
    volunteer_name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    assisted_on: Mapped[date] = mapped_column(Date)
    revision: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)

    ward_code: Mapped[str] = mapped_column(String(32))
    ward_name: Mapped[str] = mapped_column(String(200))
    neighbourhood_code: Mapped[str] = mapped_column(String(32))
    neighbourhood_name: Mapped[str] = mapped_column(String(200))

    full_name: Mapped[str] = mapped_column(String(200), default="")
    birth_date: Mapped[date | None] = mapped_column(Date)
    birth_year: Mapped[int | None] = mapped_column(Integer)
    gender: Mapped[str | None] = mapped_column(String(16))
    cccd: Mapped[str | None] = mapped_column(String(12))
    cmnd: Mapped[str | None] = mapped_column(String(12))
    phone: Mapped[str | None] = mapped_column(String(20))
    address: Mapped[str] = mapped_column(Text, default="")

    category: Mapped[str | None] = mapped_column(String(64))
    category_detail: Mapped[str] = mapped_column(Text, default="")
    procedure_code: Mapped[str | None] = mapped_column(String(32))
    online_level: Mapped[str | None] = mapped_column(String(16))
    dossier_code: Mapped[str | None] = mapped_column(String(64))
    place: Mapped[str | None] = mapped_column(String(16))
    meeting_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)

    result: Mapped[str | None] = mapped_column(String(16))
    follow_up_date: Mapped[date | None] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    consent: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    consent_method: Mapped[str | None] = mapped_column(String(16))
    consent_notice_version: Mapped[str | None] = mapped_column(String(64))

    # laptop-only columns
    name_key: Mapped[str] = mapped_column(String(200), default="")  # search_key(full_name)
    birth_year_key: Mapped[int | None] = mapped_column(Integer)  # effective birth year
    phone_digits: Mapped[str | None] = mapped_column(String(20))  # national digits, "0912345678"
    dossier_key: Mapped[str | None] = mapped_column(String(64))  # dossier code folded
    sync_state: Mapped[str] = mapped_column(String(16), default=SyncState.LOCAL)
    server_message: Mapped[str | None] = mapped_column(Text)
    review_state: Mapped[str | None] = mapped_column(String(32))

    __table_args__ = (
        # The records list (queries.py) reads only these covering, live-only indexes: an
        # ordered scan of a narrow index with the filter columns in it needs no lookup into
        # the wide table, which keeps a 100,000-record list well under 100 ms.
        Index("ix_records_list_by_date", "assisted_on", "created_at", "id", *LIST_COLUMNS,
              sqlite_where=text("deleted = 0")),
        Index("ix_records_list_by_name", "name_key", "created_at", "id",
              *(c for c in LIST_COLUMNS if c != "name_key"),
              sqlite_where=text("deleted = 0")),
        # Exact lookups: duplicates, follow-ups, a meeting's records.
        Index("ix_records_cccd", "cccd"),
        Index("ix_records_dup_name", "name_key", "birth_year_key"),
        Index("ix_records_follow_up", "result", "follow_up_date"),
        Index("ix_records_meeting", "meeting_id"),
    )  # fmt: skip


class OutboxRow(Base):
    """One revision waiting for (or already through) the sync client."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    record_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("records.id"))
    revision: Mapped[int] = mapped_column(Integer)
    base_revision: Mapped[int | None] = mapped_column(Integer)
    payload: Mapped[dict[str, object]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    outcome: Mapped[str | None] = mapped_column(String(32))
    message: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        Index("ix_outbox_unsent", "sent_at", "id"),
        Index("ix_outbox_record", "record_id", "revision"),
    )


class AuditRow(Base):
    """Who changed what, when. ``old``/``new`` hold JSON-encoded wire values of ``field``.

    A create/import/delete/restore writes one row with ``field`` NULL (or ``deleted``); an
    update writes one row per changed field, which is what undo replays backwards.
    """

    __tablename__ = "audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    record_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("records.id"))
    revision: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(16))
    field: Mapped[str | None] = mapped_column(String(64))
    old: Mapped[str | None] = mapped_column(Text)
    new: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_audit_record", "record_id", "revision"),)


class ProfileRow(Base):
    """The volunteer using this laptop (exactly one row, id = 1)."""

    __tablename__ = "profile"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    device_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    volunteer_name: Mapped[str] = mapped_column(String(200))
    neighbourhood_code: Mapped[str] = mapped_column(String(32))
    language: Mapped[str] = mapped_column(String(8), default="vi")
    server_url: Mapped[str | None] = mapped_column(String(500))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class SettingRow(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class MeetingRow(Base):
    """A neighbourhood meeting: records entered during it carry its id."""

    __tablename__ = "meetings"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    place: Mapped[str] = mapped_column(String(200))
    date: Mapped[date] = mapped_column(Date)
    host: Mapped[str] = mapped_column(String(200), default="")
    neighbourhood_code: Mapped[str] = mapped_column(String(32))
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class ImportBatchRow(Base):
    """One run of ``hotroso import`` (or the GUI import), for the report and for support."""

    __tablename__ = "import_batches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    file_name: Mapped[str] = mapped_column(String(500))
    file_sha256: Mapped[str] = mapped_column(String(64))
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    actor: Mapped[str] = mapped_column(String(200))
    rows_total: Mapped[int] = mapped_column(Integer, default=0)
    rows_stored: Mapped[int] = mapped_column(Integer, default=0)
    rows_skipped: Mapped[int] = mapped_column(Integer, default=0)
    rows_rejected: Mapped[int] = mapped_column(Integer, default=0)


class ImportFingerprintRow(Base):
    """A source row already imported: re-importing a row with this fingerprint adds nothing.

    See ``docs/import.md`` for what goes into the fingerprint.
    """

    __tablename__ = "import_fingerprints"

    fingerprint: Mapped[str] = mapped_column(String(64), primary_key=True)
    record_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("records.id"))
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batches.id"))
    line: Mapped[int] = mapped_column(Integer)

    __table_args__ = (Index("ix_import_fingerprints_record", "record_id"),)


class SyncCursorRow(Base):
    """Named positions of the sync client (e.g. the last server change seen)."""

    __tablename__ = "sync_cursors"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class FormDraftRow(Base):
    """The entry form's autosave snapshot (one row, id = 1): typed, not yet saved.

    In the store rather than in a file so that it is encrypted with everything else.
    """

    __tablename__ = "form_draft"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    snapshot: Mapped[dict[str, object]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ExportRow(Base):
    """One file of personal data written from this laptop (a CSV/XLSX export, a USB bundle).

    Such a file leaves the store's protection (an export is not encrypted at all), so who
    wrote which file, when, with how many records is kept here for the ward to ask about.
    """

    __tablename__ = "exports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    actor: Mapped[str] = mapped_column(String(200))  # the volunteer profile's name
    os_user: Mapped[str] = mapped_column(String(200))  # the computer account (shared laptops)
    kind: Mapped[str] = mapped_column(String(16))  # "csv", "xlsx", "bundle"
    file_path: Mapped[str] = mapped_column(Text)
    record_count: Mapped[int] = mapped_column(Integer)
    encrypted: Mapped[bool] = mapped_column(Boolean)

    __table_args__ = (Index("ix_exports_at", "at"),)
