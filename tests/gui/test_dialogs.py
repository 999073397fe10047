"""First run, meeting mode, follow-ups, autosave, and qtmodeltester on every model."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.app import LaptopApp
from desktop.gui.app import apply_setup
from desktop.gui.first_run import FirstRunDialog
from desktop.gui.follow_ups import FollowUpsDialog, FollowUpsModel
from desktop.gui.i18n import Translations
from desktop.gui.main_window import MainWindow
from desktop.gui.meeting import MeetingSummaryDialog, StartMeetingDialog
from desktop.gui.procedure_picker import ProcedurePicker
from desktop.gui.records_model import RecordsTableModel
from desktop.store.clock import fixed_clock
from sync.contract.record import Result
from tests.gui.conftest import NOW, make_record, press, type_text


def test_first_run_setup(qtbot: QtBot, translations: Translations, tmp_path: Path) -> None:
    laptop = LaptopApp.open(tmp_path / "fresh", clock=fixed_clock(NOW))
    try:
        assert laptop.profile.load() is None
        dialog = FirstRunDialog(laptop.reference, translations, today=laptop.today())
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.windowTitle() == "Chào mừng đến với Hỗ trợ số"
        qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
        assert dialog.problem.isVisible() and "họ tên" in dialog.problem.text()
        type_text(dialog.name, "Phan Thị Ngọc")
        dialog.neighbourhood.setCurrentIndex(dialog.neighbourhood.findData("HT07"))
        type_text(dialog.server, "hotroso.vn")
        qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
        assert "https://hotroso.example.vn" in dialog.problem.text()
        dialog.server.clear()
        type_text(dialog.server, "https://hatu.hotroso.vn/")
        dialog.language.setCurrentIndex(dialog.language.findData("en"))  # switches at once
        qtbot.waitUntil(lambda: dialog.windowTitle() == "Welcome to Hỗ trợ số", timeout=2000)
        with qtbot.waitSignal(dialog.accepted, timeout=2000):
            qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
        apply_setup(laptop, dialog.choices())
        profile = laptop.profile.load()
        assert profile is not None
        assert (profile.volunteer_name, profile.neighbourhood_code, profile.language,
                profile.server_url) == ("Phan Thị Ngọc", "HT07", "en", "https://hatu.hotroso.vn")
    finally:
        laptop.close()


def test_meeting_mode_and_summary(qtbot: QtBot, window: MainWindow,
                                  laptop: LaptopApp, tmp_path: Path) -> None:
    window.act_meeting_start.trigger()
    dialog = window.findChild(StartMeetingDialog)
    assert dialog is not None
    type_text(dialog.place, "Nhà văn hoá khu 3")
    with qtbot.waitSignal(window.tasks.busy_changed, timeout=3000):
        press(dialog.place, Qt.Key.Key_Return)
    qtbot.waitUntil(window.form.meeting_banner.isVisible, timeout=3000)
    assert window.act_meeting_end.isEnabled()
    form = window.form
    for name, category, result in (("Bùi Văn Hải", "VNEID_L1", Result.COMPLETED),
                                   ("Bùi Thị Hà", "VNEID_L1", Result.FOLLOW_UP),
                                   ("Cao Văn Kiên", "CASHLESS", Result.COMPLETED)):
        form.full_name.setText(name)
        form.category.setCurrentIndex(form.category.findData(category))
        form.result.setCurrentIndex(form.result.findData(result))
        if result == Result.FOLLOW_UP:
            form.follow_up_date.setText("20/05/2026")
        form.consent.setChecked(True)
        with qtbot.waitSignal(window.record_saved, timeout=3000):
            window.act_save_next.trigger()
    window.act_meeting_end.trigger()
    qtbot.waitUntil(lambda: window.findChild(MeetingSummaryDialog) is not None, timeout=3000)
    summary = window.findChild(MeetingSummaryDialog)
    assert summary is not None
    text = summary.view.toPlainText()
    assert "Tổng kết buổi họp" in text and "Nhà văn hoá khu 3" in text
    assert "Đã hỗ trợ 3 người (3 phiếu)" in text
    assert "Đăng ký tài khoản định danh điện tử mức 1" in text
    assert "Bùi Thị Hà" in text and "20/05/2026" in text
    pdf = tmp_path / "summary.pdf"
    summary.save_pdf(pdf)
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 1000
    assert not window.form.meeting_banner.isVisible()
    summary.close()


def test_follow_ups_by_due_date_with_overdue_marked(qtbot: QtBot, window: MainWindow,
                                                    laptop: LaptopApp) -> None:
    make_record(laptop, full_name="Hồ Văn Sơn", cccd=None, result=Result.FOLLOW_UP,
                follow_up_date=date(2026, 5, 20))
    make_record(laptop, full_name="Lý Thị Thu", cccd=None, birth_year=1950,
                result=Result.FOLLOW_UP, follow_up_date=date(2026, 5, 14),
                assisted_on=date(2026, 5, 2))
    make_record(laptop, full_name="Mạc Văn An", cccd=None, birth_year=1940,
                result=Result.FOLLOW_UP, follow_up_date=date(2026, 5, 10),
                assisted_on=date(2026, 5, 2))
    window.act_follow_ups.trigger()
    qtbot.waitUntil(lambda: window.findChild(FollowUpsDialog) is not None, timeout=3000)
    dialog = window.findChild(FollowUpsDialog)
    assert dialog is not None
    model = dialog.model
    names = [model.index(r, 1).data() for r in range(model.rowCount())]
    assert names == ["Mạc Văn An", "Lý Thị Thu", "Hồ Văn Sơn"]
    assert model.index(0, 0).data() == "10/05/2026 (quá hạn)"
    assert model.index(1, 0).data() == "14/05/2026"  # due today: not overdue yet
    assert model.index(0, 1).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(2, 1).data(Qt.ItemDataRole.ForegroundRole) is None
    dialog.table.activated.emit(model.index(0, 0))
    qtbot.waitUntil(lambda: window.form.editing is not None, timeout=3000)
    assert window.form.full_name.text() == "Mạc Văn An"


def test_autosave_puts_back_what_was_typed(qtbot: QtBot, window: MainWindow,
                                           laptop: LaptopApp) -> None:
    type_text(window.form.full_name, "Đinh Thị Yến")
    type_text(window.form.phone, "0912")
    window.autosave.write_now()
    # In the store (encrypted with it), written by the database worker.
    qtbot.waitUntil(lambda: window.tasks.on_db_worker(laptop.drafts.load)
                    is not None, timeout=3000)
    window.form.new_record(keep=False)
    assert window.form.full_name.text() == ""
    window.entry.put_back(window.tasks.on_db_worker(laptop.drafts.load))
    assert window.form.full_name.text() == "Đinh Thị Yến"
    assert window.form.phone.text() == "0912"
    window.form.full_name.setText("Đinh Thị Yến")
    window.form.phone.clear()
    with qtbot.waitSignal(window.record_saved, timeout=3000):
        window.act_save_draft.trigger()
    qtbot.waitUntil(lambda: window.tasks.on_db_worker(laptop.drafts.load)
                    is None, timeout=3000)  # saved: nothing left to put back
    assert not list(laptop.data_dir.glob("form-autosave*"))


def test_models_pass_qtmodeltester(qtbot: QtBot, qtmodeltester, window: MainWindow,  # type: ignore[no-untyped-def]
                                   laptop: LaptopApp) -> None:
    for i in range(5):
        make_record(laptop, full_name=f"Người Thứ {chr(65 + i)}", cccd=None,
                    birth_year=1960 + i, result=Result.FOLLOW_UP,
                    follow_up_date=date(2026, 5, 14 + i))
    window.refresh_list()
    qtbot.waitUntil(lambda: window.model.rowCount() == 5)
    model: RecordsTableModel = window.model
    qtmodeltester.check(model)  # rows not fetched yet: placeholders
    qtbot.waitUntil(lambda: model.summary(4) is not None, timeout=3000)
    qtmodeltester.check(model)  # rows fetched
    qtmodeltester.check(FollowUpsModel(laptop.records.follow_ups(), laptop.reference))
    picker = ProcedurePicker()
    qtbot.addWidget(picker)
    picker.set_procedures(laptop.reference.procedures.values(), "vi")
    picker.proxy.set_query("khai sinh")
    qtmodeltester.check(picker.proxy)
