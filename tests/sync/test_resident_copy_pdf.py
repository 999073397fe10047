"""``hotroso-server resident export … copy.pdf``: the resident's copy as an A4 PDF in
Vietnamese, made with the report's machinery (its header, its embedded Liberation Serif),
read back with ``pdftotext -bbox``: the page is A4 at real size, no text is below 11 pt,
every record and the resident's numbers are in it, nobody else's, and the file is the user's
own; the export is audited without the number searched for."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from desktop.store.records import RecordRepository
from sync.server import audit, cli
from tests.store.factories import make_record
from tests.sync.conftest import Laptop
from tests.sync.test_reports_exports import _lines, _poppler, _smallest_11pt_box, _words
from tests.sync.ward import WardServer

CCCD = "022085007777"
PHONE = "+84912347777"


def test_the_residents_copy_is_an_a4_pdf_with_all_their_records(
    ward: WardServer, ward_db: Engine, db_url: str, make_laptop: Callable[..., Laptop],
    tmp_path: Path,
) -> None:
    lan = make_laptop(ward.url)
    records = RecordRepository(lan.store)
    resident = {"cccd": CCCD, "phone": PHONE, "full_name": "Lê Thị Thu",
                "address": "Tổ 5, khu 3"}
    first = records.save(make_record(lan.profile, **resident), "Lan")
    second = records.save(make_record(lan.profile, **resident, notes="hẹn ngày thứ Hai"), "Lan")
    records.save(make_record(lan.profile, full_name="Phạm Văn Bình", cccd="022090012345",
                             gender="male", birth_year=1990), "Lan")
    assert lan.sync_now().accepted == 3

    copy = tmp_path / "ban-sao.pdf"
    assert cli.main(["resident", "export", "--db", db_url, "--cccd", CCCD, str(copy)]) == 0
    assert copy.read_bytes().startswith(b"%PDF-")
    assert copy.stat().st_mode & 0o077 == 0

    html = subprocess.run([_poppler("pdftotext"), "-bbox", str(copy), "-"],
                          capture_output=True, text=True, check=True, timeout=60).stdout
    pages = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">', html)
    assert pages and all(abs(float(w) - 595.28) < 0.5 and abs(float(h) - 841.89) < 0.5
                         for w, h in pages), pages  # A4 (210 × 297 mm), at real size
    words = _words(copy)
    text = "\n".join(" ".join(line) for line in _lines(words))
    for expected in ("ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "THÔNG BÁO",
                     "Dữ liệu cá nhân của người dân đang được lưu giữ", "2 lượt hỗ trợ",
                     "Lê Thị Thu", CCCD, "Tổ 5, khu 3", "hẹn ngày thứ Hai", "Giới tính Nam",
                     str(first.id), str(second.id), "Luật số 91/2025/QH15"):
        assert expected in text, (expected, text)
    assert "Số điện thoại 0912 347 777" in text
    assert "Phạm Văn Bình" not in text and "022090012345" not in text  # nobody else

    floor = _smallest_11pt_box(tmp_path) * 0.995
    small = [w for w in words if w[4] - w[2] < floor]
    assert small == [], f"text below 11 pt: {small[:5]}"
    fonts_used = subprocess.run([_poppler("pdffonts"), str(copy)], capture_output=True,
                                text=True, check=True, timeout=60).stdout.splitlines()[2:]
    assert fonts_used
    for line in fonts_used:
        name, *_, embedded, _subset, _unicode, _obj, _gen = line.split()
        assert "LiberationSerif" in name and embedded == "yes", line

    with Session(ward_db) as session:
        [entry] = audit.entries(session, action="resident.export")
    details = json.loads(entry.details)
    assert details["format"] == "pdf" and sorted(details["records"]) == sorted(
        [str(first.id), str(second.id)])
    assert CCCD not in entry.details


def test_a_copy_for_nobody_found_says_so_and_other_suffixes_are_refused(
    ward: WardServer, db_url: str, tmp_path: Path,
) -> None:
    copy = tmp_path / "trong.pdf"
    assert cli.main(["resident", "export", "--db", db_url, "--phone", "0912 000 111",
                     str(copy)]) == 0
    text = " ".join(" ".join(line) for line in _lines(_words(copy)))
    assert "không có lượt hỗ trợ nào" in text
    assert cli.main(["resident", "export", "--db", db_url, "--phone", "0912000111",
                     str(tmp_path / "copy.docx")]) != 0
    assert not (tmp_path / "copy.docx").exists()
