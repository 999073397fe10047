"""A resident's rights on the ward server: find every record of one person, give them a copy,
and erase their personal data from every stored copy (Luật 91/2025/QH15).

``find_records`` looks through every stored version (an old revision may hold a number the
head no longer does), by CCCD, phone, or name with birth year, accent- and spelling-insensitive
as the laptop's search. ``erase`` anonymises every version, every feed item and the server's
own copies of the record, keeps the anonymous counts (date, neighbourhood, service, result),
records the erasure, and tells the laptops holding the record to erase it too at their next
sync. Afterwards, ``screen_items`` keeps a laptop that has not synced yet from sending the
personal data back.
"""

from __future__ import annotations

import csv
import hashlib
import json
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, select, text, update

from sync.contract.erasure import ERASED_FIELDS, anonymised
from sync.contract.errors import KnownError
from sync.contract.labels import field_label
from sync.contract.normalize import InvalidPhone, digits, normalize_phone, search_key
from sync.server import feed as feed_rows
from sync.server.linkage import index_records
from sync.server.models import Erasure, FeedItem, FeedKind, Record, RecordVersion

#: Versions read per round trip while searching: bounded memory on a large ward.
_SCAN_CHUNK = 2000


class ResidentQueryError(KnownError):
    """The person to look for is not described well enough."""


@dataclass(frozen=True)
class ResidentQuery:
    """One way to recognise a resident: a CCCD/CMND, a phone, or a name with birth year."""

    id_number: str | None = None
    phone: str | None = None
    name_key: str | None = None
    birth_year: int | None = None

    @classmethod
    def build(
        cls,
        *,
        cccd: str | None = None,
        phone: str | None = None,
        name: str | None = None,
        birth_year: int | None = None,
    ) -> ResidentQuery:
        given = [v for v in (cccd, phone, name) if v]
        if len(given) != 1:
            raise ResidentQueryError(
                "Hãy cho đúng một cách nhận ra người dân: --cccd, --phone, hoặc --name cùng "
                "--birth-year.",
                "Give exactly one way to recognise the resident: --cccd, --phone, or --name "
                "with --birth-year.",
            )
        if cccd:
            number = digits(cccd)
            if len(number) not in (9, 12):
                raise ResidentQueryError(
                    f"“{cccd}” không phải số CCCD (12 chữ số) hay CMND (9 chữ số).",
                    f"“{cccd}” is not a CCCD (12 digits) or CMND (9 digits) number.",
                )
            return cls(id_number=number)
        if phone:
            try:
                return cls(phone=normalize_phone(phone))
            except InvalidPhone:
                raise ResidentQueryError(
                    f"“{phone}” không phải số điện thoại Việt Nam.",
                    f"“{phone}” is not a Vietnamese phone number.",
                ) from None
        assert name is not None
        if birth_year is None or not 1900 <= birth_year <= 2100:
            raise ResidentQueryError(
                "Tìm theo họ tên cần cả --birth-year (năm sinh 4 chữ số): nhiều người trùng tên.",
                "Searching by name needs --birth-year too (4 digits): many people share a name.",
            )
        key = search_key(name)
        if not key:
            raise ResidentQueryError("Họ tên trống.", "The name is empty.")
        return cls(name_key=key, birth_year=birth_year)

    @property
    def kind(self) -> str:
        """How the resident was recognised (for the audit trail, which keeps no number)."""
        if self.id_number is not None:
            return "id_number"
        return "phone" if self.phone is not None else "name_and_birth_year"

    def matches(self, record: dict[str, Any]) -> bool:
        if self.id_number is not None:
            return self.id_number in (record.get("cccd"), record.get("cmnd"))
        if self.phone is not None:
            return record.get("phone") == self.phone
        born = record.get("birth_year")
        if born is None and isinstance(record.get("birth_date"), str):
            born = int(str(record["birth_date"])[:4])
        return born == self.birth_year and search_key(str(record.get("full_name", ""))) == (
            self.name_key
        )


@dataclass
class FoundRecord:
    record_id: str
    head: dict[str, Any]
    versions: int = 0


