"""The report as an Excel workbook (openpyxl): a summary sheet, a sheet per breakdown, the
trend.

Every sheet starts with what it is: the issuing body, the period and the one compared with, when
the file was made (and, for a locked period, when and by whom it was locked); then one table
whose heading row is frozen, so it stays in view while scrolling. Headings are Vietnamese,
counts are numbers (not text), dates are dates, and column widths fit their contents. Text
cells are written as explicit strings, so a volunteer's name that starts with "=" is never
run as a formula.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from sync.server.reports.breakdowns import COLUMN_TITLES, TABLE_BREAKDOWNS, TITLES, Breakdown
from sync.server.reports.figures import FigureRow, ReportFigures
from sync.server.reports.formatting import made_at_vi, ward_time
from sync.server.reports.periods import Granularity
from sync.server.reports.settings import ReportSettings

SHEET_NAMES: dict[Breakdown, str] = {
    Breakdown.NEIGHBOURHOOD: "Khu phố",
    Breakdown.CATEGORY: "Nội dung hỗ trợ",
    Breakdown.PROCEDURE: "Thủ tục hành chính",
    Breakdown.VOLUNTEER: "Tình nguyện viên",
    Breakdown.RESULT: "Kết quả",
    Breakdown.PLACE: "Nơi hỗ trợ",
}
SUMMARY_SHEET = "Tổng hợp"
TREND_SHEET = "Xu hướng"
COUNT_HEADINGS = (
    "Lượt hỗ trợ",
    "Người dân",
    "Hồ sơ trực tuyến",
    "Lượt hỗ trợ kỳ trước",
    "Tăng/giảm (lượt)",
)
NOTE = (
    "Chỉ tính phiếu hoàn tất, theo ngày hỗ trợ (tính cả ngày đầu và ngày cuối kỳ); không tính "
    "phiếu nháp, phiếu đã xoá và phiếu trùng. Người dân: mỗi người tính một lần trong mỗi dòng."
)
#: Breakdowns whose rows split the counted records: their sum is the total.
_PARTITIONS = {
    Breakdown.NEIGHBOURHOOD,
    Breakdown.CATEGORY,
    Breakdown.VOLUNTEER,
    Breakdown.RESULT,
    Breakdown.PLACE,
}

_BOLD = Font(name="Times New Roman", bold=True, size=12)
_TITLE = Font(name="Times New Roman", bold=True, size=14)
_BODY = Font(name="Times New Roman", size=12)
_ITALIC = Font(name="Times New Roman", italic=True, size=11)
_HEAD_FILL = PatternFill("solid", fgColor="DDE6F0")
_THIN = Side(style="thin", color="808080")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_COUNT_FORMAT = "#,##0"
_DELTA_FORMAT = "+#,##0;-#,##0;0"


def to_xlsx(figures: ReportFigures, settings: ReportSettings, *, made_at: datetime) -> bytes:
    """The workbook's bytes."""
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = SUMMARY_SHEET
    _summary(summary, figures, settings, made_at)
    for breakdown in TABLE_BREAKDOWNS:
        _breakdown(book.create_sheet(SHEET_NAMES[breakdown]), figures, settings, made_at, breakdown)
    _trend(book.create_sheet(TREND_SHEET), figures, settings, made_at)
    book.properties.creator = "Hỗ trợ số"
    book.properties.title = f"Báo cáo {figures.current.period.in_sentence_vi}"
    book.properties.created = ward_time(made_at).replace(tzinfo=None)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _heading_block(
    sheet: Any, figures: ReportFigures, settings: ReportSettings, made_at: datetime, title: str
) -> int:
    """The lines that say what the sheet is; returns the row of the table's heading."""
    current, previous = figures.current.period, figures.previous.period
    lines = [
        (f"{' '.join(settings.issuing_body)} — BÁO CÁO KẾT QUẢ HỖ TRỢ NGƯỜI DÂN", _TITLE),
        (
            title
            + (f" — khu phố {figures.neighbourhood_name}" if figures.neighbourhood_name else ""),
            _BOLD,
        ),
        (f"Kỳ báo cáo: {current.label_vi} ({current.dates_vi()})", _BODY),
        (f"Kỳ so sánh: {previous.label_vi} ({previous.dates_vi()})", _BODY),
        (f"Lập lúc: {made_at_vi(made_at)}", _BODY),
    ]
    if figures.locked is not None:
        lock = figures.locked
        text = f"Số liệu đã chốt lúc {made_at_vi(lock.locked_at)}, người chốt: {lock.locked_by}."
        if lock.changed_records:
            text += (
                f" Sau khi chốt có {lock.changed_records} phiếu thay đổi; bảng này là số "
                "liệu đã chốt."
            )
        lines.append((text, _BOLD))
    lines.append((NOTE, _ITALIC))
    for row, (text, font) in enumerate(lines, start=1):
        cell = _text(sheet, row, 1, text)
        cell.font = font
    return len(lines) + 2


