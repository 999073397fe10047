"""The matcher's tables, on the server's Base (one metadata, one Alembic history: 0004_c).

``resident_profiles``
    the identifying fields of each record's head version, normalised once when indexed;
``resident_keys``
    blocking keys (see :mod:`sync.server.linkage.keys`); primary key (key, record_id), so
    looking up a batch's keys is one index range scan per key;
``resident_name_counts``
    how many indexed records carry each surname, middle and given name (and ``("*", "")``: how
    many records are indexed), for the term frequencies;
``resident_proposals``
    candidate pairs (record_a < record_b) with kind, score, level, reasons and review state;
``resident_decisions``
    pairs staff decided are different people: never proposed again;
``resident_links`` / ``resident_link_changes``
    each "same person" decision and, per record it moved, the resident it had before, so an
    unlink restores exactly what was there;
``record_exclusions``
    records staff excluded from counts as double entries (reports read this table).
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import (
    Date,
    Double,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from sync.server.models import Base


class ProposalState(StrEnum):
    OPEN = "open"
    LINKED = "linked"  # staff: the same person (records linked to one resident)
    DIFFERENT = "different"  # staff: different people
    EXCLUDED = "excluded"  # staff: a double entry, one record excluded from counts


class ResidentProfile(Base):
    __tablename__ = "resident_profiles"
    __table_args__ = (
        # The staff queue's search ("lan nguyen" finds "Nguyễn Thị Lan"): every folded word
        # is a substring of name_key. A trigram index makes that an index scan on PostgreSQL;
        # SQLite (small wards) scans, so its copy of the index is an empty partial one.
        Index("ix_resident_profiles_name_trgm", "name_key", postgresql_using="gin",
              postgresql_ops={"name_key": "gin_trgm_ops"}, sqlite_where=text("0")),
    )

    record_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("records.id", ondelete="CASCADE"), primary_key=True
    )
    name: Mapped[str] = mapped_column(Text, default="")
    #: The folded name in Vietnamese order ("nguyen thi lan"), for staff search.
    name_key: Mapped[str] = mapped_column(String(255), default="", index=True)
    birth_date: Mapped[date | None] = mapped_column(Date)
    birth_year: Mapped[int | None] = mapped_column(Integer)
    gender: Mapped[str | None] = mapped_column(String(8))
    # Indexed for the staff queue's search by number (0005_c).
    cccd: Mapped[str | None] = mapped_column(String(12), index=True)
    cmnd: Mapped[str | None] = mapped_column(String(12), index=True)
    phone: Mapped[str | None] = mapped_column(String(16), index=True)
    neighbourhood: Mapped[str] = mapped_column(String(32), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str | None] = mapped_column(String(32))
    assisted_on: Mapped[date | None] = mapped_column(Date)
    indexed_at: Mapped[datetime]


class ResidentKey(Base):
    """No foreign key on purpose: the index keeps these rows in step with the profiles, and
    checking one per row would slow the bulk load of a batch's ~15 keys per record."""

    __tablename__ = "resident_keys"

    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)


class ResidentNameCount(Base):
    __tablename__ = "resident_name_counts"

    part: Mapped[str] = mapped_column(String(8), primary_key=True)
    value: Mapped[str] = mapped_column(String(255), primary_key=True)
    records: Mapped[int] = mapped_column(Integer)


class ResidentLink(Base):
    __tablename__ = "resident_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    #: The proposal decided, if the link came from one (no foreign key: proposals point here).
    proposal_id: Mapped[int | None] = mapped_column(Integer)
    record_a: Mapped[str] = mapped_column(String(36))
    record_b: Mapped[str] = mapped_column(String(36))
    #: The resident both records now belong to, and the one whose records moved into it.
    kept_resident: Mapped[str] = mapped_column(String(36), index=True)
    merged_resident: Mapped[str] = mapped_column(String(36), index=True)
    linked_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    linked_at: Mapped[datetime]
    undone_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    undone_at: Mapped[datetime | None]


class ResidentLinkChange(Base):
    __tablename__ = "resident_link_changes"

    link_id: Mapped[int] = mapped_column(
        ForeignKey("resident_links.id", ondelete="CASCADE"), primary_key=True
    )
    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    #: The record's ``record_residents.resident_id`` before the link; ``None``: it had no row.
    previous_resident: Mapped[str | None] = mapped_column(String(36))


class ResidentProposal(Base):
    __tablename__ = "resident_proposals"
    __table_args__ = (
        UniqueConstraint("record_a", "record_b", name="uq_resident_proposal_pair"),
        Index("ix_resident_proposals_record_b", "record_b"),
        Index("ix_resident_proposals_state_score", "state", "score"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    record_a: Mapped[str] = mapped_column(
        String(36), ForeignKey("records.id", ondelete="CASCADE")
    )
    record_b: Mapped[str] = mapped_column(
        String(36), ForeignKey("records.id", ondelete="CASCADE")
    )
    kind: Mapped[str] = mapped_column(String(16))
    level: Mapped[str] = mapped_column(String(16))
    score: Mapped[int] = mapped_column(Integer)
    weight: Mapped[float] = mapped_column(Double)
    #: JSON list of {code, vi, en, weight}.
    reasons: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(16), default=ProposalState.OPEN.value)
    link_id: Mapped[int | None] = mapped_column(
        ForeignKey("resident_links.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None]


class ResidentDecision(Base):
    """Pairs staff said are different people (record_a < record_b)."""

    __tablename__ = "resident_decisions"

    record_a: Mapped[str] = mapped_column(
        String(36), ForeignKey("records.id", ondelete="CASCADE"), primary_key=True
    )
    record_b: Mapped[str] = mapped_column(
        String(36), ForeignKey("records.id", ondelete="CASCADE"), primary_key=True
    )
    decision: Mapped[str] = mapped_column(String(16))
    proposal_id: Mapped[int | None] = mapped_column(Integer)
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime]


class RecordExclusion(Base):
    """A record left out of counts (a double entry); deleting the row includes it again."""

    __tablename__ = "record_exclusions"

    record_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("records.id", ondelete="CASCADE"), primary_key=True
    )
    proposal_id: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text, default="")
    excluded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    excluded_at: Mapped[datetime]


class LinkingQueue(Base):
    """Records whose head changed and that still wait to be scored against the stored ones.

    Written in the transaction that changed the head (a push, a bundle import, a staff
    correction), read and emptied after it by :mod:`sync.server.linking` outside the laptop's
    request, so a sync does not wait for the scoring. A newer head of a queued record moves
    its ``queued_at``, so a drain that read the older one leaves it queued.
    """

    __tablename__ = "linking_queue"

    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    queued_at: Mapped[datetime] = mapped_column(index=True)
