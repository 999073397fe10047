"""Sync from the GUI against the real ward server (subprocess): enrol in Settings, automatic
sync when the server is reachable, Sync now after an edit, Cancel, a revoked laptop, history.

Runs on the SQLite ward only (the protocol itself is tested on both databases by the other
sync tests); the GUI fixtures are the ones of tests/gui.
"""

from __future__ import annotations

import shutil
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import Engine, event
from sqlalchemy.orm import Session

from desktop.app import LaptopApp
from desktop.app.types import RecordFilter, RecordSort
from desktop.gui.app import application, create_main_window, open_laptop
from desktop.gui.errors import FailureDialog
from desktop.gui.i18n import Translations
from desktop.gui.main_window import MainWindow
from desktop.gui.settings import UiSettings
from desktop.gui.settings_dialog import SettingsDialog
from desktop.gui.sync_widgets import SyncHistoryDialog
from desktop.gui.tasks import TaskRunner
from desktop.store.clock import fixed_clock
from desktop.store.record_rows import CREATE, insert_new_records
from desktop.testdata.generate import generate_records
from sync.client.report import Status
from sync.contract.record import Place, Result
from sync.server import accounts, cli
from tests.gui.conftest import NEIGHBOURHOOD, NOW, make_record, type_text
from tests.sync.conftest import issue_code
from tests.sync.proxy import FaultProxy
from tests.sync.ward import WardServer

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """Only the SQLite ward here (overrides the two-database fixture of the sync conftest)."""
    return f"sqlite:///{tmp_path / 'ward.sqlite3'}"


@pytest.fixture
def tasks(qapp: QApplication) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.shutdown()


@pytest.fixture
def laptop(tmp_path: Path, tasks: TaskRunner) -> Iterator[LaptopApp]:
    """The laptop as the GUI opens it: its sync writes go to the database worker."""
    opened = open_laptop(tmp_path / "laptop", tasks, clock=fixed_clock(NOW))
    opened.profile.save(volunteer_name="Trần Thị Lan", neighbourhood_code=NEIGHBOURHOOD,
                        language="vi", server_url="")
    yield opened
    tasks.shutdown()
    opened.close()


@pytest.fixture
def open_window(qapp: QApplication, laptop: LaptopApp,
                tasks: TaskRunner) -> Iterator[Callable[..., MainWindow]]:
    """Opens the main window on ``laptop``; closes it before stopping the worker threads."""
    application()
    translations = Translations()
    translations.set_language("vi")
    windows: list[MainWindow] = []

    def open_(probe_interval_ms: int | None = None) -> MainWindow:
        window = create_main_window(
            laptop, tasks, translations, UiSettings(laptop.data_dir),
            now=fixed_clock(NOW), probe_interval_ms=probe_interval_ms)
        windows.append(window)
        window.show()
        return window

    yield open_
    for window in windows:
        window.close()
        window.deleteLater()
    tasks.shutdown()


def _code(ward_db: Engine) -> str:
    """An enrolment code for the neighbourhood of the GUI tests' profile."""
    return issue_code(ward_db, neighbourhood=NEIGHBOURHOOD)


def sync_column(window: MainWindow, row: int = 0) -> str:
    return str(window.model.index(row, 7).data())


