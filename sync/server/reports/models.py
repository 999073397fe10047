"""The reporting tables, on the ward server's ``Base``.

``record_facts`` is the read model reports aggregate over: one row per record, copied from its
head version's JSON by :func:`sync.server.reports.facts.refresh_facts`. Parsing the JSON of a
million heads for every report would take minutes; grouping a narrow indexed table takes well
under a second. Text columns copied from a payload are unbounded on purpose: a push must never
fail because a draft's free text is longer than a report column.

The lock tables keep what a period's report was when staff locked it ("chốt số liệu"), so a
locked report prints the same however the records change later, and the history of locking and
unlocking (who, when, why) until the server's audit log takes it over.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    false,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from sync.server.models import Base

#: The one definition of "this record counts in reports", used by the partial index and by
#: every figure: a final, not deleted record that staff have not excluded as a double entry.
#: Spelt with NOT, not "= false": PostgreSQL rewrites the query's "deleted = false" to
#: "NOT deleted" and then cannot prove that an index defined with "= false" applies.
COUNTED_SQL = "status = 'final' AND NOT deleted AND NOT excluded"
#: Counted rows of a resident shared with other records (see RecordFact.person_id).
SHARED_SQL = f"{COUNTED_SQL} AND person_id IS NOT NULL"

#: The columns a report reads, in the order of the covering index. The last three are implied
#: by the index's WHERE, but SQLite still reads them, from the table unless the index has them.
REPORT_COLUMNS = (
    "assisted_on",
    "neighbourhood_code",
    "category",
    "procedure_code",
    "online_level",
    "volunteer_name",
    "result",
    "place",
    "person_id",
    "status",
    "deleted",
    "excluded",
)


class RecordFact(Base):
    """What reports need of a record's head version (see the module docstring)."""

    __tablename__ = "record_facts"
    __table_args__ = (
        # Every figure reads only counted rows of a range of days and groups them by the
        # other columns: a partial index holding exactly those rows and columns lets both
        # databases answer from the index alone, never touching the table.
        Index(
            "ix_record_facts_counted",
            *REPORT_COLUMNS,
            postgresql_where=text(COUNTED_SQL),
            sqlite_where=text(COUNTED_SQL),
        ),
        # The same for the few rows of people shared by several records: the residents'
        # DISTINCT reads only those.
        Index(
            "ix_record_facts_shared",
            *REPORT_COLUMNS,
            postgresql_where=text(SHARED_SQL),
            sqlite_where=text(SHARED_SQL),
        ),
        # No plain index on assisted_on: SQLite's planner then prefers it to this one and
        # reads the table for every row, ten times slower.
    )

    record_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("records.id", ondelete="CASCADE"), primary_key=True
    )
    revision: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String)
    deleted: Mapped[bool] = mapped_column(Boolean)
    #: Staff marked the record as a double entry (maintained by ``set_excluded``).
    excluded: Mapped[bool] = mapped_column(Boolean, server_default=false())
    assisted_on: Mapped[date] = mapped_column(Date)
    ward_code: Mapped[str] = mapped_column(String)
    #: As recorded on the day (reports map retired codes to today's units when grouping).
    neighbourhood_code: Mapped[str] = mapped_column(String)
    neighbourhood_name: Mapped[str] = mapped_column(String)
    category: Mapped[str | None] = mapped_column(String)
    procedure_code: Mapped[str | None] = mapped_column(String)
    online_level: Mapped[str | None] = mapped_column(String)
    volunteer_name: Mapped[str] = mapped_column(String)
    device_id: Mapped[str] = mapped_column(String)
    result: Mapped[str | None] = mapped_column(String)
    place: Mapped[str | None] = mapped_column(String)
    #: The resident this record shares with other records, when it shares one: the linked
    #: ``record_residents.resident_id``, or the record's own id when other records are linked
    #: to it. ``NULL`` = the record is its own person and nobody else's, which is most records:
    #: residents are then "rows without a person_id + distinct person_ids", and only the few
    #: shared people need a DISTINCT. Kept by ``refresh_facts``.
    person_id: Mapped[str | None] = mapped_column(String(36))
    #: When the server received the head version: what "changed after the lock" compares.
    changed_at: Mapped[datetime]
    #: A locked period's report no longer matches this record (see reports.locks).
    changed_after_lock: Mapped[bool] = mapped_column(Boolean, server_default=false())


class PeriodLock(Base):
    """A period whose report staff locked, with the report as it was at that moment."""

    __tablename__ = "period_locks"
    __table_args__ = (
        # At most one lock in force per period; unlocked ones stay as history.
        Index(
            "uq_period_locks_active",
            "first_day",
            "last_day",
            unique=True,
            postgresql_where=text("unlocked_at IS NULL"),
            sqlite_where=text("unlocked_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    #: The period's first and last day, both included.
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
    #: The period's kind and label as shown when it was locked (e.g. "6 tháng đầu năm 2025").
    kind: Mapped[str] = mapped_column(String(16))
    label_vi: Mapped[str] = mapped_column(String(200))
    label_en: Mapped[str] = mapped_column(String(200))
    locked_at: Mapped[datetime]
    locked_by: Mapped[str] = mapped_column(String(200))
    #: The figures (JSON, :meth:`ReportFigures.to_json`) and the CSV bytes (UTF-8 text) at lock.
    figures: Mapped[str] = mapped_column(Text)
    csv: Mapped[str] = mapped_column(Text)
    unlocked_at: Mapped[datetime | None]
    unlocked_by: Mapped[str | None] = mapped_column(String(200))
    unlock_reason: Mapped[str | None] = mapped_column(Text)


class PeriodLockMember(Base):
    """The records a locked report counted: a record edited *out* of the period (its day
    moved, it was deleted) must be flagged too, and its current facts no longer say so."""

    __tablename__ = "period_lock_members"

    lock_id: Mapped[int] = mapped_column(
        ForeignKey("period_locks.id", ondelete="CASCADE"), primary_key=True
    )
    record_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("records.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class PeriodLockChange(Base):
    """A record that changed after a period was locked: kept, counted live, flagged here."""

    __tablename__ = "period_lock_changes"

    lock_id: Mapped[int] = mapped_column(
        ForeignKey("period_locks.id", ondelete="CASCADE"), primary_key=True
    )
    record_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("records.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    first_changed_at: Mapped[datetime]
    last_changed_at: Mapped[datetime]


class PeriodLockEvent(Base):
    """Who locked or unlocked which period, when and why.

    Kept by the reports package until the server-wide audit log exists; then these rows can
    be copied into it and the table dropped.
    """

    __tablename__ = "period_lock_events"

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    lock_id: Mapped[int] = mapped_column(ForeignKey("period_locks.id"), index=True)
    #: ``lock`` or ``unlock``.
    action: Mapped[str] = mapped_column(String(8))
    by: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime]
    reason: Mapped[str] = mapped_column(Text, default="")


class ReportSettingsRow(Base):
    """The ward office's report settings (one row): who issues and signs the PDF report.

    A server table, not reference data: the signer's name and the document number concern the
    ward office only, change with staff, and have no business on every volunteer's laptop.
    """

    __tablename__ = "report_settings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: The settings as JSON (:class:`sync.server.reports.settings.ReportSettings`).
    settings: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime]
    updated_by: Mapped[str] = mapped_column(String(200))
