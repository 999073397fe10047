"""File menu import (with the rejected-rows report) and export, through the real window."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.app import LaptopApp
from desktop.gui.main_window import MainWindow
from desktop.gui.transfer import ImportReportDialog
from desktop.testdata.generate import generate_rows, write_rows_csv
from tests.gui.conftest import NOW


def test_import_reports_rejected_rows_then_export(qtbot: QtBot, window: MainWindow,
                                                  tmp_path: Path) -> None:
    rows = list(generate_rows(60, seed=7, today=NOW.date(), invalid_ratio=0.25))
    bad = sum(1 for r in rows if r.defect)
    assert 0 < bad < 60
    source = tmp_path / "tu-khu-3.csv"
    write_rows_csv(source, rows)
    window.files.start_import(source)
    qtbot.waitUntil(lambda: window.findChild(ImportReportDialog) is not None, timeout=10000)
    dialog = window.findChild(ImportReportDialog)
    assert dialog is not None
    assert f"Bị từ chối: {bad}." in dialog.summary.text() or f"Rejected: {bad}." in \
        dialog.summary.text()
    lines = {dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())}
    assert len(lines) == bad
    qtbot.waitUntil(lambda: window.model.rowCount() == 60 - bad, timeout=5000)
    dialog.close()
    target = tmp_path / "xuat.xlsx"
    with qtbot.waitSignal(window.exported, timeout=10000) as exported:
        window.files.start_export(target)
    assert exported.args == [target, 60 - bad]
    assert target.read_bytes()[:2] == b"PK"  # an XLSX is a zip file


def test_a_long_export_shows_determinate_progress_and_cancel_writes_nothing(
        qtbot: QtBot, window: MainWindow, laptop: LaptopApp, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

    from desktop.io import xlsx_stream
    from desktop.testdata.fill import fill_store
    from desktop.testdata.generate import generate_records

    # A slow USB stick: each row takes a moment, so the export outlasts the progress
    # dialog's delay however fast the machine writes (8,000 rows take ~0.5 s otherwise).
    row_xml = xlsx_stream._row_xml

    def slow_row(*args: object) -> str:
        time.sleep(0.001)
        return row_xml(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(xlsx_stream, "_row_xml", slow_row)

    profile = laptop.profile.current
    assert profile is not None
    fill_store(laptop.store, generate_records(8000, seed=5, today=NOW.date(),
                                              device_id=str(profile.device_id),
                                              volunteer_name=profile.volunteer_name),
               actor="test")
    target = tmp_path / "xuat.xlsx"
    window.files.start_export(target)

    def dialog() -> QProgressDialog | None:
        return next((d for d in QApplication.topLevelWidgets()
                     if isinstance(d, QProgressDialog) and d.isVisible()), None)

    qtbot.waitUntil(lambda: dialog() is not None and dialog().maximum() == 8000, timeout=10000)
    shown = dialog()
    assert shown is not None and 0 <= shown.value() <= 8000  # a real bar, not "busy"
    cancel = shown.findChild(QPushButton)
    assert cancel is not None and cancel.isVisible()
    cancel.click()
    qtbot.waitUntil(lambda: "huỷ" in window.statusBar().currentMessage().lower(), timeout=10000)
    assert not target.exists()
    assert list(tmp_path.glob(".*partial")) == []
