"""Exporting every record to CSV or XLSX, with the same headers the importer reads."""

from __future__ import annotations

from pathlib import Path

from desktop.io.readers import CSV_SUFFIXES, XLSX_SUFFIXES, FileFormatError
from desktop.store.database import Store
from desktop.store.records import RecordRepository
from sync.contract.tabular import HeaderStyle, write_csv, write_xlsx


def export_file(
    store: Store, path: Path, *, style: HeaderStyle = "en", include_deleted: bool = False
) -> int:
    """Write every live record (oldest help first) to ``path``; returns how many were written.

    The format follows the suffix: ``.csv`` (UTF-8 with BOM) or ``.xlsx``.

    Raises:
        FileFormatError: the suffix is neither, or the file cannot be written.
    """
    suffix = path.suffix.lower()
    if suffix not in CSV_SUFFIXES + XLSX_SUFFIXES:
        raise FileFormatError(
            f"Không xuất được ra “{path.name}”: hãy đặt tên tệp kết thúc bằng .csv hoặc .xlsx.",
            f"Cannot export to “{path.name}”: name the file with .csv or .xlsx.",
        )
    records = RecordRepository(store).iter_all(include_deleted=include_deleted)
    writer = write_xlsx if suffix in XLSX_SUFFIXES else write_csv
    try:
        return writer(path, records, store.reference, style=style)
    except OSError as exc:
        raise FileFormatError(
            f"Không ghi được tệp “{path}”: {exc.strerror}.",
            f"Cannot write “{path}”: {exc.strerror}.",
        ) from exc