def find_records(conn: Connection, query: ResidentQuery) -> list[FoundRecord]:
    """Every record with at least one stored version that matches ``query``, with its head."""
    matched: set[str] = set()
    rows = conn.execution_options(yield_per=_SCAN_CHUNK).execute(
        select(RecordVersion.record_id, RecordVersion.payload)
    )
    for record_id, payload in rows:
        if record_id not in matched and query.matches(json.loads(payload)):
            matched.add(record_id)
    return _with_heads(conn, sorted(matched))


def _with_heads(conn: Connection, record_ids: Sequence[str]) -> list[FoundRecord]:
    found: list[FoundRecord] = []
    for start in range(0, len(record_ids), 500):
        chunk = list(record_ids[start : start + 500])
        heads = conn.execute(
            select(RecordVersion.record_id, RecordVersion.payload)
            .join(
                Record,
                (Record.id == RecordVersion.record_id)
                & (Record.head_revision == RecordVersion.revision)
                & (Record.head_hash == RecordVersion.content_hash),
            )
            .where(RecordVersion.record_id.in_(chunk))
        ).all()
        by_id = {rid: json.loads(payload) for rid, payload in heads}
        counts: dict[str, int] = {}
        for (rid,) in conn.execute(
            select(RecordVersion.record_id).where(RecordVersion.record_id.in_(chunk))
        ):
            counts[rid] = counts.get(rid, 0) + 1
        found.extend(FoundRecord(rid, by_id[rid], counts.get(rid, 0)) for rid in chunk)
    return found


#: Columns of the resident's copy, in order (every field a record holds about them).
COPY_FIELDS: tuple[str, ...] = (
    "id", "assisted_on", "full_name", "birth_date", "birth_year", "gender", "cccd", "cmnd",
    "phone", "address", "neighbourhood_name", "ward_name", "category", "procedure_code",
    "dossier_code", "place", "result", "follow_up_date", "reason", "notes", "volunteer_name",
    "consent", "consent_at", "consent_method", "consent_notice_version", "created_at",
    "updated_at",
)  # fmt: skip


def write_copy_csv(found: Iterable[FoundRecord], path: Path, *, lang: str = "vi") -> int:
    """What the ward holds about the resident, one record a row, headed in their language."""
    rows = list(found)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([field_label(name, "en" if lang == "en" else "vi") for name in COPY_FIELDS])
        for item in rows:
            writer.writerow(["" if item.head.get(n) is None else item.head.get(n)
                             for n in COPY_FIELDS])
    path.chmod(0o600)
    return len(rows)


@dataclass
class ErasureReport:
    records: list[str] = field(default_factory=list)
    versions: int = 0
    feed_items: int = 0


