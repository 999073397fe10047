"""The ward server's tables (SQLAlchemy 2.0 typed ORM; bulk paths use the same tables via Core).

Records are kept as *versions*: every distinct (record id, revision, content) a device ever sent
is one immutable ``record_versions`` row, so two laptops that edited the same record offline
both keep their version. ``records`` holds one row per record id pointing at its head version
and carrying what the ward does with it (conflict flag, review state and comment).

``feed`` is the append-only list of things devices must learn at their next pull (reviews,
corrections, merge decisions, conflicts, reference data); its ``seq`` is the pull cursor.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite stores them naive)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Role(StrEnum):
    ADMIN = "admin"
    STAFF = "staff"  # ward staff: review, correct, export
    TEAM_LEAD = "team_lead"  # reviews the records of their neighbourhood
    VOLUNTEER = "volunteer"  # works through an enrolled device, no staff API


class ReviewState(StrEnum):
    RECEIVED = "received"
    APPROVED = "approved"
    HAS_ISSUES = "has_issues"
    REJECTED = "rejected"


class VersionOutcome(StrEnum):
    """What the server made of a version when it first arrived."""

    ACCEPTED = "accepted"  # became the head
    CONFLICT = "conflict"  # kept beside the head; the record is flagged for the ward
    CORRECTION = "correction"  # written by ward staff


class FeedKind(StrEnum):
    REVIEW = "review"
    CORRECTION = "correction"
    MERGE = "merge"
    CONFLICT = "conflict"
    REFERENCE = "reference"


class Base(DeclarativeBase):
    type_annotation_map: dict[Any, Any] = {datetime: UTCDateTime}  # noqa: RUF012


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(16))
    #: Team leads see only their neighbourhood; ``None`` for ward-wide roles.
    neighbourhood_code: Mapped[str | None] = mapped_column(String(32))
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]


class UserSession(Base):
    """A staff login: the token is random and stored only as its SHA-256."""

    __tablename__ = "user_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]


class LoginFailure(Base):
    """Consecutive failed staff logins for one typed username, and the lock they led to.

    Keyed by the username as typed, not by user id, so a name that does not exist locks and
    answers exactly like one that does: the lock tells an attacker nothing about which
    accounts exist. Rows are deleted by a successful login and by the housekeeping purge.
    """

    __tablename__ = "login_failures"

    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer)
    last_failed_at: Mapped[datetime]
    locked_until: Mapped[datetime | None]


class Device(Base):
    """A volunteer's laptop. Created by ``enroll-device`` with a one-time code, which the laptop
    trades for a long-lived token. Only hashes of the code and the token are stored."""

    __tablename__ = "devices"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    neighbourhood_code: Mapped[str] = mapped_column(String(32))
    volunteer_name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime]
    enrol_code_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    enrol_expires_at: Mapped[datetime | None]
    enrolled_at: Mapped[datetime | None]
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    revoked_at: Mapped[datetime | None]
    last_seen_at: Mapped[datetime | None]


class Record(Base):
    __tablename__ = "records"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    head_revision: Mapped[int] = mapped_column(Integer)
    head_hash: Mapped[str] = mapped_column(String(64))
    neighbourhood_code: Mapped[str] = mapped_column(String(32), index=True)
    #: Set when a version arrived whose base was not the head: the ward must decide.
    flagged: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    review_state: Mapped[str] = mapped_column(String(16), default=ReviewState.RECEIVED.value)
    review_comment: Mapped[str] = mapped_column(Text, default="")
    reviewed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reviewed_at: Mapped[datetime | None]
    first_received_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class RecordVersion(Base):
    __tablename__ = "record_versions"
    __table_args__ = (
        UniqueConstraint("record_id", "revision", "content_hash", name="uq_version_identity"),
        Index("ix_record_versions_device", "device_id", "record_id"),
    )

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    record_id: Mapped[str] = mapped_column(String(36))
    revision: Mapped[int] = mapped_column(Integer)
    base_revision: Mapped[int] = mapped_column(Integer)
    #: SHA-256 of the canonical JSON of the record: equal hashes == an exact replay.
    content_hash: Mapped[str] = mapped_column(String(64))
    #: The device that sent it (``None`` for a staff correction).
    device_id: Mapped[str | None] = mapped_column(String(36))
    outcome: Mapped[str] = mapped_column(String(16))
    #: The record as canonical JSON text (the wire shape of ``AssistanceRecord``).
    payload: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime]
    #: ``push``, ``bundle`` or ``staff``.
    via: Mapped[str] = mapped_column(String(8))


class FeedItem(Base):
    __tablename__ = "feed"

    seq: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    kind: Mapped[str] = mapped_column(String(16))
    record_id: Mapped[str | None] = mapped_column(String(36), index=True)
    #: For items meant for one device only; ``None`` = every device concerned by the record
    #: (or every device, when ``record_id`` is ``None`` too).
    device_id: Mapped[str | None] = mapped_column(String(36))
    payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]


class ReferenceSet(Base):
    """A published set of reference documents (ward, categories, procedures, …)."""

    __tablename__ = "reference_sets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    version: Mapped[str] = mapped_column(String(400))
    documents: Mapped[str] = mapped_column(Text)
    published_at: Mapped[datetime]


class RecordResident(Base):
    """Which resident (one person, as the ward knows them) a record is about.

    A record without a row here is its own resident: the resident of a record is
    ``COALESCE(record_residents.resident_id, records.id)``. Linking records the ward decided are
    the same person gives them one ``resident_id``; unlinking deletes the rows again. Reports
    count residents as distinct values of that expression, records as rows.
    """

    __tablename__ = "record_residents"

    record_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("records.id", ondelete="CASCADE"), primary_key=True
    )
    resident_id: Mapped[str] = mapped_column(String(36), index=True)
    linked_at: Mapped[datetime]


# The resident-matching tables live with their engine but on this Base (one metadata, one
# Alembic history); importing them here registers them wherever the models are used.
from sync.server.linkage import models as _linkage_models  # noqa: E402, F401
