"""The printable report: A4, laid out as Nghị định 30/2020/NĐ-CP lays out an administrative
document (Phụ lục I), with reportlab.

- margins: top and bottom 20 mm, left 30 mm, right 15 mm;
- top left: the issuing body (upper case, bold) with a short rule under it, and under that the
  number line "Số: …/BC-UBND"; top right: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" (upper case,
  bold) and "Độc lập - Tự do - Hạnh phúc" (bold) with a rule as long as it, and under them the
  place and date in italics ("Phường Hà Tu, ngày 05 tháng 7 năm 2025");
- the title "BÁO CÁO" and what it is about, bold, centred, a short rule under;
- the body in 13 pt, justified, first lines indented; tables in 12 pt; chart labels 11 pt;
- the signature block: the signer's authority and title (bold, upper case), room to sign, the
  name (bold); "Nơi nhận" on the left (bold italic 12 pt, the list in 11 pt);
- page numbers from the second page, centred in the top margin;
- the figures per volunteer as an appendix ("Phụ lục") after the signature.

Liberation Serif stands in for Times New Roman (same metrics, see :mod:`.fonts`).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from sync.server.reports import fonts
from sync.server.reports.breakdowns import COLUMN_TITLES, Breakdown, split_procedure_code
from sync.server.reports.figures import FigureRow, PeriodFigures, ReportFigures
from sync.server.reports.formatting import (
    dmy,
    made_at_vi,
    nd30_date_line,
    vn_change,
    vn_int,
    ward_time,
)
from sync.server.reports.pdf_charts import bar_chart
from sync.server.reports.periods import Granularity
from sync.server.reports.settings import ReportSettings

BODY_PT = 13
TABLE_PT = 12
LEFT, RIGHT, TOP, BOTTOM = 30 * mm, 15 * mm, 20 * mm, 20 * mm
WIDTH = A4[0] - LEFT - RIGHT

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
#: Every table's cell font: reportlab sets Helvetica (not embedded) for cells otherwise, and the
#: PDF then lists a font it does not carry, even when every cell holds a paragraph.
_TABLE_FONT = ("FONT", (0, 0), (-1, -1), fonts.REGULAR, TABLE_PT)
MOTTO = "Độc lập - Tự do - Hạnh phúc"


def _style(name: str, size: float = BODY_PT, **options: Any) -> ParagraphStyle:
    options.setdefault("fontName", fonts.REGULAR)
    options.setdefault("leading", size * 1.25)
    return ParagraphStyle(name, fontSize=size, **options)


class Rule(Flowable):  # type: ignore[misc]
    """A horizontal rule of a given length, centred in the space it is given."""

    def __init__(
        self, length: float, *, thickness: float = 0.6, above: float = 3, below: float = 1.5
    ) -> None:
        super().__init__()
        self.length, self.thickness, self.above, self.below = length, thickness, above, below
        self._avail = length

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._avail = avail_width
        return avail_width, self.thickness + self.above + self.below

    def draw(self) -> None:
        x = (self._avail - self.length) / 2
        self.canv.setLineWidth(self.thickness)
        self.canv.line(x, self.below, x + self.length, self.below)


def to_pdf(figures: ReportFigures, settings: ReportSettings, *, made_at: datetime) -> bytes:
    """The report's PDF bytes."""
    fonts.register()
    out = io.BytesIO()
    title = f"Báo cáo {figures.current.period.in_sentence_vi}"
    document = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=LEFT,
        rightMargin=RIGHT,
        topMargin=TOP,
        bottomMargin=BOTTOM,
        title=title,
        author=" ".join(settings.issuing_body),
        creator="Hỗ trợ số",
        subject=settings.subject,
    )
    story: list[Flowable] = []
    story += _header(settings, made_at)
    story += _title(settings, figures)
    story += _body(figures, settings, made_at)
    story.append(_signature(settings))
    story += _appendix(figures, settings, made_at)
    document.build(story, onFirstPage=_no_number, onLaterPages=_page_number, canvasmaker=_canvas)
    return out.getvalue()


def _canvas(*args: Any, **kwargs: Any) -> Canvas:
    # Started in the report's font, or reportlab lists a non-embedded Helvetica in the file
    # (unused, but print shops and PDF/A checkers flag it).
    kwargs.update(initialFontName=fonts.REGULAR, initialFontSize=BODY_PT)
    return Canvas(*args, **kwargs)


