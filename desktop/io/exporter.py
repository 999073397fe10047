"""Exporting every record to CSV or XLSX, with the same headers the importer reads.

CSV keeps the import's exact column set (:mod:`sync.contract.tabular`). XLSX is written for
the people who open it in a spreadsheet, and still imports back:

- dates and the local date-times (created, updated, consent) are real Excel dates, shown
  dd/mm/yyyy (hh:mm), not ISO text in UTC;
- names stand beside codes: the neighbourhood, kind of help and procedure names next to
  their codes (extra columns the importer recognises and skips);
- the sync bookkeeping of the laptop (device id, revision number) is left out: nobody reads
  it in a spreadsheet, and the CSV export keeps every column;
- every column is as wide as what it holds, the header row is bold, frozen and filterable;
- it is written with openpyxl's write-only mode straight from the store's rows (no record
  objects are built), so 30,000 records take a few seconds (``benchmarks/export_30k.py``).

Progress is reported as (records written, records in all); a ``cancel()`` that answers True
stops the export. Whatever stops it (Cancel, a full disk), the unfinished file is removed:
the target appears only once it is complete.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import suppress
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import phonenumbers
from phonenumbers import PhoneNumber, PhoneNumberFormat

from desktop.io import xlsx_stream
from desktop.io.readers import CSV_SUFFIXES, XLSX_SUFFIXES, FileFormatError
from desktop.store.database import Store
from desktop.store.records import RecordRepository
from sync.contract.errors import KnownError
from sync.contract.labels import label
from sync.contract.normalize import format_phone
from sync.contract.private_files import prepare_private_file
from sync.contract.reference import ReferenceData
from sync.contract.tabular import (
    COLUMNS,
    NAME_COLUMNS,
    HeaderStyle,
    TabularColumn,
    headers,
    neutralise,
    record_to_cells,
    strip_control,
)

Progress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]

#: Records read from the store per query while exporting.
CHUNK = 2_000
DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"
#: Columns of the import's set that the XLSX for people leaves out (sync bookkeeping).
XLSX_LEFT_OUT = frozenset({"device_id", "revision"})
#: Rows looked at to size the columns (the rest are alike).
WIDTH_SAMPLE = 300
MIN_WIDTH, MAX_WIDTH = 6, 50


class ExportCancelled(KnownError):
    def __init__(self) -> None:
        super().__init__("Đã huỷ xuất tệp; không có tệp nào được ghi.",
                         "Export cancelled; no file was written.")


def export_file(
    store: Store,
    path: Path,
    *,
    style: HeaderStyle = "en",
    include_deleted: bool = False,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> int:
    """Write every live record (oldest help first) to ``path``; returns how many were written.

    The format follows the suffix: ``.csv`` (UTF-8 with BOM) or ``.xlsx``.

    Raises:
        FileFormatError: the suffix is neither, or the file cannot be written.
        ExportCancelled: ``cancel()`` said so.
    """
    suffix = path.suffix.lower()
    if suffix not in CSV_SUFFIXES + XLSX_SUFFIXES:
        raise FileFormatError(
            f"Không xuất được ra “{path.name}”: hãy đặt tên tệp kết thúc bằng .csv hoặc .xlsx.",
            f"Cannot export to “{path.name}”: name the file with .csv or .xlsx.",
        )
    partial = path.with_name(f".{path.name}.partial")
    try:
        # Owner-only from the first byte: the file holds residents' personal data.
        prepare_private_file(partial)
        if suffix in XLSX_SUFFIXES:
            count = _write_xlsx(store, partial, style, include_deleted, progress, cancel)
        else:
            count = _write_csv(store, partial, style, include_deleted, progress, cancel)
        os.replace(partial, path)
    except OSError as exc:
        raise FileFormatError(
            f"Không ghi được tệp “{path}”: {exc.strerror}.",
            f"Cannot write “{path}”: {exc.strerror}.",
        ) from exc
    finally:
        with suppress(FileNotFoundError):
            partial.unlink()
    return count


def _check(done: int, total: int, progress: Progress | None, cancel: CancelCheck | None) -> None:
    if progress is not None:
        progress(done, total)
    if cancel is not None and cancel():
        raise ExportCancelled()


# ---- CSV: the import's column set -------------------------------------------------------------


def _write_csv(store: Store, path: Path, style: HeaderStyle, include_deleted: bool,
               progress: Progress | None, cancel: CancelCheck | None) -> int:
    records = RecordRepository(store).iter_all(include_deleted=include_deleted)
    ref = store.reference
    total = len(records)
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(headers(style))
        for done, record in enumerate(records):
            if done % CHUNK == 0:
                _check(done, total, progress, cancel)
            writer.writerow(_csv_text(v, style) for v in record_to_cells(record, ref, style=style))
    _check(total, total, progress, None)
    return total


def _csv_text(value: object, style: HeaderStyle) -> str:
    if value is None:
        return ""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value.strftime("%d/%m/%Y") if style == "vi" else value.isoformat()
    return neutralise(strip_control(str(value)))


# ---- XLSX: for people ----------------------------------------------------------------------


def xlsx_columns() -> list[TabularColumn]:
    """The import's columns with the name columns beside their codes."""
    names = {c.field: c for c in NAME_COLUMNS}
    out: list[TabularColumn] = []
    for column in COLUMNS:
        if column.name == "neighbourhood_name" or column.name in XLSX_LEFT_OUT:
            continue  # moved beside the neighbourhood code, or not for people
        out.append(column)
        if column.name == "neighbourhood":
            out.append(next(c for c in COLUMNS if c.name == "neighbourhood_name"))
        elif column.name in names:
            out.append(names[column.name])
    return out


