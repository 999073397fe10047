"""The spreadsheet form of records: one column set for the laptop's and the ward server's files.

Headers are the contract's field names in English snake_case (``full_name``, ``birth_date`` …)
or, equally accepted on import, their Vietnamese labels (``Họ và tên``, ``Ngày sinh`` …) —
matched ignoring case, accents and spacing, so "ho va ten" works too. One exception to "header
= field name": ``neighbourhood`` holds the neighbourhood's code *or* name and fills
``neighbourhood_code`` (volunteers know "Khu 3", not "HT03").

Cells are read leniently (dates as 25/12/1985 or 1985-12-25 or real spreadsheet dates; enum
values by code or by Vietnamese/English label; consent as có/không, yes/no, x, 1/0…) and
written in one canonical way per header style: ``en`` writes codes and ISO dates, ``vi`` writes
Vietnamese labels and dd/mm/yyyy.

Formula injection: a text cell starting with ``= + - @`` (or tab/CR) would be *run* by a
spreadsheet. CSV writers prefix such cells with an apostrophe, which readers here strip again;
XLSX writers store them as explicit text cells, which spreadsheets never evaluate.

Control characters (``\x01``… which a CSV import can carry into a note) are stripped from
every written cell, tab and line breaks excepted: XLSX cannot hold them at all (openpyxl
refuses the whole workbook) and spreadsheets show them as garbage.
"""

from __future__ import annotations

import csv
import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import Enum
from pathlib import Path
from typing import Any, Literal

from phonenumbers import NumberParseException

from sync.contract.labels import FIELD_LABELS, accepted_spellings, label, parse_enum
from sync.contract.normalize import (
    InvalidPhone,
    digits,
    format_phone,
    normalize_name,
    normalize_phone,
    normalize_text,
    search_key,
)
from sync.contract.record import (
    AssistanceRecord,
    ConsentMethod,
    Gender,
    OnlineLevel,
    Place,
    RecordStatus,
    Result,
)
from sync.contract.reference import ReferenceData
from sync.contract.validation import Problem

HeaderStyle = Literal["en", "vi"]
Kind = Literal[
    "text", "name", "date", "datetime", "year", "int", "enum", "bool", "phone", "id_number",
    "category", "procedure", "neighbourhood", "uuid",
]  # fmt: skip

#: First characters that make a spreadsheet treat a cell as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class TabularColumn:
    """One column of the import/export files."""

    name: str  # the English header
    field: str  # the contract field it fills
    kind: Kind
    label_vi: str
    label_en: str
    importable: bool = True  # False: written on export, ignored on import (provenance)
    enum: type[Enum] | None = None
    example: str = ""
    accepts_en: str = ""  # what the cell may hold, for the template guide
    accepts_vi: str = ""

    def header(self, style: HeaderStyle) -> str:
        return self.name if style == "en" else self.label_vi


def _col(
    name: str,
    kind: Kind,
    *,
    field_name: str | None = None,
    enum: type[Enum] | None = None,
    importable: bool = True,
    example: str = "",
    accepts: tuple[str, str] = ("", ""),
) -> TabularColumn:
    source = field_name or name
    vi, en = FIELD_LABELS.get(source, (name, name))
    if name == "neighbourhood":
        vi, en = "Khu phố", "Neighbourhood"
    elif name == "neighbourhood_name":  # must not read as the "Khu phố" column above
        vi, en = "Tên khu phố", "Neighbourhood name"
    return TabularColumn(
        name=name,
        field=source,
        kind=kind,
        label_vi=vi,
        label_en=en,
        importable=importable,
        enum=enum,
        example=example,
        accepts_vi=accepts[0],
        accepts_en=accepts[1],
    )


_DATE_HELP = ("ngày/tháng/năm, ví dụ 25/12/1985", "day/month/year or 1985-12-25")
_BOOL_HELP = ("Có / Không (hoặc x / để trống)", "yes / no (or x / empty)")