def _no_number(canvas: Any, document: Any) -> None:
    del canvas, document


def _page_number(canvas: Any, document: Any) -> None:
    canvas.saveState()
    canvas.setFont(fonts.REGULAR, BODY_PT)
    canvas.drawCentredString(LEFT + WIDTH / 2, A4[1] - TOP / 2 - 4, str(document.page))
    canvas.restoreState()


# --- the administrative header --------------------------------------------------------


def _header(settings: ReportSettings, made_at: datetime) -> list[Flowable]:
    left_w, right_w = WIDTH * 0.4, WIDTH * 0.6
    centre = _style("centre", 12, alignment=TA_CENTER, leading=15)
    body = [escape(line.upper()) for line in settings.issuing_body if line.strip()]
    left: list[Flowable] = []
    if settings.parent_body.strip():
        left.append(Paragraph(escape(settings.parent_body.upper()), centre))
    left += [Paragraph(f"<b>{line}</b>", centre) for line in body]
    longest = max(stringWidth(line, fonts.BOLD, 12) for line in body)
    left.append(Rule(max(longest / 3, 18 * mm)))
    right: list[Flowable] = [
        Paragraph(f"<b>{NATIONAL_TITLE}</b>", centre),
        Paragraph(f"<b>{MOTTO}</b>", _style("motto", 13, alignment=TA_CENTER, leading=16)),
        Rule(stringWidth(MOTTO, fonts.BOLD, 13)),
    ]
    day = ward_time(made_at).date()
    number = Paragraph(
        escape(settings.document_number()), _style("number", 13, alignment=TA_CENTER)
    )
    date_line = Paragraph(
        f"<i>{escape(nd30_date_line(settings.place_name, day))}</i>",
        _style("date", 13, alignment=TA_CENTER),
    )
    table = Table(
        [[left, right], [number, date_line]], colWidths=[left_w, right_w], hAlign="CENTER"
    )
    table.setStyle(
        TableStyle(
            [
                _TABLE_FONT,
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 4),
            ]
        )
    )
    return [table, Spacer(1, 10 * mm)]


def _title(settings: ReportSettings, figures: ReportFigures) -> list[Flowable]:
    period = figures.current.period
    heading = _style("title", 14, alignment=TA_CENTER, leading=18)
    subject = f"{settings.subject} {period.in_sentence_vi}".strip()
    story: list[Flowable] = [
        Paragraph("<b>BÁO CÁO</b>", heading),
        Paragraph(f"<b>{escape(subject)}</b>", heading),
    ]
    if figures.neighbourhood_name:
        story.append(
            Paragraph(
                escape(f"(Khu phố: {figures.neighbourhood_name})"),
                _style("scope", 13, alignment=TA_CENTER),
            )
        )
    return [*story, Rule(WIDTH / 4, above=4), Spacer(1, 5 * mm)]


# --- the body -------------------------------------------------------------------------

_PARA = _style(
    "para",
    BODY_PT,
    alignment=TA_JUSTIFY,
    firstLineIndent=12.7 * mm,
    spaceAfter=6,
    leading=BODY_PT * 1.3,
)
_HEADING = _style(
    "heading", BODY_PT, fontName=fonts.BOLD, spaceBefore=8, spaceAfter=4, leading=BODY_PT * 1.3
)
_NOTE = _style(
    "note",
    12,
    fontName=fonts.ITALIC,
    alignment=TA_JUSTIFY,
    spaceAfter=4,
    firstLineIndent=12.7 * mm,
    leading=15,
)