def erase(
    conn: Connection,
    record_ids: Sequence[str],
    *,
    erased_by: str,
    reason: str,
    now: datetime,
) -> ErasureReport:
    """Anonymise every stored copy of these records, in the caller's transaction."""
    report = ErasureReport(records=sorted(set(record_ids)))
    if not report.records:
        return report
    for start in range(0, len(report.records), 500):
        chunk = report.records[start : start + 500]
        versions = conn.execute(
            select(
                RecordVersion.id, RecordVersion.record_id, RecordVersion.content_hash,
                RecordVersion.payload,
            ).where(RecordVersion.record_id.in_(chunk))
        ).all()
        changes = []
        renamed: dict[tuple[str, str], str] = {}
        for version_id, record_id, old_hash, payload in versions:
            cleaned = _clean_payload(payload)
            # The old hash is a hash of the personal data (a 12-digit CCCD can be guessed back
            # from it): it goes too, replaced by one that stays unique per stored version.
            digest = hashlib.sha256(f"erased:{version_id}:{cleaned}".encode()).hexdigest()
            renamed[(record_id, old_hash)] = digest
            changes.append({"b_id": version_id, "b_payload": cleaned, "b_hash": digest})
        if changes:
            conn.execute(
                update(RecordVersion)
                .where(RecordVersion.id == bindparam("b_id"))
                .values(payload=bindparam("b_payload"), content_hash=bindparam("b_hash")),
                changes,
            )
        report.versions += len(changes)
        # The resident index holds names, phones and CCCDs for matching: out they go too.
        index_records(conn, [(record_id, None) for record_id in chunk], now=now)
        # The head pointer follows its version's new hash.
        for record_id, revision, head_hash in conn.execute(
            select(Record.id, Record.head_revision, Record.head_hash).where(Record.id.in_(chunk))
        ).all():
            conn.execute(
                update(Record)
                .where(Record.id == record_id)
                .values(head_hash=renamed.get((record_id, head_hash), head_hash), updated_at=now)
            )
            _mark_erased(conn, record_id, revision, erased_by=erased_by, reason=reason, now=now)
        feed = conn.execute(
            select(FeedItem.seq, FeedItem.payload).where(FeedItem.record_id.in_(chunk))
        ).all()
        feed_changes = []
        for seq, payload in feed:
            data = json.loads(payload)
            if isinstance(data, dict) and isinstance(data.get("record"), dict):
                data["record"] = anonymised(data["record"])
                feed_changes.append({"b_seq": seq, "b_payload": json.dumps(data,
                                                                          ensure_ascii=False)})
        if feed_changes:
            conn.execute(
                update(FeedItem)
                .where(FeedItem.seq == bindparam("b_seq"))
                .values(payload=bindparam("b_payload")),
                feed_changes,
            )
        report.feed_items += len(feed_changes)
        feed_rows.append(
            conn,
            [
                {
                    "kind": FeedKind.ERASURE.value,
                    "record_id": record_id,
                    "device_id": None,
                    "payload": json.dumps({"fields": list(ERASED_FIELDS), "reason": reason}),
                    "created_at": now,
                }
                for record_id in chunk
            ],
        )
    return report


def _clean_payload(payload: str) -> str:
    data = anonymised(json.loads(payload))
    # Same text shape as canonical_json (pydantic's compact JSON, non-ASCII kept).
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _mark_erased(
    conn: Connection, record_id: str, revision: int, *, erased_by: str, reason: str,
    now: datetime,
) -> None:
    existing = conn.scalar(select(Erasure.head_revision).where(Erasure.record_id == record_id))
    if existing is None:
        conn.execute(
            Erasure.__table__.insert().values(  # type: ignore[attr-defined]
                record_id=record_id, head_revision=revision, erased_at=now,
                erased_by=erased_by[:100], reason=reason[:200],
            )
        )
    else:
        conn.execute(
            update(Erasure)
            .where(Erasure.record_id == record_id)
            .values(head_revision=max(existing, revision), erased_at=now)
        )


def erased_revisions(conn: Connection, record_ids: Sequence[str]) -> dict[str, int]:
    """For the erased records among ``record_ids``: the head revision when they were erased."""
    out: dict[str, int] = {}
    for start in range(0, len(record_ids), 500):
        chunk = list(record_ids[start : start + 500])
        for record_id, revision in conn.execute(
            select(Erasure.record_id, Erasure.head_revision).where(Erasure.record_id.in_(chunk))
        ):
            out[record_id] = int(revision)
    return out


def compact_storage(engine: Engine) -> None:
    """After an erasure, leave no old copy in the database files themselves.

    SQLite: the server runs with ``secure_delete`` (freed space is zeroed); the write-ahead log
    still holds the pages as they were, so it is checkpointed and truncated. PostgreSQL: the old
    row versions stay in the table files until VACUUM, which is run on the two tables now.
    """
    if engine.dialect.name == "sqlite":
        checkpoint_wal(engine)
    elif engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM record_versions"))
            conn.execute(text("VACUUM feed"))


def checkpoint_wal(engine: Engine, *, attempts: int = 20) -> bool:
    """Copy a SQLite database's write-ahead log into the file and empty it; False when other
    readers kept it from finishing (it is tried again, briefly). Outside any transaction: a
    checkpoint cannot run inside one."""
    raw = engine.raw_connection()
    try:
        for _ in range(attempts):
            busy, _log, _done = raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            if not busy:
                return True
            time.sleep(0.05)
        return False
    finally:
        raw.close()
