"""``hotroso-server export``: the head version of every record, in the laptop's columns."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, and_, select

from sync.contract.record import AssistanceRecord
from sync.contract.tabular import HeaderStyle, write_csv, write_xlsx
from sync.server.checks import ReferenceCache
from sync.server.models import Record, RecordVersion


class ExportFormatError(ValueError):
    pass


def export_records(engine: Engine, path: Path, *, style: HeaderStyle = "en") -> int:
    """Write every record the ward holds (its head version); returns how many."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ExportFormatError(f"{path.name}: the file name must end in .csv or .xlsx")
    reference = ReferenceCache(engine, lambda: datetime.now(UTC)).current()
    writer = write_csv if suffix == ".csv" else write_xlsx
    return writer(path, _heads(engine), reference, style=style)


def _heads(engine: Engine) -> Iterator[AssistanceRecord]:
    query = (
        select(RecordVersion.payload)
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
        for payload in conn.execute(query).scalars():
            yield AssistanceRecord.model_validate(json.loads(payload))