#: Every column, in export order. Import reads the ``importable`` ones.
COLUMNS: tuple[TabularColumn, ...] = (
    _col("id", "uuid", example="", accepts=("để trống; giữ nguyên khi nhập lại tệp đã xuất",
                                            "leave empty; kept when re-importing an export")),
    _col("assisted_on", "date", example="05/09/2025", accepts=_DATE_HELP),
    _col("full_name", "name", example="Nguyễn Văn An"),
    _col("birth_date", "date", example="25/12/1985", accepts=_DATE_HELP),
    _col("birth_year", "year", example="1985", accepts=("năm 4 chữ số", "4-digit year")),
    _col("gender", "enum", enum=Gender, example="Nam"),
    _col("cccd", "id_number", example="022085001234", accepts=("12 chữ số", "12 digits")),
    _col("cmnd", "id_number", example="", accepts=("9 chữ số", "9 digits")),
    _col("phone", "phone", example="0912 345 678"),
    _col("address", "text", example="Tổ 5"),
    _col("neighbourhood", "neighbourhood", field_name="neighbourhood_code", example="HT01",
         accepts=("mã hoặc tên khu phố; để trống = khu phố của bạn",
                  "code or name; empty = your neighbourhood")),
    _col("category", "category", example="VNEID_L1",
         accepts=("mã hoặc tên nội dung hỗ trợ", "category code or name")),
    _col("category_detail", "text"),
    _col("procedure_code", "procedure", example="1.001193",
         accepts=("mã thủ tục trong danh mục", "procedure code from the catalogue")),
    _col("online_level", "enum", enum=OnlineLevel),
    _col("dossier_code", "text"),
    _col("place", "enum", enum=Place, example="Họp khu phố"),
    _col("result", "enum", enum=Result, example="Đã hoàn thành"),
    _col("follow_up_date", "date", accepts=_DATE_HELP),
    _col("reason", "text"),
    _col("notes", "text"),
    _col("consent", "bool", example="Có", accepts=_BOOL_HELP),
    _col("consent_method", "enum", enum=ConsentMethod, example="Đồng ý bằng lời"),
    # Read back on import, so a file exported from another laptop keeps when and under which
    # notice each resident consented; left empty, the import stamps its own time and notice.
    _col("consent_at", "datetime", example="2026-05-14 09:30"),
    _col("consent_notice_version", "text"),
    _col("status", "enum", enum=RecordStatus, example="Nháp",
         accepts=("Nháp / Hoàn tất; để trống = Nháp", "draft / final; empty = draft")),
    _col("neighbourhood_name", "text", importable=False),
    _col("ward_code", "text", importable=False),
    _col("ward_name", "text", importable=False),
    _col("volunteer_name", "text", importable=False),
    _col("device_id", "text", importable=False),
    _col("created_at", "datetime", importable=False),
    _col("updated_at", "datetime", importable=False),
    _col("revision", "int", importable=False),
)  # fmt: skip

#: Names written beside their codes in spreadsheets made for people (the laptop's XLSX
#: export): recognised on import and skipped, like the provenance columns.
NAME_COLUMNS: tuple[TabularColumn, ...] = (
    TabularColumn("category_name", "category", "text", "Tên nội dung hỗ trợ",
                  "Kind of help (name)", importable=False),
    TabularColumn("procedure_name", "procedure_code", "text", "Tên thủ tục",
                  "Procedure (name)", importable=False),
)

COLUMNS_BY_NAME: dict[str, TabularColumn] = {c.name: c for c in COLUMNS}
IMPORT_COLUMNS: tuple[TabularColumn, ...] = tuple(c for c in COLUMNS if c.importable)