def _table(
    sheet: Any, first_row: int, headings: Sequence[str], rows: Sequence[Sequence[object]]
) -> None:
    for column, heading in enumerate(headings, start=1):
        cell = _text(sheet, first_row, column, heading)
        cell.font, cell.fill, cell.border = _BOLD, _HEAD_FILL, _BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for offset, values in enumerate(rows, start=1):
        for column, value in enumerate(values, start=1):
            if isinstance(value, str):
                cell = _text(sheet, first_row + offset, column, value)
            else:
                cell = sheet.cell(row=first_row + offset, column=column, value=value)
                cell.number_format = (
                    _DELTA_FORMAT if headings[column - 1].startswith("Tăng") else _COUNT_FORMAT
                )
            cell.font, cell.border = _BODY, _BOX
    sheet.freeze_panes = sheet.cell(row=first_row + 1, column=1)
    _fit_widths(sheet, headings, rows)


def _summary(
    sheet: Any, figures: ReportFigures, settings: ReportSettings, made_at: datetime
) -> None:
    first = _heading_block(sheet, figures, settings, made_at, "Tổng hợp")
    cur, prev = figures.current.total, figures.previous.total
    rows = [
        ("Lượt hỗ trợ", cur.records, prev.records, cur.records - prev.records),
        ("Người dân được hỗ trợ", cur.residents, prev.residents, cur.residents - prev.residents),
        (
            "Hồ sơ TTHC trực tuyến (đã nộp)",
            cur.online_dossiers,
            prev.online_dossiers,
            cur.online_dossiers - prev.online_dossiers,
        ),
    ]
    _table(sheet, first, ("Chỉ tiêu", "Kỳ này", "Kỳ trước", "Tăng/giảm"), rows)


def _breakdown(
    sheet: Any,
    figures: ReportFigures,
    settings: ReportSettings,
    made_at: datetime,
    breakdown: Breakdown,
) -> None:
    first = _heading_block(sheet, figures, settings, made_at, TITLES[breakdown][0])
    previous = {r.code: r for r in figures.previous.rows(breakdown)}
    rows: list[list[object]] = [
        _row(r, previous.get(r.code)) for r in figures.current.rows(breakdown)
    ]
    if breakdown in _PARTITIONS:
        total = figures.current.total
        rows.append(
            [
                "",
                "Tổng cộng",
                total.records,
                total.residents,
                total.online_dossiers,
                figures.previous.total.records,
                total.records - figures.previous.total.records,
            ]
        )
    headings = ("Mã", COLUMN_TITLES[breakdown][0], *COUNT_HEADINGS)
    _table(sheet, first, headings, rows)
    if breakdown in _PARTITIONS:
        for cell in sheet[first + len(rows)]:
            cell.font = _BOLD


def _row(row: FigureRow, previous: FigureRow | None) -> list[object]:
    before = previous.records if previous is not None else 0
    return [
        row.code,
        row.name_vi,
        row.records,
        row.residents,
        row.online_dossiers,
        before,
        row.records - before,
    ]


def _trend(sheet: Any, figures: ReportFigures, settings: ReportSettings, made_at: datetime) -> None:
    weekly = figures.current.granularity is Granularity.WEEK
    title = "Diễn biến theo tuần" if weekly else "Diễn biến theo tháng"
    first = _heading_block(sheet, figures, settings, made_at, title)
    rows = [
        [p.label_vi, p.start, p.end, p.records, p.online_dossiers] for p in figures.current.trend
    ]
    _table(
        sheet,
        first,
        ("Tuần" if weekly else "Tháng", "Từ ngày", "Đến ngày", "Lượt hỗ trợ", "Hồ sơ trực tuyến"),
        rows,
    )
    for offset in range(1, len(rows) + 1):
        for column in (2, 3):
            sheet.cell(row=first + offset, column=column).number_format = "DD/MM/YYYY"


def _text(sheet: Any, row: int, column: int, value: str) -> Any:
    # openpyxl stores any string starting with "=" as a formula; an explicit string cell is
    # shown as text and never evaluated.
    cell = sheet.cell(row=row, column=column)
    cell.value = value
    cell.data_type = "s"
    return cell


def _fit_widths(sheet: Any, headings: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    for column, heading in enumerate(headings, start=1):
        texts = [heading] + [_shown(values[column - 1]) for values in rows]
        width = max(len(t) for t in texts)
        sheet.column_dimensions[get_column_letter(column)].width = min(max(width + 3, 10), 70)


def _shown(value: object) -> str:
    if isinstance(value, int):
        return f"{value:,}"
    if hasattr(value, "strftime"):
        return "00/00/0000"
    return str(value)