def test_enrol_in_settings_then_automatic_sync_and_sync_now_send_the_record(
        qtbot, ward: WardServer, ward_db: Engine, laptop: LaptopApp,  # type: ignore[no-untyped-def]
        open_window: Callable[..., MainWindow]) -> None:
    record = make_record(laptop)
    window = open_window()
    with qtbot.waitSignal(window.list_updated, timeout=5000):
        window.start()
    qtbot.waitUntil(lambda: sync_column(window) == "Chỉ trên máy này", timeout=3000)

    window.show_settings()
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.name.text() == "Trần Thị Lan", timeout=3000)
    assert "Chưa đăng ký" in dialog.state.text()
    dialog.server.setText(ward.url)
    type_text(dialog.code, _code(ward_db))
    # Enrolling makes the server reachable, which starts a sync by itself.
    with qtbot.waitSignal(window.sync_finished, timeout=15000) as finished:
        qtbot.mouseClick(dialog.enrol_button, Qt.MouseButton.LeftButton)
    assert finished.args[0].status is Status.OK
    assert finished.args[0].accepted == 1
    qtbot.waitUntil(lambda: "Đã đăng ký với" in dialog.state.text(), timeout=3000)
    qtbot.waitUntil(lambda: "gần nhất: 14/05/2026" in dialog.state.text(), timeout=3000)
    assert "Xong" in dialog.state.text()
    qtbot.waitUntil(lambda: sync_column(window) == "Đã gửi", timeout=3000)
    dialog.close()

    # Edit the record in the form, save, and press Sync now at once.
    window.open_record(record.id)
    qtbot.waitUntil(lambda: window.form.editing is not None, timeout=3000)
    window.form.address.setText("Tổ 5, Khu 3")
    with qtbot.waitSignal(window.record_saved, timeout=3000):
        window.act_save.trigger()
    qtbot.waitUntil(lambda: sync_column(window) == "Chờ gửi", timeout=3000)
    with qtbot.waitSignal(window.sync_finished, timeout=15000) as finished:
        qtbot.mouseClick(window.sync_button, Qt.MouseButton.LeftButton)
    report = finished.args[0]
    assert (report.status, report.accepted) == (Status.OK, 1)
    qtbot.waitUntil(lambda: sync_column(window) == "Đã gửi", timeout=3000)
    assert "Đã gửi 1" in window.sync_bar.label.text()

    # The history lists both runs, newest first, with what was sent.
    window.show_sync_history()
    qtbot.waitUntil(lambda: window.findChild(SyncHistoryDialog) is not None, timeout=3000)
    history = window.findChild(SyncHistoryDialog)
    assert history.table.rowCount() == 2
    assert history.table.item(0, 1).text() == "Xong"
    assert "1 mới" in history.details.toPlainText()
    history.close()


def test_cancel_stops_a_sync_whose_answer_never_comes(
        qtbot, ward: WardServer, ward_db: Engine, laptop: LaptopApp,  # type: ignore[no-untyped-def]
        open_window: Callable[..., MainWindow]) -> None:
    proxy = FaultProxy(ward.port)
    try:
        laptop.sync.enroll(proxy.url, _code(ward_db), ca_cert=None, device_label="test")
        make_record(laptop)
        proxy.arm("stall", persistent=True)
        window = open_window()
        with qtbot.waitSignal(window.sync.sync_started, timeout=5000):
            window.start()  # reachable + a record waiting: the automatic sync starts
        qtbot.waitUntil(lambda: proxy.faults_fired >= 1, timeout=5000)
        assert window.sync_bar.cancel_button.isVisible()
        started = time.monotonic()
        with qtbot.waitSignal(window.sync_finished, timeout=5000) as finished:
            qtbot.mouseClick(window.sync_bar.cancel_button, Qt.MouseButton.LeftButton)
        assert time.monotonic() - started < 3
        assert finished.args[0].status is Status.CANCELLED
        assert not window.sync_bar.cancel_button.isVisible()
        qtbot.waitUntil(lambda: sync_column(window) == "Chờ gửi", timeout=3000)
    finally:
        proxy.close()


def test_a_revoked_laptop_is_told_so_and_keeps_its_records(
        qtbot, ward: WardServer, ward_db: Engine, laptop: LaptopApp,  # type: ignore[no-untyped-def]
        open_window: Callable[..., MainWindow]) -> None:
    enrolment = laptop.sync.enroll(ward.url, _code(ward_db), ca_cert=None,
                                   device_label="test").value
    records = [make_record(laptop, full_name=name, cccd=None)
               for name in ("Lê Văn Nam", "Phạm Thị Thu")]
    with Session(ward_db) as session, session.begin():
        accounts.revoke_device(session, enrolment.device_id, now=datetime.now(UTC))
    window = open_window()
    with qtbot.waitSignal(window.sync_finished, timeout=15000) as finished:
        window.start()  # the server is reachable: the automatic sync learns of the revocation
    assert finished.args[0].status is Status.REVOKED
    qtbot.waitUntil(window.revoked_banner.isVisible, timeout=3000)
    assert "thu hồi" in window.revoked_banner.text()
    assert "vẫn còn" in window.revoked_banner.text()
    box = window.findChild(QMessageBox, "sync_failed")
    assert box is not None and "thu hồi" in box.text()
    box.close()
    assert window.model.rowCount() == 2
    assert all(laptop.records.get(r.id) is not None for r in records)
    # Sync now explains instead of trying again.
    window.sync_now()
    explain = window.findChild(QMessageBox, "cannot_sync")
    assert explain is not None and "thu hồi" in explain.text()
    explain.close()


