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

from sync.contract.wire import ReviewState, Role

__all__ = ["ReviewState", "Role"]  # re-exported: the server's code names them from here


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
    ERASURE = "erasure"  # the resident's personal data was erased: laptops erase it too
    #: Told to the device a record was handed to (and to the one it was taken from).
    HANDOVER = "handover"


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


class LoginThrottle(Base):
    """Consecutive failed staff logins for one typed username *from one client address*.

    Keyed by both, so that wrong guesses from one place slow down only that place: the right
    password from anywhere else still works. Keyed by the username as typed (not the user
    id), so a name that does not exist is throttled exactly like one that does. A successful
    login from that address deletes the row; the housekeeping purge deletes forgotten ones.
    """

    __tablename__ = "login_throttle"

    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    address: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer)
    last_failed_at: Mapped[datetime]
    #: No password is checked for this pair before this time (the growing delay).
    blocked_until: Mapped[datetime | None]


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
    #: The reference data version the laptop named at its last pull (migration 0005_d).
    reference_version: Mapped[str | None] = mapped_column(String(400))
    #: The laptop's Ed25519 public key (base64), sent at enrolment: USB bundles must be
    #: signed with its private half, which only the laptop holds. None: enrolled before that.
    signing_public_key: Mapped[str | None] = mapped_column(String(64))


class Record(Base):
    __tablename__ = "records"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    head_revision: Mapped[int] = mapped_column(Integer)
    head_hash: Mapped[str] = mapped_column(String(64))
    neighbourhood_code: Mapped[str] = mapped_column(String(32), index=True)
    #: The laptop that made the record (its ``device_id``, which never changes).
    device_id: Mapped[str | None] = mapped_column(String(64))
    #: The one device allowed to send new versions: the maker, unless the ward handed the
    #: record to another device (``hotroso-server hand-over``). ``/pull`` serves a device the
    #: feed of the records it owns.
    owner_device_id: Mapped[str | None] = mapped_column(String(36), index=True)
    #: Set when a version arrived whose base was not the head: the ward must decide.
    flagged: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    review_state: Mapped[str] = mapped_column(String(16), default=ReviewState.RECEIVED.value)
    review_comment: Mapped[str] = mapped_column(Text, default="")
    reviewed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reviewed_at: Mapped[datetime | None]
    #: Indexed: the staff review queue is read in arrival order (first page at 1M records).
    first_received_at: Mapped[datetime] = mapped_column(index=True)
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


class Erasure(Base):
    """A record whose resident's personal data the ward erased (on request or by retention).

    Every stored version, feed item and audit entry of the record has been anonymised; a
    laptop that had not heard of it yet may still push an old version: revisions up to
    ``head_revision`` are then answered "already had" and never stored again, and newer ones
    are stored anonymised (``sync.server.erasure.screen_items``).
    """

    __tablename__ = "erasures"

    record_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("records.id", ondelete="CASCADE"), primary_key=True
    )
    head_revision: Mapped[int] = mapped_column(Integer)
    erased_at: Mapped[datetime]
    #: Who asked for it: ``staff:<username>``, ``cli``, ``retention`` or ``device:<id>``.
    erased_by: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str] = mapped_column(String(200), default="")


class AuditEntry(Base):
    """The server's audit trail: who did what to what, when. Append-only (the migration adds
    triggers that refuse UPDATE and DELETE); written through :func:`sync.server.audit.record`.
    """

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    at: Mapped[datetime] = mapped_column(index=True)
    #: ``user:NAME``, ``device:ID``, ``cli`` (an operator at the server's console) …
    actor: Mapped[str] = mapped_column(String(100))
    #: A dotted verb: ``login.success``, ``record.hand_over``, ``user.disable`` …
    action: Mapped[str] = mapped_column(String(64), index=True)
    #: What it was done to: ``user:NAME``, ``record:ID``, ``device:ID`` …
    target: Mapped[str] = mapped_column(String(200), default="")
    #: JSON object with the particulars (client address, old and new owner, …).
    details: Mapped[str] = mapped_column(Text, default="{}")


class DeviceUsage(Base):
    """What a device stored on one ward day (UTC+7): the per-device daily quota's counter."""

    __tablename__ = "device_usage"

    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    day: Mapped[str] = mapped_column(String(10), primary_key=True)  # ISO date
    records: Mapped[int] = mapped_column(BigInteger)
    bytes: Mapped[int] = mapped_column(BigInteger)
