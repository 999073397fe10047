"""The resident's copy as a PDF: what the ward holds about one person, to hand or send them
(Luật 91/2025/QH15: the right to know and to get a copy of one's personal data).

Made with the report's machinery (:mod:`sync.server.reports.pdf_export`: reportlab, A4, the
administrative header of Nghị định 30/2020 from the ward's report settings, the embedded
Liberation Serif of :mod:`sync.server.reports.fonts`), so the ward's documents look alike and
there is one PDF writer. The text is Vietnamese; body 13 pt, the tables 12 pt. Each record is
one table of field and value, values in words (Nữ, Họp khu phố, 05/06/1990), the service by
its name in the reference data.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from phonenumbers import NumberParseException
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from sync.contract.labels import ENUM_LABELS, field_label
from sync.contract.normalize import format_phone
from sync.contract.private_files import write_private_bytes
from sync.contract.record import ConsentMethod, Gender, OnlineLevel, Place, RecordStatus, Result
from sync.contract.reference import ReferenceData
from sync.server.erasure import COPY_FIELDS, FoundRecord
from sync.server.reports import fonts
from sync.server.reports.formatting import dmy, made_at_vi
from sync.server.reports.pdf_export import (
    _HEADING,
    _PARA,
    _TABLE_FONT,
    BOTTOM,
    LEFT,
    RIGHT,
    TABLE_PT,
    TOP,
    WIDTH,
    Rule,
    _canvas,
    _header,
    _no_number,
    _page_number,
    _style,
)
from sync.server.reports.settings import ReportSettings

_ENUMS: dict[str, type[Any]] = {
    "gender": Gender, "place": Place, "result": Result, "online_level": OnlineLevel,
    "consent_method": ConsentMethod, "status": RecordStatus,
}  # fmt: skip
_CELL = _style("cell", TABLE_PT, leading=TABLE_PT * 1.25)
_CELL_BOLD = _style("cell_bold", TABLE_PT, fontName=fonts.BOLD, leading=TABLE_PT * 1.25)


def copy_pdf(found: Sequence[FoundRecord], *, settings: ReportSettings,
             reference: ReferenceData, made_at: datetime) -> bytes:
    """The PDF bytes of the resident's copy (also for no record: it then says so)."""
    fonts.register()
    out = io.BytesIO()
    document = SimpleDocTemplate(
        out, pagesize=A4, leftMargin=LEFT, rightMargin=RIGHT, topMargin=TOP,
        bottomMargin=BOTTOM, title="Bản sao dữ liệu cá nhân", creator="Hỗ trợ số",
        author=" ".join(settings.issuing_body),
    )
    heading = _style("copy_title", 14, alignment=TA_CENTER, leading=18)
    # A copy is no numbered report: the number line keeps the ward's symbol only.
    story: list[Flowable] = _header(_as_copy(settings), made_at)
    story += [
        Paragraph("<b>THÔNG BÁO</b>", heading),
        Paragraph("<b>Dữ liệu cá nhân của người dân đang được lưu giữ</b>", heading),
        Rule(WIDTH / 4, above=4), Spacer(1, 5 * mm),
        Paragraph(escape(_intro(len(found), settings, made_at)), _PARA),
    ]
    for number, item in enumerate(found, start=1):
        day = _value("assisted_on", item.head, reference)
        story.append(KeepTogether([
            Paragraph(escape(f"{number}. Lượt hỗ trợ ngày {day}"), _HEADING),
            _record_table(item.head, reference),
        ]))
    story += [
        Spacer(1, 4 * mm),
        Paragraph(escape(
            "Người dân có quyền yêu cầu sửa thông tin chưa đúng, rút lại sự đồng ý hoặc xoá "
            "dữ liệu cá nhân của mình; khi xoá, lượt hỗ trợ vẫn được tính nhưng không còn "
            "thông tin nhận dạng. Liên hệ bộ phận một cửa của phường."), _PARA),
    ]
    document.build(story, onFirstPage=_no_number, onLaterPages=_page_number,
                   canvasmaker=_canvas)
    return out.getvalue()


def write_copy_pdf(found: Sequence[FoundRecord], path: Path, *, settings: ReportSettings,
                   reference: ReferenceData, made_at: datetime) -> int:
    """Write the copy to ``path``, readable by this user only; how many records it holds."""
    write_private_bytes(path, copy_pdf(found, settings=settings, reference=reference,
                                       made_at=made_at))
    return len(found)


def _as_copy(settings: ReportSettings) -> ReportSettings:
    from dataclasses import replace

    symbol = settings.symbol.split("-", 1)[-1] if "-" in settings.symbol else settings.symbol
    return replace(settings, number="", symbol=symbol)


def _intro(count: int, settings: ReportSettings, made_at: datetime) -> str:
    held = (f"{count} lượt hỗ trợ" if count else "không có lượt hỗ trợ nào")
    return (
        f"Theo Luật Bảo vệ dữ liệu cá nhân (Luật số 91/2025/QH15), {settings.place_name} "
        f"thông báo: đến {made_at_vi(made_at)}, hệ thống Hỗ trợ số của Tổ công nghệ số cộng "
        f"đồng lưu giữ {held} có thông tin của người dân. Dưới đây là toàn bộ thông tin "
        "được lưu giữ cho từng lượt."
    )


def _record_table(head: dict[str, Any], reference: ReferenceData) -> Table:
    rows = [[Paragraph(escape(field_label(name, "vi")), _CELL_BOLD),
             Paragraph(escape(_value(name, head, reference)), _CELL)]
            for name in COPY_FIELDS if name != "id" and head.get(name) not in (None, "")]
    rows.append([Paragraph("Mã bản ghi", _CELL_BOLD), Paragraph(escape(str(head.get("id"))),
                                                                  _CELL)])
    table = Table(rows, colWidths=[WIDTH * 0.36, WIDTH * 0.64], hAlign="LEFT")
    table.setStyle(TableStyle([
        _TABLE_FONT,
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.5, "#888888"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    return table


def _value(name: str, head: dict[str, Any], reference: ReferenceData) -> str:
    value = head.get(name)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if name in _ENUMS:
        try:
            return ENUM_LABELS[_ENUMS[name](value)][0]
        except (ValueError, KeyError):
            return str(value)
    if name == "category":
        category = reference.categories.get(str(value))
        return category.name_vi if category is not None else str(value)
    if name == "procedure_code":
        procedure = reference.procedures.get(str(value))
        return f"{procedure.name_vi} ({value})" if procedure is not None else str(value)
    if name == "phone":
        try:
            return format_phone(str(value))  # "0912 347 777", as the resident writes it
        except NumberParseException:
            return str(value)
    if name in ("assisted_on", "birth_date", "follow_up_date"):
        try:
            return dmy(date.fromisoformat(str(value)))
        except ValueError:
            return str(value)
    if name in ("consent_at", "created_at", "updated_at"):
        try:
            return made_at_vi(datetime.fromisoformat(str(value)))
        except ValueError:
            return str(value)
    return str(value)