def test_a_rejected_record_shows_the_ward_reason_and_goes_again_once_fixed(
        qtbot, ward: WardServer, ward_db: Engine, laptop: LaptopApp,  # type: ignore[no-untyped-def]
        open_window: Callable[..., MainWindow]) -> None:
    laptop.sync.enroll(ward.url, _code(ward_db), ca_cert=None, device_label="test")
    good = make_record(laptop)
    # A final record without consent, as an older app version could have stored it.
    bad = good.model_copy(update={"id": uuid.uuid4(), "full_name": "Lê Văn Nam", "cccd": None,
                                  "consent": False, "consent_at": None, "consent_method": None})
    with laptop.store.session() as session:
        insert_new_records(session, [bad], actor="old app", action=CREATE, at=NOW,
                           sync_state="pending")
    window = open_window()
    with qtbot.waitSignal(window.sync_finished, timeout=15000) as finished:
        window.start()
    assert (finished.args[0].accepted, finished.args[0].rejected) == (1, 1)

    row = window.model.row_of(bad.id)
    qtbot.waitUntil(lambda: sync_column(window, row) == "Cần xử lý", timeout=3000)
    tooltip = window.model.index(row, 7).data(Qt.ItemDataRole.ToolTipRole)
    assert "đồng ý" in tooltip  # the server's reason, in Vietnamese, not raw JSON
    assert "{" not in tooltip

    window.open_record(bad.id)
    qtbot.waitUntil(window.form.attention_banner.isVisible, timeout=3000)
    assert "phường cho biết" in window.form.attention_banner.text()
    assert "đồng ý" in window.form.attention_banner.text()
    window.form.consent.setChecked(True)
    window.form.consent_method.setCurrentIndex(window.form.consent_method.findData("verbal"))
    with qtbot.waitSignal(window.record_saved, timeout=3000):
        window.act_save.trigger()
    assert not window.form.attention_banner.isVisible()
    qtbot.waitUntil(lambda: sync_column(window, window.model.row_of(bad.id)) == "Chờ gửi",
                    timeout=3000)
    with qtbot.waitSignal(window.sync_finished, timeout=15000) as finished:
        window.act_sync.trigger()
    assert (finished.args[0].accepted, finished.args[0].rejected) == (1, 0)
    qtbot.waitUntil(lambda: sync_column(window, window.model.row_of(bad.id)) == "Đã gửi",
                    timeout=3000)
    window.show_sync_history()
    qtbot.waitUntil(lambda: window.findChild(SyncHistoryDialog) is not None, timeout=3000)
    history = window.findChild(SyncHistoryDialog)
    history.table.selectRow(1)  # the first run: the rejection, named and explained
    assert "• Lê Văn Nam: " in history.details.toPlainText()
    assert "consent" in history.details.toPlainText()
    history.close()


def test_sync_starts_by_itself_when_the_server_comes_back_and_after_a_save(
        qtbot, ward: WardServer, ward_db: Engine, laptop: LaptopApp,  # type: ignore[no-untyped-def]
        open_window: Callable[..., MainWindow]) -> None:
    laptop.sync.enroll(ward.url, _code(ward_db), ca_cert=None, device_label="test")
    record = make_record(laptop)
    ward.stop()
    window = open_window(probe_interval_ms=300)
    with qtbot.waitSignal(window.list_updated, timeout=3000):
        window.start()
    qtbot.wait(700)  # probes fail quietly while the server is down: no sync, no dialog
    assert not window.sync.running
    assert window.findChild(QMessageBox) is None
    qtbot.waitUntil(lambda: sync_column(window) == "Chờ gửi", timeout=3000)

    with qtbot.waitSignal(window.sync_finished, timeout=15000) as finished:
        ward.start()
    assert (finished.args[0].status, finished.args[0].accepted) == (Status.OK, 1)

    # A save while online is sent soon (probe or after-save timer) without pressing anything.
    window.open_record(record.id)
    qtbot.waitUntil(lambda: window.form.editing is not None, timeout=3000)
    window.form.address.setText("Tổ 2, Khu 3")
    with qtbot.waitSignal(window.record_saved, timeout=3000):
        window.act_save.trigger()
    with qtbot.waitSignal(window.sync_finished, timeout=10000) as finished:
        pass
    assert (finished.args[0].status, finished.args[0].accepted) == (Status.OK, 1)