def _rows(store: Store, fields: Sequence[str],
          include_deleted: bool) -> tuple[int, Iterator[tuple[Any, ...]]]:
    """How many records, and their ``fields`` as the driver returns them (plain SQL text,
    numbers, ISO dates): 30,000 rows through the ORM's type conversions would take longer
    than writing the whole workbook."""
    live = "" if include_deleted else " WHERE deleted = 0"
    columns = ", ".join(f'"{name}"' for name in fields)
    with store.read() as session:
        total = int(session.connection().exec_driver_sql(
            f"SELECT count(*) FROM records{live}").scalar() or 0)

    def rows() -> Iterator[tuple[Any, ...]]:
        with store.read() as session:
            cursor = session.connection().exec_driver_sql(
                f"SELECT {columns} FROM records{live} ORDER BY assisted_on, created_at")
            while batch := cursor.fetchmany(CHUNK):
                yield from batch

    return total, rows()


def _utc_text_to_local(text: str) -> datetime:
    """A stored UTC time ("2026-05-14 02:00:00.000000") as the laptop's local wall time."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def _uuid_text(text: str) -> str:
    h = text.replace("-", "")
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


class _Cells:
    """Turns a store row into the XLSX row's values: one converter per column, built once,
    with repeated values (labels, names) looked up once."""

    def __init__(self, ref: ReferenceData, style: HeaderStyle,
                 columns: Sequence[TabularColumn]) -> None:
        self.lang = "vi" if style == "vi" else "en"
        self.style = style
        self.ref = ref
        self.fields = list(dict.fromkeys(
            "category" if c.name == "category_name" else
            "procedure_code" if c.name == "procedure_name" else c.field for c in columns))
        position = {name: i for i, name in enumerate(self.fields)}
        self._getters = [self._converter(column, position) for column in columns]

    def values(self, row: Sequence[Any]) -> list[object]:
        return [get(row) for get in self._getters]

    def _converter(self, column: TabularColumn,
                   position: Mapping[str, int]) -> Callable[[Sequence[Any]], object]:
        kind = column.kind
        if column.name == "category_name":
            i = position["category"]
            names = {c.code: c.name(self.lang) for c in self.ref.categories.values()}
            return lambda row: names.get(row[i]) if row[i] else None
        if column.name == "procedure_name":
            i = position["procedure_code"]
            names = {p.code: p.name(self.lang) for p in self.ref.procedures.values()}
            return lambda row: names.get(row[i]) if row[i] else None
        i = position[column.field]
        if kind == "date":
            return lambda row: date.fromisoformat(row[i]) if row[i] else None
        if kind == "datetime":
            return lambda row: _utc_text_to_local(row[i]) if row[i] else None
        if kind == "enum" and self.style == "vi":
            assert column.enum is not None
            labels = {m.value: label(m, "vi") for m in column.enum}
            return lambda row: labels.get(row[i], row[i]) if row[i] else None
        if kind == "bool":
            yes, no = ("Có", "Không") if self.style == "vi" else ("yes", "no")
            return lambda row: None if row[i] is None else (yes if row[i] else no)
        if kind == "phone":
            return lambda row: _display_phone(row[i]) if row[i] else None
        if kind == "uuid":
            return lambda row: _uuid_text(row[i]) if row[i] else None
        return lambda row: row[i] if row[i] not in (None, "") else None


def _display_phone(canonical: str) -> str:
    """A stored phone as people read it (0912 345 678); a number kept as typed stays so."""
    try:
        if canonical.startswith("+84") and canonical[3:].isdigit():
            # Built directly: parsing the text again would double the cost of the export.
            return phonenumbers.format_number(
                PhoneNumber(country_code=84, national_number=int(canonical[3:])),
                PhoneNumberFormat.NATIONAL)
        return format_phone(canonical)
    except Exception:  # a draft may hold a number as typed
        return canonical


def _width(value: object) -> int:
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    return len(str(value))


def _write_xlsx(store: Store, path: Path, style: HeaderStyle, include_deleted: bool,
                progress: Progress | None, cancel: CancelCheck | None) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    columns = xlsx_columns()
    cells = _Cells(store.reference, style, columns)
    total, rows = _rows(store, cells.fields, include_deleted)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("records" if style == "en" else "Lượt hỗ trợ")

    # Widths must be set before the first row: size them by the header and a sample.
    head = [column.header(style) for column in columns]
    sample: list[list[object]] = []
    for row in rows:
        sample.append(cells.values(row))
        if len(sample) >= WIDTH_SAMPLE:
            break
    for index, header in enumerate(head):
        widest = max([len(header)] + [_width(r[index]) for r in sample if r[index] is not None])
        sheet.column_dimensions[get_column_letter(index + 1)].width = \
            max(MIN_WIDTH, min(MAX_WIDTH, widest + 2))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(head))}{total + 1}"

    bold = Font(bold=True)
    header_row = []
    for text in head:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        header_row.append(cell)
    sheet.append(header_row)

    # One styled cell per date column, reused row after row: write-only mode writes a row
    # as soon as it is appended, and styling a new cell per value costs more than its text.
    formats = {i: DATE_FORMAT if c.kind == "date" else DATETIME_FORMAT
               for i, c in enumerate(columns) if c.kind in ("date", "datetime")}
    styled = {i: WriteOnlyCell(sheet) for i in formats}
    for i, cell in styled.items():
        cell.number_format = formats[i]
    texts = [i for i, c in enumerate(columns) if c.kind in ("text", "name")]

    def typed(values: list[object]) -> list[object]:
        for i, cell in styled.items():
            if values[i] is not None:
                cell.value = values[i]
                values[i] = cell
        for i in texts:
            value = values[i]
            if isinstance(value, str):
                # A control character (from an old import) would make openpyxl refuse the
                # whole file: it goes, the rest of the text stays.
                value = values[i] = strip_control(value)
            if isinstance(value, str) and value.startswith("="):
                # openpyxl would write it as a formula; an explicit text cell never runs.
                text = WriteOnlyCell(sheet, value=None)
                text.value = value
                text.data_type = "s"
                values[i] = text
        return values
    done = 0
    try:
        _check(0, total, progress, cancel)
        # openpyxl writes the first record (so its cells carry the date styles); the rest
        # are streamed into its sheet as the same markup (``xlsx_stream``: 4x faster).
        if sample:
            sheet.append(typed(sample[0]))
            done += 1
    except BaseException:
        # Finish openpyxl's temporary sheet file so nothing is left open (the caller
        # removes the unfinished workbook).
        with suppress(Exception):
            sheet.close()
        raise
    workbook.save(path)
    if done:
        date_styles = xlsx_stream.style_ids(path, 2)
        missing = [i for i in formats if i not in date_styles]
        for i in missing:  # the first record has no value there: give it the same style
            same = next((j for j in date_styles if formats[j] == formats[i]), None)
            if same is None:
                raise xlsx_stream.SheetLayoutError(f"no style for date column {i}")
            date_styles[i] = date_styles[same]

        def rest() -> Iterator[list[object]]:
            for values in sample[1:]:
                yield _plain(values)
            for row in rows:
                yield _plain(cells.values(row))

        def _plain(values: list[object]) -> list[object]:
            for i in texts:
                value = values[i]
                if isinstance(value, str):
                    values[i] = strip_control(value)
            return values

        done += xlsx_stream.append_rows(
            path, rest(), first_row=3, date_styles=date_styles, every=CHUNK,
            on_progress=lambda n: _check(done + n, total, progress, cancel))
    _check(done, total, progress, None)
    return done