def _body(figures: ReportFigures, settings: ReportSettings, made_at: datetime) -> list[Flowable]:
    cur, prev = figures.current, figures.previous
    story: list[Flowable] = _heading("I. KẾT QUẢ CHUNG")
    story.append(
        Paragraph(escape(_overview(cur, prev, settings, figures.neighbourhood_name)), _PARA)
    )
    full, partial = _online_by_level(cur)
    if cur.total.online_dossiers:
        story.append(
            Paragraph(
                escape(
                    f"Trong số {vn_int(cur.total.online_dossiers)} hồ sơ trực tuyến đã nộp có "
                    f"{vn_int(full)} hồ sơ dịch vụ công trực tuyến toàn trình và {vn_int(partial)} "
                    "hồ sơ dịch vụ công trực tuyến một phần."
                ),
                _PARA,
            )
        )
    story.append(Spacer(1, 2 * mm))
    story.append(_summary_table(cur, prev))
    story.append(Spacer(1, 4))
    story.append(Paragraph(escape(_method_note(figures, made_at)), _NOTE))

    units = cur.rows(Breakdown.NEIGHBOURHOOD)
    before = {r.code: r.records for r in prev.rows(Breakdown.NEIGHBOURHOOD)}
    story += _heading("II. KẾT QUẢ THEO KHU PHỐ", room=80 * mm if len(units) > 1 else 45 * mm)
    # One neighbourhood (a team lead's report) needs no chart comparing neighbourhoods.
    story += (
        []
        if len(units) < 2
        else [
            bar_chart(
                WIDTH,
                62 * mm,
                [r.name_vi for r in units],
                [
                    ("Kỳ này", [r.records for r in units]),
                    (f"Kỳ trước ({prev.period.label_vi})", [before.get(r.code, 0) for r in units]),
                ],
                caption="Số lượt hỗ trợ theo khu phố",
            ),
            Spacer(1, 3 * mm),
        ]
    )
    story.append(_kept(_rows_table(Breakdown.NEIGHBOURHOOD, units, prev, total=cur.total)))

    story += _heading("III. KẾT QUẢ THEO NỘI DUNG HỖ TRỢ")
    story.append(
        _rows_table(Breakdown.CATEGORY, cur.rows(Breakdown.CATEGORY), prev, total=cur.total)
    )

    story += _heading("IV. HỒ SƠ THỦ TỤC HÀNH CHÍNH TRỰC TUYẾN")
    procedures = cur.rows(Breakdown.PROCEDURE)
    if procedures:
        story.append(_rows_table(Breakdown.PROCEDURE, procedures, prev, total=None))
    else:
        story.append(
            Paragraph("Trong kỳ không có hồ sơ thủ tục hành chính nào được ghi nhận.", _PARA)
        )

    weekly = cur.granularity is Granularity.WEEK
    story += _heading(f"V. DIỄN BIẾN THEO {'TUẦN' if weekly else 'THÁNG'}", room=75 * mm)
    story.append(
        bar_chart(
            WIDTH,
            62 * mm,
            [p.label_vi for p in cur.trend],
            [
                ("Lượt hỗ trợ", [p.records for p in cur.trend]),
                ("Hồ sơ trực tuyến", [p.online_dossiers for p in cur.trend]),
            ],
            caption=f"Số lượt hỗ trợ và hồ sơ trực tuyến theo {'tuần' if weekly else 'tháng'}"
            + (" (tuần ghi theo ngày thứ Hai)" if weekly else ""),
        )
    )

    story += _heading("VI. KẾT QUẢ HỖ TRỢ VÀ NƠI HỖ TRỢ")
    for breakdown in (Breakdown.RESULT, Breakdown.PLACE):
        rows = cur.rows(breakdown)
        story.append(_kept(_rows_table(breakdown, rows, prev, total=cur.total)))
        story.append(Spacer(1, 3 * mm))
    story.append(
        Paragraph(
            escape("Số liệu theo từng tình nguyện viên có tại Phụ lục kèm theo báo cáo này."), _PARA
        )
    )
    story.append(Spacer(1, 4 * mm))
    return story


def _heading(text: str, *, room: float = 45 * mm) -> list[Flowable]:
    """A section heading, on a new page when less than ``room`` is left under it (a heading
    alone at the foot of a page, or above a single table row, reads badly)."""
    return [CondPageBreak(room), Paragraph(escape(text), _HEADING)]


def _overview(
    cur: PeriodFigures, prev: PeriodFigures, settings: ReportSettings, scope: str | None
) -> str:
    place = settings.place_name[:1].lower() + settings.place_name[1:]
    if scope:
        place = f"khu phố {scope}, {place}"
    period = cur.period
    text = (
        f"Trong {period.in_sentence_vi} (từ ngày {dmy(period.start)} đến ngày "
        f"{dmy(period.end)}), các Tổ công nghệ số cộng đồng trên địa bàn {place} đã hỗ trợ "
        f"{vn_int(cur.total.records)} lượt cho {vn_int(cur.total.residents)} người dân; trong "
        f"đó hỗ trợ nộp {vn_int(cur.total.online_dossiers)} hồ sơ thủ tục hành chính trực "
        "tuyến."
    )
    delta = cur.total.records - prev.total.records
    before = f"So với {prev.period.in_sentence_vi} ({vn_int(prev.total.records)} lượt)"
    if prev.total.records == 0:
        return text + f" {before}, đây là kỳ đầu tiên có số liệu."
    if delta == 0:
        return text + f" {before}, số lượt hỗ trợ không thay đổi."
    word = "tăng" if delta > 0 else "giảm"
    percent = f"{abs(delta) * 100 / prev.total.records:.1f}".replace(".", ",")
    return text + f" {before}, số lượt hỗ trợ {word} {vn_int(abs(delta))} lượt ({percent}%)."