_TRUE = {"1", "x", "true", "yes", "y", "co", "dong y", "da dong y", "v"}
_FALSE = {"0", "false", "no", "n", "khong", "chua", "khong dong y"}
# Vietnamese day/month/year (/ - . separators) and ISO-like year/month/day.
_DAY_FIRST = re.compile(r"^(?P<d>\d{1,2})[/.\-](?P<m>\d{1,2})[/.\-](?P<y>\d{4})$")
_YEAR_FIRST = re.compile(r"^(?P<y>\d{4})[/.\-](?P<m>\d{1,2})[/.\-](?P<d>\d{1,2})$")
#: Column kinds whose reading depends only on the text (and reference data): cached.
_PURE_KINDS = frozenset({"enum", "bool", "category", "procedure", "neighbourhood", "year"})
_YEAR_FLOAT = re.compile(r"^(\d{4})(?:\.0+)?$")


# ---- headers ------------------------------------------------------------------------------


def _header_key(text: str) -> str:
    return search_key(str(text)).replace("_", " ").replace("-", " ").replace("  ", " ").strip()


_HEADER_LOOKUP: dict[str, TabularColumn] = {}
for _column in COLUMNS + NAME_COLUMNS:
    for _spelling in (_column.name, _column.label_vi, _column.label_en):
        _HEADER_LOOKUP.setdefault(_header_key(_spelling), _column)
# Also accept the field-name/label spellings of the neighbourhood code column.
for _spelling in ("neighbourhood_code", "neighborhood", "neighborhood_code", "Mã khu phố"):
    _HEADER_LOOKUP.setdefault(_header_key(_spelling), COLUMNS_BY_NAME["neighbourhood"])


@dataclass(frozen=True)
class HeaderMatch:
    """Which file column holds which tabular column."""

    positions: dict[int, TabularColumn]  # file column index -> column (importable ones)
    ignored: list[str]  # headers recognised but not imported (export provenance)
    unknown: list[str]  # headers not recognised at all
    duplicates: list[str]  # columns given twice (the first one is used)


def match_headers(headers: Sequence[object]) -> HeaderMatch:
    positions: dict[int, TabularColumn] = {}
    seen: set[str] = set()
    ignored: list[str] = []
    unknown: list[str] = []
    duplicates: list[str] = []
    for index, raw in enumerate(headers):
        text = "" if raw is None else str(raw).strip().lstrip("\ufeff")
        if not text:
            continue
        column = _HEADER_LOOKUP.get(_header_key(text))
        if column is None:
            unknown.append(text)
        elif column.name in seen:
            duplicates.append(text)
        elif not column.importable:
            seen.add(column.name)
            ignored.append(text)
        else:
            seen.add(column.name)
            positions[index] = column
    return HeaderMatch(positions, ignored, unknown, duplicates)


# ---- reading cells ------------------------------------------------------------------------


@dataclass
class ParsedRow:
    """Typed field values read from one row, and what could not be read.

    ``values`` holds only the fields whose cells were non-empty, keyed by contract field
    name; ``problems`` names the header and how to fix each unreadable cell.
    """

    values: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def unneutralise(text: str) -> str:
    """Undo the apostrophe a CSV writer put before a formula-like cell."""
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_TRIGGERS:
        return text[1:]
    return text


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unneutralise(str(value)).strip()


class RowReader:
    """Reads rows against one set of reference data, remembering repeated cell values.

    Spreadsheets repeat the same few category, neighbourhood and yes/no spellings thousands
    of times; each distinct text is looked up once.
    """

    def __init__(self, ref: ReferenceData, *, on: date | None = None) -> None:
        """Args:
        on: the date of help, for resolving a neighbourhood name valid that day.
        """
        self.ref = ref
        self.on = on
        self._cache: dict[tuple[str, str], Any] = {}

    def parse(self, cells: Mapping[str, object]) -> ParsedRow:
        """Read one row given as {column name: cell value} (str from CSV, or XLSX values)."""
        out = ParsedRow()
        for name, raw in cells.items():
            column = COLUMNS_BY_NAME[name]
            if not column.importable or raw is None:
                continue
            if isinstance(raw, str | int | float):
                text = _cell_text(raw)
                if not text:
                    continue
            else:
                text = str(raw)  # a date/time cell; date columns read the value itself
            pure = column.kind in _PURE_KINDS and isinstance(raw, str)
            if pure and (name, text) in self._cache:
                out.values[column.field] = self._cache[(name, text)]
                continue
            try:
                value = _parse_cell(column, raw, text, self.ref, self.on)
            except _CellError as exc:
                out.problems.append(exc.problem)
                continue
            out.values[column.field] = value
            if pure:
                self._cache[(name, text)] = value
        return out


