"""Importing records from CSV/XLSX: every row validated, stored whole or reported, never half.

How it works (docs/import.md explains it for users):

1. The header row is matched to the tabular columns (:mod:`sync.contract.tabular`).
2. Each row is read into typed values and a *fingerprint*: the SHA-256 of its canonical
   non-empty values (normalised name, canonical phone, resolved codes, ISO dates). It does not
   depend on the file name or format, the header style, the column order, the spelling of a
   phone or name, or the day of the import.
3. The row becomes a contract record (missing date of help = today, missing neighbourhood =
   the volunteer's, missing status = draft) and must pass ``validate`` with no problem at all;
   otherwise it is reported with its line number, field and reason.
4. Valid rows are written in chunks, one transaction per chunk, each row as record + outbox +
   audit + fingerprint. A row whose fingerprint (or record id, for a re-imported export) is
   already in the store is skipped: importing a file again adds nothing, and an import killed
   half-way is completed by simply importing the file again.

Record ids are random (``uuid4``), like the entry form's. An ``id`` column is only used to
recognise this laptop's own export coming back; another laptop's id is never kept (the row
becomes a new record of this laptop), since the ward server lets only a record's own laptop
change it and ids must not be guessable from a row's values.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import ValidationError as PydanticValidationError
from sqlalchemy import insert, select, update

from desktop.io.readers import FileFormatError, TableSource, file_sha256
from desktop.store.database import Store
from desktop.store.models import ImportBatchRow, ImportFingerprintRow, RecordRow
from desktop.store.profile import Profile, ProfileRepository
from desktop.store.record_rows import IMPORT, insert_new_records, sync_state_for_change, table
from sync.contract.labels import field_label
from sync.contract.record import AssistanceRecord, RecordStatus, new_record_id
from sync.contract.reference import ReferenceData
from sync.contract.tabular import IMPORT_COLUMNS, RowReader, match_headers
from sync.contract.validation import Problem, validate

DEFAULT_CHUNK = 500

ProgressCallback = Callable[[int, int], None]  # rows read so far, rows in the file (0: unknown)
CancelCheck = Callable[[], bool]


@dataclass(frozen=True)
class RowProblem:
    """One reason one row was not imported."""

    line: int
    field: str
    code: str
    message_vi: str
    message_en: str

    def message(self, lang: str = "vi") -> str:
        return self.message_vi if lang == "vi" else self.message_en

    def column(self, lang: str = "vi") -> str:
        """The column the problem is about, as the file's reader knows it."""
        return field_label(self.field, "vi" if lang == "vi" else "en")


@dataclass
class ImportReport:
    file: Path
    batch_id: int
    rows: int = 0  # data rows read
    stored: int = 0
    already_present: int = 0  # imported before (same fingerprint or record id)
    duplicates: list[tuple[int, int]] = field(default_factory=list)  # (line, same as line)
    problems: list[RowProblem] = field(default_factory=list)
    unknown_headers: list[str] = field(default_factory=list)
    ignored_headers: list[str] = field(default_factory=list)
    cancelled: bool = False
    #: Stored rows with consent but no consent time or notice version in the file: they got
    #: the import's time and the notice in force (the import says so).
    consent_stamped: int = 0

    @property
    def rejected_lines(self) -> list[int]:
        return sorted({p.line for p in self.problems})

    @property
    def rejected(self) -> int:
        return len(self.rejected_lines)


@dataclass(frozen=True)
class _Pending:
    line: int
    fingerprint: str
    record: AssistanceRecord
    #: The row's own ``id`` cell: this laptop's record when the file is its own export.
    source_id: uuid.UUID | None = None
    consent_stamped: bool = False


#: Columns left out of a row's fingerprint (see ``Importer._read_row``).
_CONSENT_PROVENANCE = frozenset({"consent_at", "consent_notice_version"})