def test_export_bundle_from_the_menu_writes_the_unsent_records(
        qtbot, ward: WardServer, ward_db: Engine, laptop: LaptopApp,  # type: ignore[no-untyped-def]
        open_window: Callable[..., MainWindow], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    laptop.sync.enroll(ward.url, _code(ward_db), ca_cert=None, device_label="test")
    ward.stop()  # no connection for days
    make_record(laptop)
    make_record(laptop, full_name="Lê Văn Nam", cccd=None)
    window = open_window()
    with qtbot.waitSignal(window.list_updated, timeout=3000):
        window.start()
    qtbot.waitUntil(window.act_export_bundle.isEnabled, timeout=3000)
    target = tmp_path / "usb" / "lan"
    target.parent.mkdir()
    monkeypatch.setattr("desktop.gui.transfer.QFileDialog.getSaveFileName",
                        lambda *args, **kwargs: (str(target), ""))
    with qtbot.waitSignal(window.exported, timeout=5000) as exported:
        window.act_export_bundle.trigger()
    path, count = exported.args
    assert (path, count) == (target.with_suffix(".hotroso-bundle"), 2)
    assert path.stat().st_size > 0
    assert "2 phiếu chưa gửi" in window.statusBar().currentMessage()


def _writes_by_thread(laptop: LaptopApp) -> dict[str, int]:
    """Counts every statement that changes the store, by the thread that ran it."""
    seen: dict[str, int] = {}

    def watch(conn, cursor, statement, *args) -> None:  # type: ignore[no-untyped-def]
        if statement.lstrip().split(" ", 1)[0].upper() in ("INSERT", "UPDATE", "DELETE"):
            name = threading.current_thread().name
            seen[name] = seen.get(name, 0) + 1

    event.listen(laptop.store.engine, "before_cursor_execute", watch)
    return seen


def test_fifty_saves_during_a_running_sync_all_succeed_on_the_one_writer(
        qtbot, ward: WardServer, ward_db: Engine, tmp_path: Path,  # type: ignore[no-untyped-def]
        tasks: TaskRunner) -> None:
    laptop = open_laptop(tmp_path / "busy", tasks, clock=fixed_clock(NOW), batch_size=100)
    try:
        laptop.profile.save(volunteer_name="Trần Thị Lan", neighbourhood_code=NEIGHBOURHOOD,
                            language="vi")
        laptop.sync.enroll(ward.url, _code(ward_db), device_label="test")
        profile = laptop.profile.current
        assert profile is not None
        waiting = list(generate_records(3000, seed=9, today=NOW.date(),
                                        device_id=str(profile.device_id),
                                        volunteer_name=profile.volunteer_name,
                                        neighbourhood_code=profile.neighbourhood_code,
                                        draft_share=0.0))
        with laptop.store.session() as session:
            insert_new_records(session, waiting, actor="test", action=CREATE, at=NOW,
                               sync_state="pending")
        writers = _writes_by_thread(laptop)
        translations = Translations()
        window = create_main_window(laptop, tasks, translations, UiSettings(laptop.data_dir),
                                    now=fixed_clock(NOW))
        window.show()
        with qtbot.waitSignal(window.list_updated, timeout=5000):
            window.refresh_list()
        # Every sync's report: the big one may end during the saves, and the saves start
        # small syncs of their own, so the test adds them up instead of waiting for one.
        reports: list[Any] = []
        window.sync_finished.connect(reports.append)
        with qtbot.waitSignal(window.sync.progressed, timeout=15000):
            window.sync_now()  # 30 batches of 100: several seconds of sync
        saved: list[bool] = []
        window.record_saved.connect(lambda _r: saved.append(window.sync.running))
        form = window.form
        for n in range(50):
            form.full_name.setText(f"Người Thứ {chr(65 + n // 26)}{chr(97 + n % 26)}")
            form.category.setCurrentIndex(form.category.findData("VNEID_INSTALL"))
            form.result.setCurrentIndex(form.result.findData(Result.COMPLETED))
            form.place.setCurrentIndex(form.place.findData(Place.WARD_DESK))
            form.consent.setChecked(True)
            with qtbot.waitSignal(window.record_saved, timeout=10000):
                window.act_save_next.trigger()
        assert len(saved) == 50
        assert sum(saved) >= 10, "the saves should have run while the sync did"
        qtbot.waitUntil(lambda: sum(r.accepted for r in reports) >= 3000, timeout=60000)
        assert all(r.status is Status.OK for r in reports), [r.message_en for r in reports]
        assert not [w for w in QApplication.topLevelWidgets()
                    if isinstance(w, FailureDialog) and w.isVisible()]
        ids = laptop.records.query(RecordFilter(text="Người Thứ"), RecordSort()).ids
        assert len({r.full_name for r in laptop.records.fetch_rows(list(ids))}) == 50
        # Every write (the sync's bookkeeping and the saves) ran on the database worker.
        assert writers and set(writers) == {"hotroso-db_0"}, writers
        window.close()
    finally:
        tasks.shutdown()
        laptop.close()


def test_new_reference_data_reaching_an_open_form_is_used_by_the_next_save(
        qtbot, ward: WardServer, ward_db: Engine, db_url: str,  # type: ignore[no-untyped-def]
        laptop: LaptopApp, open_window: Callable[..., MainWindow], tmp_path: Path) -> None:
    laptop.sync.enroll(ward.url, _code(ward_db), device_label="test")
    window = open_window()
    with qtbot.waitSignal(window.sync_finished, timeout=15000):
        window.start()  # the first sync: the shipped reference data is what the ward has
    form = window.form
    form.full_name.setText("Lê Thị Mai")
    form.category.setCurrentIndex(form.category.findData("CASHLESS"))
    form.result.setCurrentIndex(form.result.findData(Result.COMPLETED))
    form.place.setCurrentIndex(form.place.findData(Place.WARD_DESK))
    form.consent.setChecked(True)
    assert not form.rows["category_detail"].cell.isVisible()

    # The ward now asks what exactly was done for "cashless" help; the next sync brings it.
    folder = tmp_path / "reference"
    shutil.copytree(Path(__file__).resolve().parents[2] / "resources" / "reference", folder)
    categories = folder / "categories.toml"
    text = categories.read_text(encoding="utf-8").replace(
        'version = "', 'version = "ward-detail-', 1).replace(
        'name_en = "Cashless payment"\n', 'name_en = "Cashless payment"\nrequires = ["detail"]\n')
    categories.write_text(text, encoding="utf-8")
    assert cli.main(["publish-reference", str(folder), "--db", db_url]) == 0
    attempts: list[object] = []
    real_save = laptop.records.save
    laptop.records.save = lambda record: (attempts.append(record), real_save(record))[1]  # type: ignore[method-assign]
    with qtbot.waitSignal(window.sync_finished, timeout=15000) as finished:
        window.sync_now()
    assert "ward-detail-" in (finished.args[0].reference_version or "")
    assert "ward-detail-" in laptop.reference.version
    qtbot.waitUntil(form.rows["category_detail"].cell.isVisible, timeout=3000)

    # The next save is judged by the new data: its problem is shown, nothing loops.
    window.act_save.trigger()
    qtbot.wait(300)
    assert attempts == []
    assert form.problem_summary.isVisible()
    assert "Khác" in form.rows["category_detail"].message.text() or \
        form.rows["category_detail"].message.isVisible()
    form.category_detail.setText("Mở ví điện tử")
    with qtbot.waitSignal(window.record_saved, timeout=3000) as saved:
        window.act_save.trigger()
    qtbot.wait(300)
    assert len(attempts) == 1
    assert saved.args[0].category_detail == "Mở ví điện tử"

