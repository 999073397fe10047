"""The ``hotroso`` command line, run in-process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop import cli
from desktop.commands.common import FAILED, OK, PARTIAL


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = cli.main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_profile_import_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = str(tmp_path / "data")
    status, out, _ = run(
        capsys, "profile", "--data-dir", data, "--name", "Lan", "--neighbourhood", "HT02"
    )
    assert status == OK and "HT02" in out
    source = tmp_path / "in.csv"
    source.write_text(
        "Họ và tên,Số điện thoại,Năm sinh\nLê Thị Hoa,0912345678,1990\nLê Văn Tám,12345,1970\n",
        encoding="utf-8-sig",
    )
    status, out, _ = run(capsys, "import", str(source), "--data-dir", data, "--lang", "en")
    assert status == PARTIAL
    assert "Line 3, Phone:" in out and "stored 1" in out and "rejected 1" in out
    status, out, _ = run(capsys, "import", str(source), "--data-dir", data, "--lang", "en")
    assert "stored 0; already present 1" in out
    target = tmp_path / "out.xlsx"
    status, out, _ = run(capsys, "export", str(target), "--data-dir", data)
    assert status == OK and target.exists()
    sheet = load_workbook(target).worksheets[0]
    assert sheet["A1"].value == "id" and sheet.max_row == 2


def test_known_errors_are_one_plain_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(tmp_path / "data")
    source = tmp_path / "in.csv"
    source.write_text("full_name\nAn\n", encoding="utf-8")
    status, _, err = run(capsys, "import", str(source), "--data-dir", data)
    assert status == FAILED and err.startswith("Chưa có hồ sơ")
    status, _, err = run(capsys, "profile", "--data-dir", data, "--name", "Lan",
                         "--neighbourhood", "NOPE", "--lang", "en")  # fmt: skip
    assert status == FAILED and "NOPE" in err and "Traceback" not in err


def test_template(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "mau.csv"
    status, _, _ = run(capsys, "import", "--template", str(target), "--data-dir", str(tmp_path))
    assert status == OK
    assert target.read_text(encoding="utf-8-sig").startswith("Ngày hỗ trợ,Họ và tên,")


def test_data_dir_comes_from_the_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOTROSO_DATA_DIR", str(tmp_path / "env-data"))
    run(capsys, "profile", "--name", "Lan", "--neighbourhood", "HT01")
    assert (tmp_path / "env-data" / "hotroso.sqlite3").exists()


def test_python_dash_m_desktop_runs_the_cli(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "--help"],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert "import" in done.stdout and "export" in done.stdout and "profile" in done.stdout
