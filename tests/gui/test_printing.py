"""The meeting summary prints at real size on A4: rendered with poppler (pdftoppm) and its
text measured (pdftotext -bbox): body text of at least 11 pt, filling the page's width.

The poppler tools are part of the test set-up (.ci/run installs poppler-utils): without them
this test skips, except under CI=true, where it fails and says what is missing.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from desktop.app import LaptopApp
from desktop.gui.i18n import Translations
from desktop.gui.meeting import MeetingSummaryDialog
from sync.contract.record import Result
from tests.gui.conftest import make_record

A4_POINTS = (595.0, 842.0)
#: The height of a word's box in pdftotext is about 1.16 × the font size (DejaVu Sans).
BOX_PER_POINT = 1.16


def _poppler(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        message = (f"{tool} (poppler-utils) is needed to check the printed summary: "
                   "apt-get install poppler-utils")
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return found


def _words(pdf: Path) -> tuple[tuple[float, float], list[tuple[str, float, float, float]]]:
    """The first page's size and its words as (text, x_min, x_max, height) in points."""
    out = subprocess.run([_poppler("pdftotext"), "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
                         check=True, capture_output=True, text=True).stdout
    page = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', out)
    assert page is not None, out[:500]
    words = [(m[4], float(m[0]), float(m[2]), float(m[3]) - float(m[1])) for m in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
        out)]
    return (float(page[1]), float(page[2])), words


def test_the_meeting_summary_pdf_is_at_real_size_on_a4(
        qtbot: QtBot, laptop: LaptopApp, translations: Translations, tmp_path: Path) -> None:
    meeting = laptop.meetings.start(place="Nhà văn hoá Khu 3", on=laptop.today(),
                                    host="Trần Thị Lan", neighbourhood_code="HT03").value
    for name, result in (("Bùi Văn Hải", Result.COMPLETED), ("Bùi Thị Hà", Result.DECLINED),
                         ("Cao Văn Kiên", Result.FOLLOW_UP)):
        make_record(laptop, full_name=name, cccd=None, meeting_id=meeting.id, result=result,
                    reason="Không muốn" if result == Result.DECLINED else "",
                    follow_up_date=date(2026, 5, 20) if result == Result.FOLLOW_UP else None)
    summary = laptop.meetings.end(meeting.id).value
    dialog = MeetingSummaryDialog(summary, laptop.reference)
    qtbot.addWidget(dialog)
    dialog.show()
    pdf = tmp_path / "tong-ket.pdf"
    dialog.save_pdf(pdf)
    # Where it was saved is said in the dialog.
    assert dialog.saved.isVisible() and str(pdf) in dialog.saved.text()

    (width, height), words = _words(pdf)
    assert (round(width), round(height)) == A4_POINTS
    text = " ".join(w[0] for w in words)
    assert "Đã hỗ trợ 2 người (3 phiếu)" in text  # the one who declined is counted apart
    assert "1 người từ chối" in text
    assert "Người dân từ chối" in text and "Cần theo dõi tiếp" in text  # by result
    body = [w for w in words if w[0] not in ("Tổng", "kết", "buổi", "họp")]
    smallest = min(h for _t, _a, _b, h in body) / BOX_PER_POINT
    assert smallest >= 10.9, f"body text of {smallest:.1f} pt"
    assert max(x_max for _t, _a, x_max, _h in words) > width * 0.6, "drawn in a corner"

    # And as a person sees it: the first page, rendered.
    png = tmp_path / "page"
    subprocess.run([_poppler("pdftoppm"), "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf),
                    str(png)], check=True)
    image = QImage(str(tmp_path / "page-1.png"))
    assert not image.isNull()
    assert abs(image.width() / image.height() - width / height) < 0.01