def _online_by_level(cur: PeriodFigures) -> tuple[int, int]:
    full = partial = 0
    for row in cur.rows(Breakdown.PROCEDURE):
        level = split_procedure_code(row.code)[1]
        if level == "full":
            full += row.online_dossiers
        elif level == "partial":
            partial += row.online_dossiers
    return full, partial


def _method_note(figures: ReportFigures, made_at: datetime) -> str:
    text = (
        "Số liệu tính theo ngày hỗ trợ, gồm cả ngày đầu và ngày cuối kỳ; chỉ tính phiếu đã hoàn "
        "tất, không tính phiếu nháp, phiếu đã xoá và phiếu trùng. Mỗi người dân được tính một "
        f"lần dù được hỗ trợ nhiều lượt. Số liệu lập lúc {made_at_vi(made_at)}."
    )
    if figures.locked is not None:
        lock = figures.locked
        text += (
            f" Số liệu kỳ này đã được chốt lúc {made_at_vi(lock.locked_at)} "
            f"(người chốt: {lock.locked_by})"
        )
        if lock.changed_records:
            text += (
                f"; sau khi chốt có {vn_int(lock.changed_records)} phiếu thay đổi, báo cáo này "
                "giữ nguyên số liệu đã chốt"
            )
        text += "."
    return text


# --- tables ---------------------------------------------------------------------------

_CELL = _style("cell", TABLE_PT, leading=TABLE_PT * 1.2)
_CELL_NUM = _style("cellnum", TABLE_PT, leading=TABLE_PT * 1.2, alignment=TA_RIGHT)
_HEAD = _style("head", TABLE_PT, fontName=fonts.BOLD, leading=TABLE_PT * 1.2, alignment=TA_CENTER)


def _grid(data: list[list[Any]], widths: Sequence[float], *, bold_last: bool) -> Table:
    table = Table(data, colWidths=list(widths), repeatRows=1, hAlign="CENTER")
    style = [
        _TABLE_FONT,
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        # Top-aligned: a row's numbers share the first line of its (possibly wrapped) name.
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF5")),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if bold_last:
        style.append(("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#F4F4F4")))
    table.setStyle(TableStyle(style))
    return table


def _summary_table(cur: PeriodFigures, prev: PeriodFigures) -> Table:
    def line(label: str, now: int, before: int) -> list[Any]:
        return [
            Paragraph(escape(label), _CELL),
            _num(now),
            _num(before),
            Paragraph(escape(vn_change(now, before)), _CELL_NUM),
        ]

    data = [
        [Paragraph(h, _HEAD) for h in ("Chỉ tiêu", "Kỳ này", "Kỳ trước", "Tăng/giảm")],
        line("Số lượt hỗ trợ", cur.total.records, prev.total.records),
        line("Số người dân được hỗ trợ", cur.total.residents, prev.total.residents),
        line(
            "Số hồ sơ TTHC trực tuyến đã nộp", cur.total.online_dossiers, prev.total.online_dossiers
        ),
    ]
    return _grid(data, [WIDTH * 0.40, WIDTH * 0.17, WIDTH * 0.17, WIDTH * 0.26], bold_last=False)


