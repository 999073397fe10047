"""File menu import (with the rejected-rows report) and export, through the real window."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

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
