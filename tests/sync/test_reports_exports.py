"""The report in its three formats, every figure checked against the test's records.

CSV: parsed with the csv module. XLSX: opened with openpyxl. PDF: its words and their boxes
read back with ``pdftotext -bbox`` (every table row's numbers, the header of Nghị định 30, the
smallest text ≥ 11 pt) and its first page rendered with ``pdftoppm``. Under CI=true the
poppler tools must be there: the test fails, naming them, instead of skipping.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine

from sync.server.reports.breakdowns import CSV_BREAKDOWNS, TABLE_BREAKDOWNS, Breakdown
from sync.server.reports.command import ReportCommandError, run_report_command
from sync.server.reports.csv_export import HEADER
from sync.server.reports.figures import ReportFigures, compute_figures
from sync.server.reports.periods import Period
from sync.server.reports.report import build_report, render
from sync.server.reports.settings import ReportSettings
from sync.server.reports.xlsx_export import SHEET_NAMES, SUMMARY_SHEET, TREND_SHEET
from tests.sync.reports_data import NOW, REFERENCE, Scenario, build_scenario, oracle

H1 = Period.half(2025, 1)
MADE = datetime(2025, 7, 2, 1, 30, tzinfo=UTC)  # 08:30 on 2 July in the ward
SETTINGS = replace(
    ReportSettings.defaults(REFERENCE),
    number="15",
    signer_titles=("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
    signer_name="Nguyễn Văn Hùng",
)


@pytest.fixture
def scenario(ward_db: Engine) -> Scenario:
    return build_scenario(ward_db)


def _figures(ward_db: Engine) -> ReportFigures:
    with ward_db.connect() as conn:
        return compute_figures(conn, H1, REFERENCE, now=MADE)


def _expected(s: Scenario, breakdown: Breakdown, code: str) -> tuple[int, int, int]:
    return oracle(s, H1, breakdown).get(code, (0, 0, 0))


def test_csv_has_exactly_the_columns_and_every_figure(
    ward_db: Engine, scenario: Scenario, tmp_path: Path
) -> None:
    path = tmp_path / "bao-cao.csv"
    written = run_report_command(ward_db, H1.start, H1.end, "csv", path, SETTINGS, now=lambda: MADE)
    assert (written.records, written.residents, written.online_dossiers) == (9, 4, 3)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert tuple(rows[0]) == HEADER
    body = rows[1:]
    assert next(r[0] for r in body) == "total"
    order = [b.value for b in CSV_BREAKDOWNS]
    assert [r[0] for r in body] == sorted((r[0] for r in body), key=order.index)
    seen: dict[tuple[str, str], tuple[int, int, int]] = {}
    for breakdown, code, name, records, residents, online in body:
        numbers = (int(records), int(residents), int(online))
        assert numbers == _expected(scenario, Breakdown(breakdown), code), (breakdown, code)
        assert name
        seen[(breakdown, code)] = numbers
    for breakdown in CSV_BREAKDOWNS:
        for code, numbers in oracle(scenario, H1, breakdown).items():
            assert seen[(breakdown.value, code)] == numbers
    assert seen[("total", "")] == (9, 4, 3)
    assert ("neighbourhood", "HT01") in seen and ("procedure", "1.001193/full") in seen
    assert not any(b == "place" for b, _ in seen)  # the CSV's breakdowns are the six
    # The same figures give the same bytes: a locked CSV can be compared byte for byte.
    assert render(_figures(ward_db), "csv", SETTINGS) == data


def test_csv_cells_never_run_as_formulas(ward_db: Engine, scenario: Scenario) -> None:
    from tests.sync.reports_data import push, record

    push(ward_db, [record(H1.start, volunteer="=HYPERLINK(1)")], now=NOW)
    rows = list(
        csv.reader(
            io.StringIO(render(_figures(ward_db), "csv", SETTINGS).decode("utf-8-sig"), newline="")
        )
    )
    volunteers = {r[1] for r in rows if r[0] == "volunteer"}
    assert "'=HYPERLINK(1)" in volunteers


def test_xlsx_sheets_headings_numbers_widths_and_frozen_headers(
    ward_db: Engine, scenario: Scenario, tmp_path: Path
) -> None:
    path = tmp_path / "bao-cao.xlsx"
    run_report_command(ward_db, H1.start, H1.end, "xlsx", path, SETTINGS, now=lambda: MADE)
    book = load_workbook(path)
    assert book.sheetnames == [
        SUMMARY_SHEET,
        *(SHEET_NAMES[b] for b in TABLE_BREAKDOWNS),
        TREND_SHEET,
    ]
    summary = book[SUMMARY_SHEET]
    texts = [summary.cell(row=r, column=1).value for r in range(1, 8)]
    assert "Kỳ báo cáo: 6 tháng đầu năm 2025 (01/01/2025 – 30/06/2025)" in texts
    assert "Kỳ so sánh: 6 tháng cuối năm 2024 (01/07/2024 – 31/12/2024)" in texts
    assert "Lập lúc: 08:30 ngày 02/07/2025" in texts
    header = _header_row(summary, "Chỉ tiêu")
    assert summary.freeze_panes == f"A{header + 1}"
    values = {
        summary.cell(row=r, column=1).value: [
            summary.cell(row=r, column=c).value for c in (2, 3, 4)
        ]
        for r in range(header + 1, header + 4)
    }
    assert values == {
        "Lượt hỗ trợ": [9, 1, 8],
        "Người dân được hỗ trợ": [4, 1, 3],
        "Hồ sơ TTHC trực tuyến (đã nộp)": [3, 0, 3],
    }
    for breakdown in TABLE_BREAKDOWNS:
        sheet = book[SHEET_NAMES[breakdown]]
        header = _header_row(sheet, "Mã")
        assert sheet.freeze_panes == f"A{header + 1}", breakdown
        assert [c.value for c in sheet[header]][2:] == [
            "Lượt hỗ trợ",
            "Người dân",
            "Hồ sơ trực tuyến",
            "Lượt hỗ trợ kỳ trước",
            "Tăng/giảm (lượt)",
        ]
        assert sheet.column_dimensions["B"].width > 10
        found: dict[str, tuple[int, int, int]] = {}
        for row in sheet.iter_rows(min_row=header + 1, values_only=True):
            code, name, records, residents, online, before, change = row[:7]
            assert all(isinstance(v, int) for v in (records, residents, online, before, change))
            if name == "Tổng cộng":
                assert (records, residents, online) == (9, 4, 3)
                continue
            found[str(code)] = (records, residents, online)
            assert before == oracle(scenario, H1.previous(), breakdown).get(str(code), (0,))[0]
            assert change == records - before
        for code, numbers in found.items():
            assert numbers == _expected(scenario, breakdown, code), (breakdown, code)
        assert set(oracle(scenario, H1, breakdown)) <= set(found)
    trend = book[TREND_SHEET]
    header = _header_row(trend, "Tháng")
    months = [r for r in trend.iter_rows(min_row=header + 1, values_only=True)]
    assert [(m[0], m[3]) for m in months] == [
        ("T1/2025", 1),
        ("T2/2025", 2),
        ("T3/2025", 1),
        ("T4/2025", 1),
        ("T5/2025", 2),
        ("T6/2025", 2),
    ]
    assert months[0][1].date().isoformat() == "2025-01-01"  # a real date, not text


def _header_row(sheet: Any, first: str) -> int:
    for row in range(1, 20):
        if sheet.cell(row=row, column=1).value == first:
            return row
    raise AssertionError(f"no heading row starting {first!r} in {sheet.title}")


# --- PDF ------------------------------------------------------------------------------


def _poppler(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        message = f"{tool} (poppler-utils) is needed to check the PDF report; install it"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true: {message}")
        pytest.skip(message)
    return found


Word = tuple[int, float, float, float, float, str]  # page, xMin, yMin, xMax, yMax, text
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)


def _words(pdf: Path) -> list[Word]:
    html = subprocess.run(
        [_poppler("pdftotext"), "-bbox", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    words: list[Word] = []
    for page, chunk in enumerate(html.split("<page ")[1:], start=1):
        for m in _WORD.finditer(chunk):
            x0, y0, x1, y1 = (float(m.group(i)) for i in range(1, 5))
            text = m.group(5).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
            words.append((page, x0, y0, x1, y1, text))
    return words


def _lines(words: list[Word]) -> list[list[str]]:
    """Words on one baseline (same page, same top within half a point), left to right."""
    ordered = sorted(words, key=lambda w: (w[0], w[2], w[1]))
    lines: list[list[Word]] = []
    for word in ordered:
        if lines and lines[-1][0][0] == word[0] and abs(lines[-1][0][2] - word[2]) < 0.5:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [[w[5] for w in sorted(line, key=lambda w: w[1])] for line in lines]


def _number(token: str) -> int | None:
    return int(token.replace(".", "")) if re.fullmatch(r"\d{1,3}(\.\d{3})*", token) else None


def _table_rows(lines: list[list[str]]) -> list[tuple[str, str, tuple[int, ...]]]:
    """(TT or "Tổng cộng", first word of the name, four numbers) of every table row."""
    rows = []
    for tokens in lines:
        if len(tokens) < 6:
            continue
        tail = [_number(t) for t in tokens[-4:]]
        if any(n is None for n in tail):
            continue
        numbers = tuple(n for n in tail if n is not None)
        if tokens[:2] == ["Tổng", "cộng"] and len(tokens) == 6:
            rows.append(("Tổng cộng", "", numbers))
        elif _number(tokens[0]) is not None and _number(tokens[1]) is None:
            rows.append((tokens[0], tokens[1], numbers))
    return rows


def _smallest_11pt_box(tmp_path: Path) -> float:
    """The height pdftotext gives a word set in 11 pt, in the tallest of the four faces."""
    from reportlab.pdfgen.canvas import Canvas

    from sync.server.reports import fonts

    fonts.register()
    probe = tmp_path / "probe.pdf"
    canvas = Canvas(str(probe))
    for row, face in enumerate((fonts.REGULAR, fonts.BOLD, fonts.ITALIC, fonts.BOLD_ITALIC)):
        canvas.setFont(face, 11)
        canvas.drawString(72, 700 - 30 * row, "Hg")
    canvas.save()
    return max(w[4] - w[2] for w in _words(probe))


def test_pdf_is_an_nd30_report_with_every_figure(
    ward_db: Engine, scenario: Scenario, tmp_path: Path
) -> None:
    path = tmp_path / "bao-cao.pdf"
    run_report_command(ward_db, H1.start, H1.end, "pdf", path, SETTINGS, now=lambda: MADE)
    assert path.read_bytes().startswith(b"%PDF-")
    words = _words(path)
    lines = _lines(words)
    text = [" ".join(line) for line in lines]
    page1 = [" ".join(line) for line in _lines([w for w in words if w[0] == 1])]

    # The administrative header of Nghị định 30/2020, on the first page.
    joined = "\n".join(page1)
    for expected in (
        "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "PHƯỜNG HÀ TU Độc lập - Tự do - Hạnh phúc",
        "Số: 15/BC-UBND Phường Hà Tu, ngày 02 tháng 7 năm 2025",
        "BÁO CÁO",
        "I. KẾT QUẢ CHUNG",
    ):
        assert expected in page1, (expected, joined)
    left = next(w for w in words if w[0] == 1 and w[5] == "PHƯỜNG")
    right = next(w for w in words if w[0] == 1 and w[5] == "Độc")
    assert left[3] < 595 / 2 < right[1], "issuing body on the left, the motto on the right"
    prose = " ".join(text)
    assert "đã hỗ trợ 9 lượt cho 4 người dân; trong đó hỗ trợ nộp 3 hồ sơ" in prose
    assert "So với 6 tháng cuối năm 2024 (1 lượt), số lượt hỗ trợ tăng 8 lượt (800,0%)." in prose
    assert "có 1 hồ sơ dịch vụ công trực tuyến toàn trình và 1 hồ sơ" in prose
    assert "Số lượt hỗ trợ 9 1 +8 (+800,0%)" in text
    assert "Số người dân được hỗ trợ 4 1 +3 (+300,0%)" in text
    assert "Số hồ sơ TTHC trực tuyến đã nộp 3 0 +3 (mới)" in text
    assert "TM. ỦY BAN NHÂN DÂN" in prose and "KT. CHỦ TỊCH" in prose
    assert "Nguyễn Văn Hùng" in text and "Nơi nhận:" in prose
    assert "Phụ lục" in text

    # Every row of every table, in the report's order, with its four numbers.
    figures = _figures(ward_db)
    expected_rows: list[tuple[str, str, tuple[int, ...]]] = []
    before = H1.previous()
    order = [
        Breakdown.NEIGHBOURHOOD,
        Breakdown.CATEGORY,
        Breakdown.PROCEDURE,
        Breakdown.RESULT,
        Breakdown.PLACE,
        Breakdown.VOLUNTEER,
    ]
    for breakdown in order:
        for index, row in enumerate(figures.current.rows(breakdown), start=1):
            records, residents, online = _expected(scenario, breakdown, row.code)
            previous = oracle(scenario, before, breakdown).get(row.code, (0,))[0]
            expected_rows.append(
                (str(index), row.name_vi.split()[0], (records, residents, online, previous))
            )
        if breakdown is not Breakdown.PROCEDURE:
            expected_rows.append(("Tổng cộng", "", (9, 4, 3, 1)))
    assert _table_rows(lines) == expected_rows

    # The smallest text on every page is at least 11 pt. pdftotext's box height is the font's
    # ascent + descent times its size; the faces differ by 0.1 %, so the floor is the tallest
    # face's 11 pt box less 0.5 % (10.9 pt in any face falls below it; bold is held to ~11.1).
    floor = _smallest_11pt_box(tmp_path) * 0.995
    small = [w for w in words if w[4] - w[2] < floor]
    assert small == [], f"text below 11 pt: {small[:5]}"

    # Every font is the shipped Liberation Serif, embedded: the file prints the same anywhere.
    fonts_used = subprocess.run(
        [_poppler("pdffonts"), str(path)], capture_output=True, text=True, check=True, timeout=60
    ).stdout.splitlines()[2:]
    assert len(fonts_used) == 4
    for line in fonts_used:
        name, *_, embedded, _subset, _unicode, _obj, _gen = line.split()
        assert "LiberationSerif" in name and embedded == "yes", line

    # The first page renders (A4 proportions); docs/screenshots/report-pdf.png is one.
    _poppler("pdftoppm")
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "50",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(path),
            str(tmp_path / "page1"),
        ],
        check=True,
        timeout=60,
    )
    png = (tmp_path / "page1.png").read_bytes()
    assert png.startswith(b"\x89PNG")
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert abs(height / width - 297 / 210) < 0.01


def test_report_command_refuses_what_it_cannot_do(ward_db: Engine, tmp_path: Path) -> None:
    with pytest.raises(ReportCommandError) as wrong_suffix:
        run_report_command(ward_db, H1.start, H1.end, "pdf", tmp_path / "x.csv", SETTINGS)
    assert "x.csv" in wrong_suffix.value.message_vi
    with pytest.raises(ReportCommandError):
        run_report_command(ward_db, H1.start, H1.end, "pdf", tmp_path / "no" / "x.pdf")
    assert not (tmp_path / "no").exists()


def test_an_empty_period_still_reports_every_unit(ward_db: Engine) -> None:
    with ward_db.connect() as conn:
        report = build_report(conn, H1, REFERENCE, now=MADE)
    rows = list(csv.reader(io.StringIO(render(report, "csv", SETTINGS).decode("utf-8-sig"))))
    assert rows[1] == ["total", "", "Tổng cộng", "0", "0", "0"]
    units = [r for r in rows if r[0] == "neighbourhood"]
    assert [r[1] for r in units] == [f"HT{n:02d}" for n in range(1, 11)]
    assert all(r[3:] == ["0", "0", "0"] for r in units)
    assert not [r for r in rows if r[0] in ("procedure", "volunteer")]
    for fmt in ("xlsx", "pdf"):
        assert render(report, fmt, SETTINGS)  # type: ignore[arg-type]