def _rows_table(
    breakdown: Breakdown,
    rows: Sequence[FigureRow],
    prev: PeriodFigures,
    *,
    total: FigureRow | None,
) -> Table:
    before = {r.code: r.records for r in prev.rows(breakdown)}
    headings = [
        "TT",
        COLUMN_TITLES[breakdown][0],
        "Lượt hỗ trợ",
        "Người dân",
        "Hồ sơ trực tuyến",
        "Kỳ trước (lượt)",
    ]
    data: list[list[Any]] = [[Paragraph(escape(h), _HEAD) for h in headings]]
    for index, row in enumerate(rows, start=1):
        data.append(
            [
                Paragraph(str(index), _CELL_NUM),
                Paragraph(escape(row.name_vi), _CELL),
                _num(row.records),
                _num(row.residents),
                _num(row.online_dossiers),
                _num(before.get(row.code, 0)),
            ]
        )
    if total is not None:
        data.append(
            [
                Paragraph("", _CELL),
                Paragraph("<b>Tổng cộng</b>", _CELL),
                _num(total.records, bold=True),
                _num(total.residents, bold=True),
                _num(total.online_dossiers, bold=True),
                _num(prev.total.records, bold=True),
            ]
        )
    numbers = WIDTH * 0.135
    widths = [WIDTH * 0.06, WIDTH - WIDTH * 0.06 - 4 * numbers, numbers, numbers, numbers, numbers]
    return _grid(data, widths, bold_last=total is not None)


def _kept(table: Table) -> Flowable:
    """Short tables move whole to the next page rather than leave a row or two behind."""
    return KeepTogether([table]) if len(table._cellvalues) <= 14 else table


def _num(value: int, *, bold: bool = False) -> Paragraph:
    text = vn_int(value)
    return Paragraph(f"<b>{text}</b>" if bold else text, _CELL_NUM)


# --- signature and appendix -----------------------------------------------------------


def _signature(settings: ReportSettings) -> Flowable:
    receivers_head = _style("recv", 12, fontName=fonts.BOLD_ITALIC, leading=14)
    receivers = _style("recvline", 11, leading=13)
    left: list[Flowable] = [Paragraph("Nơi nhận:", receivers_head)]
    left += [Paragraph(escape(f"- {line}"), receivers) for line in settings.recipients]
    title = _style("signtitle", 13, fontName=fonts.BOLD, alignment=TA_CENTER, leading=16)
    right: list[Flowable] = [
        Paragraph(escape(line.upper()), title) for line in settings.signer_titles if line.strip()
    ]
    right.append(Spacer(1, 26 * mm))
    right.append(Paragraph(escape(settings.signer_name), title))
    table = Table([[left, right]], colWidths=[WIDTH * 0.45, WIDTH * 0.55])
    table.setStyle(
        TableStyle(
            [
                _TABLE_FONT,
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return KeepTogether([Spacer(1, 2 * mm), table])


def _appendix(
    figures: ReportFigures, settings: ReportSettings, made_at: datetime
) -> list[Flowable]:
    cur, prev = figures.current, figures.previous
    centre = _style("appx", 13, alignment=TA_CENTER, leading=16)
    body = " ".join(line.strip() for line in settings.issuing_body if line.strip())
    issued = ward_time(made_at).date()
    return [
        PageBreak(),
        Paragraph("<b>Phụ lục</b>", centre),
        Paragraph("<b>SỐ LIỆU HỖ TRỢ THEO TÌNH NGUYỆN VIÊN</b>", centre),
        Paragraph(
            f"<i>(Kèm theo Báo cáo {escape(settings.document_number())} ngày {dmy(issued)} "
            f"của {escape(_title_case_body(body))})</i>",
            _style("appx-i", 13, alignment=TA_CENTER, leading=16),
        ),
        Rule(WIDTH / 4),
        Spacer(1, 4 * mm),
        _rows_table(Breakdown.VOLUNTEER, cur.rows(Breakdown.VOLUNTEER), prev, total=cur.total),
    ]


def _title_case_body(body: str) -> str:
    """ "ỦY BAN NHÂN DÂN PHƯỜNG HÀ TU" -> "Ủy ban nhân dân phường Hà Tu" for running text."""
    words = body.split()
    out = []
    for index, word in enumerate(words):
        lower = word.lower()
        out.append(lower.capitalize() if index == 0 or _is_proper(words, index) else lower)
    return " ".join(out)


def _is_proper(words: Sequence[str], index: int) -> bool:
    # After the unit word (PHƯỜNG, XÃ, THỊ TRẤN …) comes the unit's own name.
    units = {"PHƯỜNG", "XÃ", "TRẤN", "TỈNH", "PHỐ", "QUẬN", "HUYỆN"}
    return any(w.upper() in units for w in words[:index])


__all__ = ["TA_LEFT", "to_pdf"]
