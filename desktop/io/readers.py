"""Reading spreadsheet files row by row: CSV (UTF-8, with or without BOM) and XLSX."""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop.store.errors import StoreError

CSV_SUFFIXES = (".csv", ".txt")
XLSX_SUFFIXES = (".xlsx", ".xlsm")


class FileFormatError(StoreError):
    """The file cannot be read as a table of records (wrong type, encoding, no headers…)."""


@dataclass(frozen=True)
class SourceRow:
    line: int  # 1-based line (CSV) or row (XLSX) number, as the user sees it in their editor
    cells: list[object]


class TableSource:
    """A file's header row and an iterator over its data rows."""

    def __init__(self, path: Path) -> None:
        self.path = path
        suffix = path.suffix.lower()
        if suffix not in CSV_SUFFIXES + XLSX_SUFFIXES:
            raise FileFormatError(
                f"Không đọc được tệp “{path.name}”: chỉ nhận tệp .csv hoặc .xlsx.",
                f"Cannot read “{path.name}”: only .csv and .xlsx files are accepted.",
            )
        if not path.is_file():
            raise FileFormatError(
                f"Không tìm thấy tệp “{path}”.", f"The file “{path}” does not exist."
            )
        self.is_xlsx = suffix in XLSX_SUFFIXES
        self._xlsx_max_row = 0  # the sheet's recorded dimension, once opened
        rows = self._rows()
        first = next(rows, None)
        if first is None:
            raise FileFormatError(
                f"Tệp “{path.name}” trống: dòng đầu tiên phải là tiêu đề cột.",
                f"“{path.name}” is empty: the first line must hold the column headers.",
            )
        self.headers = first.cells
        self._data = rows

    def rows(self) -> Iterator[SourceRow]:
        """The data rows; rows with no value at all are skipped."""
        for row in self._data:
            if any(cell not in (None, "") for cell in row.cells):
                yield row

    def count_rows(self) -> int:
        """About how many data rows the file holds, for progress; 0 when unknown.

        A CSV is counted in a quick extra pass. An XLSX is not (reading it is the slow part of
        an import): its stored dimension is used when the writing program recorded one.
        """
        if self.is_xlsx:
            return max(0, self._xlsx_max_row - 1)
        return sum(1 for _ in TableSource(self.path)._data)

    def _rows(self) -> Iterator[SourceRow]:
        return self._xlsx_rows() if self.is_xlsx else self._csv_rows()

    def _csv_rows(self) -> Iterator[SourceRow]:
        try:
            with self.path.open("r", encoding="utf-8-sig", newline="") as fh:
                sample = fh.read(8192)
                fh.seek(0)
                reader = csv.reader(fh, dialect=_sniff(sample))
                line = 1
                for cells in reader:
                    yield SourceRow(line, list(cells))
                    line = reader.line_num + 1
        except UnicodeDecodeError as exc:
            raise FileFormatError(
                f"Tệp “{self.path.name}” không phải văn bản UTF-8 (byte {exc.start}). Trong "
                "Excel hãy chọn Lưu thành > “CSV UTF-8”, hoặc lưu dạng .xlsx. Tệp dùng bảng "
                "mã cũ (TCVN3, VNI) cần chuyển sang Unicode trước (Unikey: Công cụ chuyển mã).",
                f"“{self.path.name}” is not UTF-8 text (byte {exc.start}). In Excel choose "
                "Save as > “CSV UTF-8”, or save as .xlsx. Files in legacy encodings (TCVN3, "
                "VNI) must be converted to Unicode first (e.g. Unikey's converter).",
            ) from exc

    def _xlsx_rows(self) -> Iterator[SourceRow]:
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(self.path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many types for a damaged or foreign file
            raise FileFormatError(
                f"Không mở được “{self.path.name}” như một bảng tính Excel (.xlsx): {exc}.",
                f"Cannot open “{self.path.name}” as an Excel workbook (.xlsx): {exc}.",
            ) from exc
        try:
            sheet = workbook.worksheets[0]
            max_row = sheet.max_row
            self._xlsx_max_row = max_row if isinstance(max_row, int) else 0
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                yield SourceRow(number, list(values))
        finally:
            workbook.close()


def _sniff(sample: str) -> type[csv.Dialect]:
    """Comma by default; semicolon or tab when the file uses those (Excel in some locales)."""
    first_line = sample.split("\n", 1)[0]
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    delimiter = max(counts, key=lambda d: counts[d])

    class Dialect(csv.excel):
        pass

    Dialect.delimiter = delimiter if counts[delimiter] else ","
    return Dialect


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()