def fingerprint(values: dict[str, Any]) -> str:
    """The identity of a source row: SHA-256 of its canonical non-empty values."""
    canonical = {name: _canonical(value) for name, value in values.items()}
    text = json.dumps(canonical, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _canonical(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


class Importer:
    """One import run into one store (create one per file)."""

    def __init__(
        self,
        store: Store,
        *,
        actor: str | None = None,
        chunk_size: int = DEFAULT_CHUNK,
        progress: ProgressCallback | None = None,
        cancel: CancelCheck | None = None,
    ) -> None:
        self._store = store
        self._profile: Profile = ProfileRepository(store).require()
        self._actor = actor or self._profile.volunteer_name
        self._ref: ReferenceData = store.reference
        self._reader = RowReader(self._ref, on=store.today())
        self._chunk_size = chunk_size
        self._progress = progress
        self._cancel = cancel

    def run(self, path: Path) -> ImportReport:
        """Import ``path``.

        Raises:
            FileFormatError: the file cannot be read or has no recognisable header.
            NoProfileError: (from the constructor) there is no volunteer profile.
        """
        source = TableSource(path)
        match = match_headers(source.headers)
        if not match.positions:
            expected = ", ".join(c.name for c in IMPORT_COLUMNS if c.name != "id")
            raise FileFormatError(
                f"Dòng đầu của “{path.name}” không có tiêu đề cột nào quen thuộc. Dùng tiêu đề "
                f"tiếng Việt (Họ và tên, Ngày sinh, …) hoặc tiếng Anh: {expected}. "
                "Lệnh `hotroso import --template mau.xlsx` tạo tệp mẫu.",
                f"The first line of “{path.name}” has no known column header. Use the "
                f"Vietnamese labels or the English names: {expected}. "
                "`hotroso import --template template.xlsx` writes a template.",
            )
        total = source.count_rows()
        report = ImportReport(
            file=path,
            batch_id=self._start_batch(path),
            unknown_headers=match.unknown,
            ignored_headers=match.ignored,
        )
        now = self._store.clock()
        today = self._store.today()
        seen: dict[str, int] = {}
        # Rows imported before are skipped before the (costlier) validation; each chunk
        # checks again inside its transaction in case another import ran meanwhile.
        known = self._known_fingerprints()
        pending: list[_Pending] = []
        for row in source.rows():
            report.rows += 1
            cells = {
                column.name: row.cells[index] if index < len(row.cells) else None
                for index, column in match.positions.items()
            }
            outcome = self._read_row(row.line, cells, now=now, today=today, known=known)
            if outcome is None:
                report.already_present += 1
            elif isinstance(outcome, list):
                report.problems.extend(outcome)
            elif outcome.fingerprint in seen:
                report.duplicates.append((row.line, seen[outcome.fingerprint]))
            else:
                seen[outcome.fingerprint] = row.line
                pending.append(outcome)
            if len(pending) >= self._chunk_size:
                self._write_chunk(pending, report, now=now)
                pending = []
                if self._progress is not None:
                    self._progress(report.rows, total)
                if self._cancel is not None and self._cancel():
                    report.cancelled = True
                    break
        if not report.cancelled:
            self._write_chunk(pending, report, now=now)
        self._finish_batch(report)
        if self._progress is not None:
            self._progress(report.rows, total)
        return report

    def _known_fingerprints(self) -> set[str]:
        with self._store.session() as session:
            return set(session.scalars(select(ImportFingerprintRow.fingerprint)))

    def _read_row(
        self,
        line: int,
        cells: dict[str, object],
        *,
        now: datetime,
        today: date,
        known: set[str],
    ) -> _Pending | list[RowProblem] | None:
        """The row to store, or why it cannot be, or None when it was imported before."""
        parsed = self._reader.parse(cells)
        if parsed.problems:
            return _row_problems(line, parsed.problems)
        values = parsed.values
        # When and under which notice consent was given do not make a row another row: a file
        # re-imported after the first import stamped them is still the same file.
        key = fingerprint({k: v for k, v in values.items() if k not in _CONSENT_PROVENANCE})
        if key in known:
            return None
        stamped = False
        if values.get("consent"):
            if values.get("consent_at") is None:
                values["consent_at"] = now
                stamped = True
            if not values.get("consent_notice_version"):
                values["consent_notice_version"] = self._ref.consent.version
                stamped = True
        source_id = values.pop("id", None)
        record_id = new_record_id()
        values.setdefault("status", RecordStatus.DRAFT)
        values.setdefault("assisted_on", today)
        values.setdefault("neighbourhood_code", self._profile.neighbourhood_code)
        hood = self._ref.neighbourhood(str(values["neighbourhood_code"]))
        ward = self._ref.wards.get(hood.ward) if hood is not None else None
        ward = ward or self._ref.ward
        try:
            record = AssistanceRecord.model_validate(
                {
                    **values,
                    "id": record_id,
                    "device_id": str(self._profile.device_id),
                    "volunteer_name": self._profile.volunteer_name,
                    "created_at": now,
                    "updated_at": now,
                    "revision": 1,
                    "ward_code": ward.code,
                    "ward_name": ward.name,
                    "neighbourhood_name": hood.name if hood is not None else "",
                }
            )
        except PydanticValidationError as exc:
            return [_pydantic_problem(line, error) for error in exc.errors()]
        problems = validate(record, self._ref, today=today)
        if problems:
            return _row_problems(line, problems)
        return _Pending(line, key, record, source_id, consent_stamped=stamped)

    def _write_chunk(self, pending: list[_Pending], report: ImportReport, *, now: datetime) -> None:
        if not pending:
            return
        with self._store.session() as session:
            keys = [p.fingerprint for p in pending]
            known = set(
                session.scalars(
                    select(ImportFingerprintRow.fingerprint).where(
                        ImportFingerprintRow.fingerprint.in_(keys)
                    )
                )
            )
            ids = [p.source_id for p in pending if p.source_id is not None]
            existing = set(session.scalars(select(RecordRow.id).where(RecordRow.id.in_(ids))))
            fresh = [
                p for p in pending if p.fingerprint not in known and p.source_id not in existing
            ]
            insert_new_records(
                session,
                [p.record for p in fresh],
                actor=self._actor,
                action=IMPORT,
                at=now,
                sync_state=sync_state_for_change(session),
            )
            if fresh:
                session.execute(
                    insert(table(ImportFingerprintRow)),
                    [
                        {
                            "fingerprint": p.fingerprint,
                            "record_id": p.record.id,
                            "batch_id": report.batch_id,
                            "line": p.line,
                        }
                        for p in fresh
                    ],
                )
            skipped = len(pending) - len(fresh)
            report.consent_stamped += sum(1 for p in fresh if p.consent_stamped)
            # The batch counters move in the same transaction as the rows they count.
            session.execute(
                update(ImportBatchRow)
                .where(ImportBatchRow.id == report.batch_id)
                .values(
                    rows_stored=ImportBatchRow.rows_stored + len(fresh),
                    rows_skipped=ImportBatchRow.rows_skipped + skipped,
                )
            )
        report.stored += len(fresh)
        report.already_present += skipped

    def _start_batch(self, path: Path) -> int:
        with self._store.session() as session:
            batch_id = session.scalar(
                insert(ImportBatchRow)
                .values(
                    file_name=path.name,
                    file_sha256=file_sha256(path),
                    started_at=self._store.clock(),
                    actor=self._actor,
                    rows_total=0,
                    rows_stored=0,
                    rows_skipped=0,
                    rows_rejected=0,
                )
                .returning(ImportBatchRow.id)
            )
        assert batch_id is not None
        return int(batch_id)

    def _finish_batch(self, report: ImportReport) -> None:
        with self._store.session() as session:
            session.execute(
                update(ImportBatchRow)
                .where(ImportBatchRow.id == report.batch_id)
                .values(
                    finished_at=self._store.clock(),
                    rows_total=report.rows,
                    rows_rejected=report.rejected,
                )
            )


def import_file(
    store: Store,
    path: Path,
    *,
    actor: str | None = None,
    chunk_size: int = DEFAULT_CHUNK,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
) -> ImportReport:
    """Import one CSV/XLSX file into ``store`` (see the module docstring)."""
    importer = Importer(store, actor=actor, chunk_size=chunk_size, progress=progress, cancel=cancel)
    return importer.run(path)


def _row_problems(line: int, problems: list[Problem]) -> list[RowProblem]:
    return [RowProblem(line, p.field, p.code, p.message_vi, p.message_en) for p in problems]


def _pydantic_problem(line: int, error: Any) -> RowProblem:
    name = str(error["loc"][0]) if error.get("loc") else "?"
    return RowProblem(
        line,
        name,
        "format",
        f"Giá trị không hợp lệ ({error['msg']}). Hãy sửa ô này.",
        f"Invalid value ({error['msg']}). Correct this cell.",
    )
