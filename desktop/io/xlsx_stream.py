"""Streaming the data rows of a large XLSX sheet that openpyxl has laid out.

openpyxl builds the workbook: styles, column widths, the frozen header, the filter, the header
row and the first data row (whose cells carry the date styles). Writing each further cell
through openpyxl costs about 10 µs (a cell object, then an lxml element), so 30,000 records
of 24 columns took 8 s. The rows after the first are the same ``<row>``/``<c>`` markup
openpyxl writes in write-only mode (inline strings, numbers, dates as serial numbers with
the style ids openpyxl chose for the first row), produced here as text and put into the
sheet part of openpyxl's package in place of nothing: every other part is copied unchanged.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from pathlib import Path

from openpyxl.utils import get_column_letter

from sync.contract.private_files import prepare_private_file

#: Excel's day 0 (with its 1900 leap-year quirk, serial numbers count from here).
_EPOCH = datetime(1899, 12, 30)
_EPOCH_DAY = _EPOCH.date().toordinal()
#: What XML 1.0 cannot hold (control characters) goes; markup characters are escaped.
_XML_TEXT = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
    | {chr(c): None for c in range(32) if chr(c) not in "\t\n\r"}
    | {"\ufffe": None, "\uffff": None}
)
_SHEET = "xl/worksheets/sheet1.xml"
_END = b"</sheetData>"


class SheetLayoutError(RuntimeError):
    """openpyxl's sheet did not look as expected (a bug: a newer openpyxl, say)."""


def style_ids(path: Path, row: int) -> dict[int, str]:
    """The style id of every styled cell in ``row`` of the workbook's first sheet, by
    0-based column."""
    with zipfile.ZipFile(path) as package:
        sheet = package.read(_SHEET).decode("utf-8")
    found = re.search(rf'<row r="{row}"[^>]*>(.*?)</row>', sheet, re.DOTALL)
    if found is None:
        raise SheetLayoutError(f"row {row} not found in {_SHEET}")
    ids = {}
    for cell in re.finditer(r'<c r="([A-Z]+)\d+"([^>]*)>', found.group(1)):
        style = re.search(r'\ss="(\d+)"', cell.group(2))
        if style:
            ids[_column_index(cell.group(1))] = style.group(1)
    return ids


def append_rows(
    path: Path,
    rows: Iterable[Sequence[object]],
    *,
    first_row: int,
    date_styles: dict[int, str],
    every: int,
    on_progress: Callable[[int], None],
) -> int:
    """Add ``rows`` to the first sheet of the workbook at ``path`` from row ``first_row`` on
    (its rows so far must end just before); returns how many were added. ``date_styles``:
    the style id for each date/datetime column. ``on_progress(done)`` is called every
    ``every`` rows and may raise to stop (the file is then left as it was)."""
    partial = path.with_name(path.name + ".rows")
    prepare_private_file(partial)  # personal data: user-only from the first byte
    try:
        done = _copy_with_rows(path, partial, rows, first_row, date_styles, every, on_progress)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(path)
    return done


def _copy_with_rows(
    path: Path,
    partial: Path,
    rows: Iterable[Sequence[object]],
    first_row: int,
    date_styles: dict[int, str],
    every: int,
    on_progress: Callable[[int], None],
) -> int:
    letters = [get_column_letter(i + 1) for i in range(256)]
    done = 0
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(
        partial, "w", zipfile.ZIP_DEFLATED, compresslevel=1
    ) as target:
        for info in source.infolist():
            if info.filename != _SHEET:
                target.writestr(info, source.read(info.filename))
                continue
            sheet = source.read(info.filename)
            cut = sheet.rfind(_END)
            if cut < 0:
                raise SheetLayoutError(f"{_SHEET} has no sheetData")
            part = zipfile.ZipInfo(_SHEET, date_time=info.date_time)
            part.compress_type = zipfile.ZIP_DEFLATED
            with target.open(part, "w") as out:
                out.write(sheet[:cut])
                number = first_row
                chunk: list[str] = []
                for values in rows:
                    chunk.append(_row_xml(number, values, letters, date_styles))
                    number += 1
                    done += 1
                    if done % every == 0:
                        out.write("".join(chunk).encode("utf-8"))
                        chunk.clear()
                        on_progress(done)
                out.write("".join(chunk).encode("utf-8"))
                out.write(sheet[cut:])
    return done


def _row_xml(
    number: int, values: Sequence[object], letters: list[str], date_styles: dict[int, str]
) -> str:
    cells = []
    for i, value in enumerate(values):
        if value is None:
            continue
        ref = f"{letters[i]}{number}"
        if isinstance(value, str):
            text = value.translate(_XML_TEXT)
            space = ' xml:space="preserve"' if text != text.strip() else ""
            cells.append(f'<c r="{ref}" t="inlineStr"><is><t{space}>{text}</t></is></c>')
        elif isinstance(value, bool):
            cells.append(f'<c r="{ref}" t="b"><v>{int(value)}</v></c>')
        elif isinstance(value, datetime):
            delta = value.replace(tzinfo=None) - _EPOCH
            serial = delta.days + (delta.seconds + delta.microseconds / 1e6) / 86400
            cells.append(f'<c r="{ref}" s="{date_styles[i]}" t="n"><v>{serial!r}</v></c>')
        elif isinstance(value, date):
            serial_day = value.toordinal() - _EPOCH_DAY
            cells.append(f'<c r="{ref}" s="{date_styles[i]}" t="n"><v>{serial_day}</v></c>')
        elif isinstance(value, (int, float)):
            cells.append(f'<c r="{ref}" t="n"><v>{value!r}</v></c>')
        else:
            text = str(value).translate(_XML_TEXT)
            cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>')
    return f'<row r="{number}">{"".join(cells)}</row>'


def _column_index(letters: str) -> int:
    index = 0
    for char in letters:
        index = index * 26 + (ord(char) - 64)
    return index - 1
