"""``hotroso-server export``: the head version of every record, in the laptop's columns.

One record that cannot be read back (stored by an older server before today's bounds) is
skipped and reported, never the end of the export; control characters in texts are stripped
by the writers (:mod:`sync.contract.tabular`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from pydantic import ValidationError
from sqlalchemy import Engine, and_, select

from sync.contract.record import AssistanceRecord
from sync.contract.tabular import HeaderStyle, write_csv, write_xlsx
from sync.server.checks import ReferenceCache
from sync.server.models import Record, RecordVersion


class ExportFormatError(ValueError):
    pass


@dataclass
class ExportResult:
    written: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (record id, why)


def export_records(engine: Engine, path: Path, *, style: HeaderStyle = "en") -> ExportResult:
    """Write every record the ward holds (its head version)."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ExportFormatError(f"{path.name}: the file name must end in .csv or .xlsx")
    reference = ReferenceCache(engine, lambda: datetime.now(UTC)).current()
    writer = write_csv if suffix == ".csv" else write_xlsx
    result = ExportResult()
    result.written = writer(path, _heads(engine, result), reference, style=style)
    return result


def _heads(engine: Engine, result: ExportResult) -> Iterator[AssistanceRecord]:
    query = (
        select(Record.id, RecordVersion.payload)
        .join(
            Record,
            and_(
                Record.id == RecordVersion.record_id,
                Record.head_revision == RecordVersion.revision,
                Record.head_hash == RecordVersion.content_hash,
            ),
        )
        .order_by(Record.first_received_at, Record.id)
    )
    with engine.connect() as conn:
        for record_id, payload in conn.execute(query):
            try:
                yield AssistanceRecord.model_validate(json.loads(payload))
            except (ValidationError, ValueError) as exc:
                result.skipped.append((record_id, str(exc).splitlines()[0]))