def parse_row(
    cells: Mapping[str, object], ref: ReferenceData, *, on: date | None = None
) -> ParsedRow:
    """Read one row (see :class:`RowReader`; use one reader for many rows)."""
    return RowReader(ref, on=on).parse(cells)


class _CellError(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem


def _fail(column: TabularColumn, code: str, vi: str, en: str) -> _CellError:
    # Reports put the column's label before the message, as for validation problems.
    return _CellError(Problem(column.field, code, vi, en, (column.field,)))


def _parse_cell(
    column: TabularColumn, raw: object, text: str, ref: ReferenceData, on: date | None
) -> Any:
    kind = column.kind
    if kind == "date":
        return _parse_date(column, raw, text)
    if kind == "datetime":
        return _parse_datetime(column, raw, text)
    if kind == "year":
        match = _YEAR_FLOAT.match(text)
        if match is None:
            raise _fail(
                column, "format.year",
                f"“{text}” không phải năm. Hãy ghi năm 4 chữ số, ví dụ 1985.",
                f"“{text}” is not a year. Write a 4-digit year, e.g. 1985.",
            )  # fmt: skip
        return int(match.group(1))
    if kind == "enum":
        assert column.enum is not None
        try:
            return parse_enum(column.enum, text)
        except ValueError:
            choices_vi = accepted_spellings(column.enum, "vi")
            choices_en = accepted_spellings(column.enum, "en")
            raise _fail(
                column, "format.choice",
                f"“{text}” không hợp lệ. Hãy ghi một trong: {choices_vi}.",
                f"“{text}” is not valid. Write one of: {choices_en}.",
            ) from None  # fmt: skip
    if kind == "bool":
        key = search_key(text)
        if key in _TRUE:
            return True
        if key in _FALSE:
            return False
        raise _fail(
            column, "format.yes_no",
            f"“{text}” không rõ. Hãy ghi Có hoặc Không.",
            f"“{text}” is unclear. Write yes or no.",
        )  # fmt: skip
    if kind == "name":
        return normalize_name(text)
    if kind == "phone":
        try:
            return normalize_phone(text)
        except InvalidPhone:
            return text  # validation reports it, with the number as typed
    if kind == "id_number":
        number = digits(text)
        # A spreadsheet that stored the number as a number dropped its leading zero (every
        # CCCD starts with 0: province codes run 001-096).
        if isinstance(raw, int | float) and column.name == "cccd" and len(number) == 11:
            number = "0" + number
        if isinstance(raw, int | float) and column.name == "cmnd" and len(number) == 8:
            number = "0" + number
        return number
    if kind == "category":
        return _lookup_code(text, {c.code: (c.name_vi, c.name_en) for c in ref.categories.values()})
    if kind == "procedure":
        return _lookup_code(text, {p.code: (p.name_vi, p.name_en) for p in ref.procedures.values()})
    if kind == "neighbourhood":
        return _lookup_neighbourhood(text, ref, on)
    if kind == "uuid":
        try:
            return uuid.UUID(text)
        except ValueError:
            raise _fail(
                column, "format.id",
                f"“{text}” không phải mã lượt hỗ trợ. Hãy để trống ô này.",
                f"“{text}” is not a record ID. Leave this cell empty.",
            ) from None  # fmt: skip
    if kind == "text":
        return normalize_text(text)
    raise AssertionError(f"column {column.name} of kind {kind} is not importable")


_DATETIME_DAY_FIRST = re.compile(
    r"^(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})[ T](?P<H>\d{1,2}):(?P<M>\d{2})"
    r"(?::(?P<S>\d{2}))?$"
)


def _parse_datetime(column: TabularColumn, raw: object, text: str) -> datetime:
    moment: datetime | None = None
    if isinstance(raw, datetime):
        moment = raw
    else:
        match = _DATETIME_DAY_FIRST.match(text)
        try:
            if match is not None:
                moment = datetime(int(match["y"]), int(match["m"]), int(match["d"]),
                                  int(match["H"]), int(match["M"]), int(match["S"] or 0))
            else:
                moment = datetime.fromisoformat(text)
        except ValueError:
            moment = None
    if moment is None:
        raise _fail(
            column, "format.datetime",
            f"“{text}” không phải thời điểm hợp lệ. Hãy ghi ngày/tháng/năm giờ:phút, "
            "ví dụ 14/05/2026 09:30, hoặc để trống.",
            f"“{text}” is not a valid date and time. Write day/month/year hour:minute, "
            "e.g. 14/05/2026 09:30, or leave it empty.",
        )  # fmt: skip
    if moment.tzinfo is None:
        # As the exporter writes them: this computer's local time (Vietnam's, UTC+7, on the
        # volunteers' laptops).
        moment = moment.astimezone()
    return moment.astimezone(UTC)


def _parse_date(column: TabularColumn, raw: object, text: str) -> date:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    day_first = _DAY_FIRST.match(text)
    year_first = _YEAR_FIRST.match(text)
    try:
        if day_first is not None:
            return date(int(day_first["y"]), int(day_first["m"]), int(day_first["d"]))
        if year_first is not None:
            return date(int(year_first["y"]), int(year_first["m"]), int(year_first["d"]))
    except ValueError:
        pass  # 31/02/1990 and the like
    raise _fail(
        column, "format.date",
        f"“{text}” không phải ngày hợp lệ. Hãy ghi theo dạng ngày/tháng/năm, ví dụ 25/12/1985.",
        f"“{text}” is not a valid date. Write day/month/year, e.g. 25/12/1985.",
    )  # fmt: skip


def _lookup_code(text: str, names: Mapping[str, tuple[str, str]]) -> str:
    """The code written, or the code whose Vietnamese/English name was written.

    An unknown value is returned as typed so that validation reports it by name.
    """
    if text in names:
        return text
    upper = text.upper()
    if upper in names:
        return upper
    wanted = search_key(text)
    for code, (vi, en) in names.items():
        if wanted in (search_key(vi), search_key(en)):
            return code
    return text


def _lookup_neighbourhood(text: str, ref: ReferenceData, on: date | None) -> str:
    if ref.neighbourhood(text) is not None:
        return text
    if ref.neighbourhood(text.upper()) is not None:
        return text.upper()
    wanted = search_key(text)
    candidates = ref.current_neighbourhoods(on) if on is not None else []
    candidates += list(ref.neighbourhoods.values())
    for hood in candidates:
        if search_key(hood.name) == wanted:
            return hood.code
    return text


# ---- writing cells ------------------------------------------------------------------------


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip_control(text: str) -> str:
    """``text`` without the control characters a spreadsheet cell cannot hold."""
    return _CONTROL.sub("", text) if _CONTROL.search(text) else text


def neutralise(text: str) -> str:
    """Make a CSV cell that a spreadsheet would run as a formula show as text instead."""
    if text and text[0] in FORMULA_TRIGGERS:
        return "'" + text
    return text


def headers(style: HeaderStyle = "en") -> list[str]:
    return [c.header(style) for c in COLUMNS]


def record_to_cells(
    record: AssistanceRecord, ref: ReferenceData, *, style: HeaderStyle = "en"
) -> list[object]:
    """One export row, typed: str, int, date or None (CSV writers turn dates into text)."""
    cells: list[object] = []
    for column in COLUMNS:
        value = getattr(record, column.field)
        cells.append(_format_cell(column, value, ref, style))
    return cells


def _format_cell(
    column: TabularColumn, value: Any, ref: ReferenceData, style: HeaderStyle
) -> object:
    if value is None:
        return None
    if column.kind == "enum":
        return label(value, "vi") if style == "vi" else value.value
    if column.kind == "bool":
        if style == "vi":
            return "Có" if value else "Không"
        return "yes" if value else "no"
    if column.kind == "phone":
        try:
            return format_phone(value)
        except NumberParseException:  # a stored draft may hold a number as typed
            return str(value)
    if column.kind == "category" and style == "vi":
        category = ref.categories.get(value)
        return category.name_vi if category else value
    if column.kind == "datetime":
        return value.isoformat()
    if column.kind in ("uuid",):
        return str(value)
    return value


def _csv_text(value: object, style: HeaderStyle) -> str:
    if value is None:
        return ""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value.strftime("%d/%m/%Y") if style == "vi" else value.isoformat()
    return neutralise(strip_control(str(value)))


def write_csv(
    path: Path,
    records: Iterable[AssistanceRecord],
    ref: ReferenceData,
    *,
    style: HeaderStyle = "en",
) -> int:
    """Write records as UTF-8 CSV with a BOM (so Excel shows Vietnamese correctly).

    Returns the number of records written.
    """
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(headers(style))
        for record in records:
            writer.writerow(_csv_text(v, style) for v in record_to_cells(record, ref, style=style))
            count += 1
    return count


def write_xlsx(
    path: Path,
    records: Iterable[AssistanceRecord],
    ref: ReferenceData,
    *,
    style: HeaderStyle = "en",
) -> int:
    """Write records to the first sheet of an XLSX workbook; returns how many were written."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("records" if style == "en" else "Lượt hỗ trợ")
    sheet.append([_text_cell(sheet, h, WriteOnlyCell) for h in headers(style)])
    count = 0
    for record in records:
        row: list[object] = []
        for value in record_to_cells(record, ref, style=style):
            if isinstance(value, str):
                row.append(_text_cell(sheet, value, WriteOnlyCell))
            elif isinstance(value, date):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = "DD/MM/YYYY"
                row.append(cell)
            else:
                row.append(value)
        sheet.append(row)
        count += 1
    workbook.save(path)
    return count


def _text_cell(sheet: Any, text: str, cell_cls: Any) -> Any:
    # openpyxl turns any string starting with "=" into a formula; an explicit string cell
    # is shown as text by every spreadsheet and never evaluated.
    cell = cell_cls(sheet, value=None)
    cell.value = strip_control(text)
    cell.data_type = "s"
    return cell


def guide_rows() -> list[tuple[str, str, str, str, str, str]]:
    """(English header, Vietnamese header, English help, Vietnamese help, example, imported?)."""
    return [
        (
            c.name,
            c.label_vi,
            c.accepts_en or (accepted_spellings(c.enum, "en") if c.enum else ""),
            c.accepts_vi or (accepted_spellings(c.enum, "vi") if c.enum else ""),
            c.example,
            "yes / có" if c.importable else "no, export only / không, chỉ khi xuất",
        )
        for c in COLUMNS
    ]


def write_template(path: Path, *, style: HeaderStyle = "en") -> None:
    """An empty file to fill in: the importable headers in ``style``.

    An XLSX template also has a second sheet, "Hướng dẫn - Guide", listing both header
    spellings of every column, what each accepts and an example. A CSV file can hold only the
    header row; docs/import.md has the same guide.
    """
    names = [c.header(style) for c in IMPORT_COLUMNS if c.name != "id"]
    if path.suffix.lower() == ".xlsx":
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell

        workbook = Workbook(write_only=True)
        data = workbook.create_sheet("records" if style == "en" else "Lượt hỗ trợ")
        data.append([_text_cell(data, n, WriteOnlyCell) for n in names])
        guide = workbook.create_sheet("Hướng dẫn - Guide")
        guide.append(["English header", "Tiêu đề tiếng Việt", "Accepts", "Cách ghi",
                      "Example / Ví dụ", "Imported / Được nhập"])  # fmt: skip
        for entry in guide_rows():
            guide.append([_text_cell(guide, str(v), WriteOnlyCell) for v in entry])
        workbook.save(path)
        return
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerow(names)
