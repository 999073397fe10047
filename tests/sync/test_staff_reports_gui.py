"""The staff report screen and the administrators' screens, offscreen against the real ward
server process (issue 12): a period's figures in the breakdown table and the charts, checked
against the records made for the test; the records behind a number; an Excel file; locking
and unlocking; a team lead's limited report; accounts, devices (code and QR on screen, a
real laptop enrolling with it, hand-over, revoke), the reference data each laptop has
received, and the audit log with its CSV export.

The screenshots in docs/screenshots/ (report with its chart, devices) are rendered here at
1366×768 when HOTROSO_SCREENSHOTS names a folder.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import openpyxl
import pytest
import requests
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from desktop.app.staff_reports import EnrolmentRequest, Role, UserCreate, UserUpdate
from desktop.gui.staff.admin import AdminWindow
from desktop.gui.staff.reports import ReportWindow
from desktop.gui.staff.window import StaffWindow
from desktop.gui.tasks import TaskRunner
from sync.client.staff import StaffClient, StaffTokenStore
from sync.contract.reference import load_reference
from sync.server import accounts
from sync.server.reports.breakdowns import Breakdown
from sync.server.reports.periods import Period
from tests.keyrings import MemoryKeyring
from tests.sync.api import API, PASSWORD, enrol_device, item, push, wire_record
from tests.sync.reports_data import Scenario, build_scenario, counted, oracle
from tests.sync.ward import WardServer

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")
REFERENCE = load_reference()
HALF = Period.half(2025, 1)
SHOTS = os.environ.get("HOTROSO_SCREENSHOTS")


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """SQLite only: the screens drive the API, which tests/sync tests on both engines."""
    return f"sqlite:///{tmp_path / 'ward.sqlite3'}"


@pytest.fixture
def tasks(qapp: QApplication) -> Iterator[TaskRunner]:
    runner = TaskRunner(progress_delay_ms=60_000)
    yield runner
    runner.shutdown()


@pytest.fixture(autouse=True)
def _vietnamese_for_screenshots(qapp: QApplication) -> Iterator[None]:
    """Screenshots show the app as ward staff see it: in Vietnamese (the assertions accept
    both languages)."""
    if not SHOTS:
        yield
        return
    from desktop.gui.i18n import Translations

    translations = Translations()
    # The screenshot run is a run of its own; HOTROSO_SCREENSHOTS_LANG=en shows English.
    translations.set_language(os.environ.get("HOTROSO_SCREENSHOTS_LANG", "vi"))
    yield


@pytest.fixture
def open_window(qtbot, tasks: TaskRunner, ward: WardServer,  # type: ignore[no-untyped-def]
                ward_db: Engine) -> Callable[..., StaffWindow]:
    def make(username: str, role: Role, neighbourhood: str | None = None) -> StaffWindow:
        with Session(ward_db) as session, session.begin():
            accounts.create_user(session, username=username, password=PASSWORD, role=role,
                                 now=datetime.now(UTC), full_name="Lê Văn Cán Bộ",
                                 neighbourhood_code=neighbourhood)
        client = StaffClient(ward.url, tokens=StaffTokenStore(MemoryKeyring()))
        identity = client.sign_in(username, PASSWORD)
        window = StaffWindow(client, identity, tasks, REFERENCE,
                             now=lambda: datetime(2025, 7, 15, 9, 0, tzinfo=UTC))
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.model.loading_changed, timeout=10_000):
            window.show()
        return window

    return make


def _shot(widget: QWidget, name: str) -> None:
    if not SHOTS:
        return
    widget.resize(1366, 768)
    QApplication.processEvents()
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    assert widget.grab().save(str(Path(SHOTS) / name))


def _show_half(qtbot, reports: ReportWindow) -> None:  # type: ignore[no-untyped-def]
    reports.picker.set_period("first_half", year=2025)
    assert reports.picker.dates() == (date(2025, 1, 1), date(2025, 6, 30))
    with qtbot.waitSignal(reports.report_shown, timeout=20_000):
        reports.show_button.click()


def test_report_screen_figures_chart_drill_down_export_and_lock(
    qtbot, open_window: Callable[..., StaffWindow], ward_db: Engine,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    scenario: Scenario = build_scenario(ward_db)
    window = open_window("canbo", Role.STAFF)
    reports = window.launchers.open_reports()
    assert isinstance(reports, ReportWindow)
    _show_half(qtbot, reports)
    hint = reports.minimumSizeHint()
    assert hint.width() <= 1280 and hint.height() <= 720, hint  # fits the smaller laptops

    total = oracle(scenario, HALF, Breakdown.TOTAL)[""]
    assert "6 tháng đầu năm 2025" in reports.summary.text() or "First half of 2025" in \
        reports.summary.text()
    assert f"<b>{total[0]}</b>" in reports.summary.text()
    # The neighbourhood table: every row's records as counted for the test.
    expected = oracle(scenario, HALF, Breakdown.NEIGHBOURHOOD)
    shown = {reports.model.row_at(r).code: reports.model.row_at(r).records
             for r in range(reports.model.rowCount())}
    assert {k: v for k, v in shown.items() if v} == {k: v[0] for k, v in expected.items()}
    # The category breakdown follows the combo.
    reports.breakdown.setCurrentIndex(reports.breakdown.findData("category"))
    categories = {reports.model.row_at(r).code: reports.model.row_at(r).records
                  for r in range(reports.model.rowCount()) if reports.model.row_at(r).records}
    assert categories == {k: v[0] for k, v in oracle(scenario, HALF,
                                                      Breakdown.CATEGORY).items()}

    # The charts: bars per neighbourhood (this period, the previous one), the monthly trend.
    bars = reports.bars.chart()
    series = bars.series()[0]
    now_set = series.barSets()[0]
    assert sum(now_set.at(i) for i in range(now_set.count())) == total[0]
    trend = reports.trend.chart()
    assert trend.title() in ("Xu hướng theo tháng", "Trend per month")
    assert trend.axes()[0].categories()[0] in ("T1/2025", "Jan 2025")
    # Whole-number ticks: the busiest month has 2 helps, so 0, 1, 2.
    busiest = max(p.records for p in reports.report.current.trend)  # type: ignore[union-attr]
    counts = trend.axes()[1]
    assert (counts.min(), counts.max(), counts.tickCount()) == (0, busiest, busiest + 1)
    # Clicking a number: the records behind DVC_SUBMIT.
    row = next(r for r in range(reports.model.rowCount())
               if reports.model.row_at(r).code == "DVC_SUBMIT")
    with qtbot.waitSignal(reports.records_shown, timeout=10_000) as shown_signal:
        reports.table.doubleClicked.emit(reports.model.index(row, 1))
    want = [r for r in counted(scenario, HALF) if r["category"] == "DVC_SUBMIT"]
    assert shown_signal.args == [len(want)]
    assert sorted(reports.records_model.item(i).id for i in range(
        reports.records_model.rowCount())) == sorted(r["id"] for r in want)
    reports.breakdown.setCurrentIndex(reports.breakdown.findData("neighbourhood"))
    reports.charts.setCurrentIndex(0)
    _shot(reports, "staff-report.png")
    reports.charts.setCurrentIndex(1)
    _shot(reports, "staff-report-trend.png")

    # Excel, written on the worker.
    path = tmp_path / "bao-cao.xlsx"
    with qtbot.waitSignal(reports.exported, timeout=20_000):
        reports.export_to("xlsx", path)
    book = openpyxl.load_workbook(path)
    assert total[0] in [c.value for r in book.worksheets[0].iter_rows() for c in r]

    # Locking; unlocking needs a reason.
    with qtbot.waitSignal(reports.report_shown, timeout=20_000):
        reports.set_locked(True)
    assert "canbo" in reports.lock_label.text()
    with qtbot.waitSignal(reports.failed, timeout=5_000) as refused:
        reports.set_locked(False, "  ")
    assert refused.args == ["reason_missing"]
    with qtbot.waitSignal(reports.report_shown, timeout=20_000):
        reports.set_locked(False, "Bổ sung số liệu khu 3")
    assert reports.report is not None and reports.report.locked is None


def test_a_team_leads_report_screen_is_their_neighbourhoods(
    qtbot, open_window: Callable[..., StaffWindow], ward_db: Engine,  # type: ignore[no-untyped-def]
) -> None:
    scenario = build_scenario(ward_db)
    window = open_window("totruong", Role.TEAM_LEAD, "HT03")
    assert not window.launchers.admin_button.isVisibleTo(window)
    reports = window.launchers.open_reports()
    assert isinstance(reports, ReportWindow)
    assert not reports.lock_button.isVisibleTo(reports)
    assert not reports.scope.isEnabled()
    _show_half(qtbot, reports)
    mine = [r for r in counted(scenario, HALF) if r["neighbourhood"] == "HT03"]
    assert reports.report is not None and reports.report.neighbourhood == "HT03"
    assert [reports.model.row_at(r).code for r in range(reports.model.rowCount())] == ["HT03"]
    assert reports.model.row_at(0).records == len(mine) > 0
    with qtbot.waitSignal(reports.records_shown, timeout=10_000) as shown_signal:
        reports.show_records("total", 0)
    assert shown_signal.args == [len(mine)]


def test_admin_screens_accounts_devices_reference_and_audit(
    qtbot, open_window: Callable[..., StaffWindow], ward: WardServer,  # type: ignore[no-untyped-def]
    ward_db: Engine, tmp_path: Path,
) -> None:
    window = open_window("quantri", Role.ADMIN)
    assert window.launchers.admin_button.isVisibleTo(window)
    window.launchers.admin_button.click()
    admin = window.launchers.admin
    assert isinstance(admin, AdminWindow)
    qtbot.waitUntil(lambda: admin.users.loaded, timeout=10_000)

    # Accounts: create a team lead, move them to another neighbourhood, disable them.
    with qtbot.waitSignal(admin.loaded, timeout=10_000):
        admin.users.create_user(UserCreate(username="tokhu2", password=PASSWORD,
                                           role=Role.TEAM_LEAD, full_name="Đỗ Thị Tổ",
                                           neighbourhood_code="HT02"))
    users = {u.username: u for u in admin.users.model.rows}
    assert users["tokhu2"].neighbourhood_code == "HT02" and users["tokhu2"].active
    with qtbot.waitSignal(admin.failed, timeout=10_000) as refused:
        admin.users.update_user("tokhu2", UserUpdate(role=Role.TEAM_LEAD,
                                                     neighbourhood_code=None))
    assert refused.args == ["team_lead_neighbourhood"]
    assert "khu phố" in admin.feedback.text() or "neighbourhood" in admin.feedback.text()
    with qtbot.waitSignal(admin.loaded, timeout=10_000):
        admin.users.update_user("tokhu2", UserUpdate(neighbourhood_code="HT04"))
    with qtbot.waitSignal(admin.loaded, timeout=10_000):
        admin.users.set_active("tokhu2", False)
    users = {u.username: u for u in admin.users.model.rows}
    assert (users["tokhu2"].neighbourhood_code, users["tokhu2"].active) == ("HT04", False)

    # Devices: a code and its QR code on screen; a real laptop enrols with the code.
    admin.tabs.setCurrentWidget(admin.devices)
    qtbot.waitUntil(lambda: admin.devices.loaded, timeout=10_000)
    hint = admin.minimumSizeHint()
    assert hint.width() <= 1280 and hint.height() <= 720, hint
    with qtbot.waitSignal(admin.loaded, timeout=10_000):
        admin.devices.enrol(EnrolmentRequest(neighbourhood_code="HT01",
                                             volunteer_name="Phạm Thị Mai", valid_minutes=60,
                                             server_url=ward.url))
    issued = admin.devices.issued
    assert issued is not None and admin.devices.code.text() == issued.code
    qr = admin.devices.qr.pixmap()
    assert not qr.isNull() and qr.width() >= 150
    answer = requests.post(f"{ward.url}{API}/enroll", json={"code": issued.code}, timeout=10)
    assert answer.status_code == 200, answer.text
    laptop = answer.json()
    other = enrol_device(ward_db, ward.url, "HT01")
    record = wire_record(other)
    assert push(ward.url, other, [item(record)]).status_code == 200
    # The laptop names the reference data it has at its pull.
    pulled = requests.get(f"{ward.url}{API}/pull", timeout=10,
                          headers={"Authorization": f"Bearer {laptop['token']}"},
                          params={"reference_version": REFERENCE.version})
    assert pulled.status_code == 200
    with qtbot.waitSignal(admin.loaded, timeout=10_000):
        admin.devices.refresh()
    states = {d.id: d for d in admin.devices.model.rows}
    assert states[laptop["device_id"]].state == "enrolled"
    assert states[laptop["device_id"]].last_seen_at is not None  # its pull is its last sync
    assert states[laptop["device_id"]].reference_version == REFERENCE.version
    assert states[other.id].records_made == 1

    # Hand the other laptop's record over to the new one, then revoke the other laptop.
    # The record chosen in the review queue is the one the hand-over form offers.
    with qtbot.waitSignal(window.model.loading_changed, timeout=10_000):
        window.refresh()
    qtbot.waitUntil(lambda: window.model.row_of(record["id"]) is not None, timeout=10_000)
    row = window.model.row_of(record["id"])
    window.table.selectRow(window.proxy.mapFromSource(window.model.index(row, 0)).row())
    assert window.launchers.open_admin() is admin
    assert admin.devices.record_id.text() == record["id"]
    admin.devices.target.setCurrentIndex(admin.devices.target.findData(laptop["device_id"]))
    with qtbot.waitSignal(admin.loaded, timeout=10_000):
        admin.devices.hand_button.click()
    states = {d.id: d for d in admin.devices.model.rows}
    assert (states[laptop["device_id"]].records_owned, states[other.id].records_owned) == (1, 0)
    with qtbot.waitSignal(admin.loaded, timeout=10_000):
        admin.devices.revoke(other.id)
    assert {d.id: d for d in admin.devices.model.rows}[other.id].state == "revoked"
    admin.devices.table.selectRow(next(
        r for r in range(admin.devices.model.rowCount())
        if admin.devices.model.row_at(r).id == laptop["device_id"]))
    _shot(admin, "admin-devices.png")

    # Reference data: what each laptop has received.
    admin.tabs.setCurrentWidget(admin.reference_tab)
    qtbot.waitUntil(lambda: admin.reference_tab.loaded, timeout=10_000)
    received = {d.device_id: d.up_to_date for d in admin.reference_tab.devices.rows}
    assert received[laptop["device_id"]] is True
    assert admin.reference_tab.models["neighbourhoods"].rowCount() >= 10
    assert admin.reference_tab.models["procedures"].rowCount() > 10

    # The audit log: filtered, then exported.
    admin.tabs.setCurrentWidget(admin.audit)
    qtbot.waitUntil(lambda: admin.audit.loaded, timeout=10_000)
    admin.audit.action.setText("device.")
    with qtbot.waitSignal(admin.loaded, timeout=10_000):
        admin.audit.refresh()
    actions = [admin.audit.model.entry(r).action for r in range(admin.audit.model.rowCount())]
    assert "device.revoke" in actions and all(a.startswith("device.") for a in actions)
    # Days in the ward's time: from tomorrow on there is nothing yet; today has it all.
    from PySide6.QtCore import QDate

    admin.audit.since.setDate(QDate.currentDate().addDays(1))
    with qtbot.waitSignal(admin.loaded, timeout=10_000):
        admin.audit.refresh()
    assert admin.audit.model.rowCount() == 0
    admin.audit.since.setDate(QDate.currentDate().addDays(-1))
    admin.audit.until.setDate(QDate.currentDate().addDays(1))
    with qtbot.waitSignal(admin.loaded, timeout=10_000):
        admin.audit.refresh()
    assert admin.audit.model.rowCount() == len(actions)
    path = tmp_path / "nhat-ky.csv"
    with qtbot.waitSignal(admin.done, timeout=10_000):
        admin.audit.export_to(path)
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert {r["action"] for r in rows} >= {"device.issue", "device.enrol", "device.revoke"}


def test_an_administrator_publishes_reference_data_from_the_screen(
    qtbot, open_window: Callable[..., StaffWindow], ward: WardServer,  # type: ignore[no-untyped-def]
    ward_db: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    import shutil

    import resources

    window = open_window("quantri_ref", Role.ADMIN)
    window.launchers.admin_button.click()
    admin = window.launchers.admin
    assert isinstance(admin, AdminWindow)
    tab = admin.reference_tab
    admin.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.loaded, timeout=10_000)
    before = tab.version
    assert tab.publish_button.isVisible()
    folder = tmp_path / "reference"
    shutil.copytree(resources.path("reference"), folder)
    asked: list[str] = []
    monkeypatch.setattr(tab, "confirm_publish", lambda ref: asked.append(ref.version) or True)

    # The files as shipped are the version in force: nothing is sent, and it says why.
    with qtbot.waitSignal(admin.failed, timeout=10_000) as same:
        tab.publish_from(folder)
    assert same.args == ["same_reference_version"] and asked == []
    # A broken file is named, and nothing is sent.
    procedures = folder / "procedures.toml"
    text = procedures.read_text(encoding="utf-8")
    procedures.write_text(text.replace('version = "', 'version = "x', 1)
                          .replace("code = ", "codes = ", 1), encoding="utf-8")
    with qtbot.waitSignal(admin.failed, timeout=10_000) as broken:
        tab.publish_from(folder)
    assert broken.args == ["invalid_reference"] and "procedures.toml" in admin.feedback.text()
    assert asked == []
    # A new version of the procedures list: confirmed, published, in force on the screen.
    procedures.write_text(text.replace('version = "', 'version = "2026-12-02.', 1),
                          encoding="utf-8")
    with qtbot.waitSignal(admin.done, timeout=10_000) as done:
        tab.publish_from(folder)
    assert done.args == ["reference.publish"] and len(asked) == 1
    qtbot.waitUntil(lambda: tab.version == asked[0], timeout=10_000)
    assert tab.version != before and "procedures=2026-12-02." in tab.version
    assert asked[0] in admin.feedback.text() and asked[0] in tab.title.text()
    _shot(admin, "admin-reference.png")


def test_the_report_and_admin_models_pass_the_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    from desktop.app.staff_reports import (
        AuditEntryOut,
        FigureRowOut,
        ReportRecordItem,
        ReportRecordsPage,
    )
    from desktop.gui.staff.admin_models import AuditModel, RowsModel
    from desktop.gui.staff.report_models import FigureTableModel, RecordsBehindModel

    figures = FigureTableModel()
    figures.set_rows([FigureRowOut(code="HT01", name_vi="Khu 1", name_en="Area 1", records=5,
                                   residents=4, online_dossiers=1)],
                     [FigureRowOut(code="HT01", name_vi="Khu 1", name_en="Area 1", records=4,
                                   residents=4, online_dossiers=0)])
    qtmodeltester.check(figures, force_py=True)
    assert figures.data(figures.index(0, 3)) == "+1 (+25%)"

    items = [ReportRecordItem(id=f"r{i}", assisted_on=date(2025, 3, i + 1),
                              full_name=f"Nguyễn Văn {i}", neighbourhood_code="HT01",
                              category="DVC_SUBMIT", procedure_code="1.001193",
                              result="completed", volunteer_name="Trần Thị Lan",
                              review_state="received") for i in range(5)]
    pages = {0: ReportRecordsPage(items=items[:3], offset=0, has_more=True),
             3: ReportRecordsPage(items=items[3:], offset=3, has_more=False)}
    behind = RecordsBehindModel(REFERENCE, lambda offset, _limit, deliver: deliver(
        pages[offset]), page_size=3)
    behind.fetchMore()
    assert behind.rowCount() == 3 and behind.canFetchMore()
    qtmodeltester.check(behind, force_py=True)
    assert behind.rowCount() == 5 and not behind.canFetchMore()
    assert behind.data(behind.index(0, 3)).startswith("Nộp hồ sơ TTHC trực tuyến")

    rows: RowsModel[FigureRowOut] = RowsModel([(lambda: "Code", lambda r: r.code)])
    rows.set_rows(figures_rows := [figures.row_at(0)])
    qtmodeltester.check(rows, force_py=True)
    assert rows.rows == figures_rows

    entries = [AuditEntryOut(id=i, at=datetime(2025, 7, 1, tzinfo=UTC), actor="user:quantri",
                             action="device.issue", target="", details={"n": i})
               for i in range(4)]
    audit = AuditModel([(lambda: "What", lambda e: e.action)],
                       lambda offset, limit, deliver: deliver(entries[offset:offset + limit],
                                                              offset + limit < 4),
                       page_size=2)
    audit.fetchMore()
    qtmodeltester.check(audit, force_py=True)
    assert audit.rowCount() == 4 and not audit.canFetchMore()


def test_the_screens_follow_a_language_switch(
    qtbot, open_window: Callable[..., StaffWindow],  # type: ignore[no-untyped-def]
) -> None:
    from desktop.gui import i18n
    from desktop.gui.i18n import Translations

    window = open_window("quantri", Role.ADMIN)
    admin = window.launchers.open_admin()
    reports = window.launchers.open_reports()
    assert isinstance(admin, AdminWindow) and isinstance(reports, ReportWindow)
    qtbot.waitUntil(lambda: admin.users.loaded, timeout=10_000)
    translations = Translations()
    try:
        translations.set_language("vi")
        # Qt posts the LanguageChange events: wait for them.
        qtbot.waitUntil(lambda: admin.users.new_button.text() == "Tài khoản &mới…",
                        timeout=5_000)
        assert admin.tabs.tabText(1) == "&Thiết bị"
        assert admin.reference_tab.lists.tabText(2) == "Thủ tục hành chính"
        assert admin.users.model.headerData(0, Qt.Orientation.Horizontal) == "Tên đăng nhập"
        assert reports.show_button.text() == "&Xem báo cáo"
        assert reports.picker.kind.itemText(3) == "6 tháng đầu năm"
        assert window.launchers.reports_button.text() == "&Báo cáo…"
        translations.set_language("en")
        qtbot.waitUntil(lambda: admin.users.new_button.text() == "&New account…",
                        timeout=5_000)
        assert reports.picker.kind.itemText(3) == "First 6 months of"
    finally:
        translations.set_language("en")  # English is the source language: as before
        i18n._current = "vi"  # what the other tests of this process start with


def test_the_report_header_is_edited_on_screen_and_printed(
    qtbot, open_window: Callable[..., StaffWindow], ward: WardServer,  # type: ignore[no-untyped-def]
    ward_db: Engine, tmp_path: Path,
) -> None:
    build_scenario(ward_db)
    window = open_window("canbo", Role.STAFF)
    reports = window.launchers.open_reports()
    assert isinstance(reports, ReportWindow)
    reports.settings_button.click()
    qtbot.waitUntil(lambda: getattr(reports, "_settings_dialog", None) is not None,
                    timeout=10_000)
    dialog = reports._settings_dialog
    assert dialog.place.text() == "Phường Hà Tu"  # the ward in force until changed
    dialog.number.setText("31")
    dialog.titles.setPlainText("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH")
    dialog.signer.setText("Nguyễn Văn Ký")
    with qtbot.waitSignal(dialog.accepted, timeout=5_000):
        dialog.accept()
    qtbot.waitUntil(lambda: bool(reports.feedback.text()), timeout=10_000)
    client = StaffClient(ward.url, tokens=StaffTokenStore(MemoryKeyring()))
    client.sign_in("canbo", PASSWORD)
    saved = client.call("GET", "/reports/settings")
    assert (saved["number"], saved["signer_titles"], saved["signer_name"]) == (
        "31", ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "Nguyễn Văn Ký")
    # The PDF made from the screen carries them (its text, read back with pdftotext).
    _show_half(qtbot, reports)
    path = tmp_path / "bao-cao.pdf"
    with qtbot.waitSignal(reports.exported, timeout=30_000):
        reports.export_to("pdf", path)
    import subprocess

    from tests.sync.test_reports_exports import _poppler

    text = subprocess.run([_poppler("pdftotext"), str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "Số: 31/BC-UBND" in text and "PHÓ CHỦ TỊCH" in text and "Nguyễn Văn Ký" in text
