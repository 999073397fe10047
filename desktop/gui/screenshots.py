"""Render the README screenshots offscreen (Vietnamese), from a throwaway store.

    QT_QPA_PLATFORM=offscreen python -m desktop.gui.screenshots docs/screenshots

The main window is shot at 1366×768, the volunteer's laptop screen (and smaller ones are
checked by the tests: every window fits 1280×720); dialogs at the size they open at.

The sync screenshots are real: a ward server (``hotroso-server serve``) is started on a
loopback port with a throwaway SQLite database, the laptop is enrolled through the Settings
dialog with a code from ``hotroso-server enroll-device``, and synced.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer, SignalInstance
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.app import LaptopApp
from desktop.app.protection import StoreKey
from desktop.app.types import fixed_clock
from desktop.gui.app import application, create_main_window, open_laptop
from desktop.gui.i18n import Translations
from desktop.gui.main_window import MainWindow
from desktop.gui.meeting import MeetingSummaryDialog
from desktop.gui.settings import UiSettings
from desktop.gui.tasks import TaskRunner
from desktop.testdata.generate import generate_records
from sync.contract.record import Result

NOW = datetime(2026, 5, 14, 3, 0, tzinfo=UTC)
#: The volunteer's screen.
SCREEN = (1366, 768)


def settle(ms: int = 400) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_for(signal: SignalInstance, timeout_ms: int = 20_000) -> list[object]:
    """Run the event loop until ``signal`` fires (its arguments) or the time is up."""
    loop = QEventLoop()
    got: list[object] = []

    def fired(*args: object) -> None:
        got.extend(args)
        loop.quit()

    signal.connect(fired)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    signal.disconnect(fired)
    return got


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _server(folder: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "sync.server.cli", *args, "--db",
            f"sqlite:///{folder / 'ward.sqlite3'}"]


def shoot_sync(window: MainWindow, laptop: LaptopApp, folder: Path, out: Path) -> None:
    """Enrol through Settings against a real ward server, sync, and shoot both dialogs."""
    from desktop.gui.settings_dialog import SettingsDialog
    from desktop.gui.sync_widgets import SyncHistoryDialog

    ward = folder / "ward"
    ward.mkdir()
    port = _free_port()
    log = (ward / "server.log").open("wb")
    server = subprocess.Popen(_server(ward, "serve", "--port", str(port)), stdout=log,
                              stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(100):
            if laptop.sync.reachable_at(url):
                break
            settle(100)
        issued = subprocess.run(
            _server(ward, "enroll-device", "--neighbourhood", "HT03", "--volunteer",
                    "Trần Thị Lan", "--qr", str(ward / "qr.png")),
            check=True, capture_output=True, text=True).stdout
        match = re.search(r"Code:\s*(\S+)", issued)
        assert match is not None, issued
        window.show_settings()
        dialog = window.findChild(SettingsDialog)
        assert dialog is not None
        settle(300)
        dialog.server.setText(url)
        dialog.code.setText(match.group(1))
        dialog.enrol_button.click()
        wait_for(window.sync_finished)
        settle(600)
        shoot(dialog, out / "settings.png")
        dialog.close()
        # Two more records and a second run; then a run with the server gone.
        profile = laptop.profile.current
        assert profile is not None
        for record in generate_records(2, seed=11, today=date(2026, 5, 14),
                                       device_id=str(profile.device_id),
                                       volunteer_name=profile.volunteer_name):
            laptop.records.save(record)
        window.sync_now()
        wait_for(window.sync_finished)
        server.terminate()
        server.wait(10)
        laptop.records.save(next(iter(generate_records(
            1, seed=12, today=date(2026, 5, 14), device_id=str(profile.device_id),
            volunteer_name=profile.volunteer_name))))
        window.sync_now()
        wait_for(window.sync_finished, 120_000)
        settle(300)
        for box in window.findChildren(QMessageBox):
            box.close()
        shoot(window, out / "offline.png")
        window.show_sync_history()
        settle(500)
        history = window.findChild(SyncHistoryDialog)
        assert history is not None
        shoot(history, out / "sync.png")
        history.close()
    finally:
        server.terminate()
        server.wait(10)
        log.close()


def shoot(widget: QWidget, path: Path) -> None:
    settle()
    widget.grab().save(str(path))
    print(path)


def main(argv: list[str] | None = None) -> int:
    out = Path((argv or sys.argv[1:] or ["docs/screenshots"])[0])
    out.mkdir(parents=True, exist_ok=True)
    app = application()
    folder = Path(tempfile.mkdtemp(prefix="hotroso-shots-"))
    tasks = TaskRunner()
    # A throwaway store: encrypted with a fresh key, so no keyring is needed to make the shots.
    laptop = open_laptop(folder, tasks, clock=fixed_clock(NOW), passphrase=StoreKey.generate())
    profile = laptop.profile.save(volunteer_name="Trần Thị Lan", neighbourhood_code="HT03",
                                  language="vi", server_url="").value
    meeting = laptop.meetings.start(place="Nhà văn hoá Khu 3", on=date(2026, 5, 14),
                                    host="Trần Thị Lan", neighbourhood_code="HT03").value
    for i, record in enumerate(generate_records(240, seed=3, today=date(2026, 5, 14),
                                                device_id=str(profile.device_id),
                                                volunteer_name=profile.volunteer_name)):
        if i < 9:
            record = record.model_copy(update={"meeting_id": meeting.id,
                                               "assisted_on": date(2026, 5, 14)})
        if record.result == Result.FOLLOW_UP and record.follow_up_date is None:
            continue
        laptop.records.save(record)
    translations = Translations()
    translations.set_language("vi")
    window = create_main_window(laptop, tasks, translations, UiSettings(folder),
                                now=fixed_clock(NOW))
    window.resize(*SCREEN)
    window.show()
    window.start()
    settle(800)
    window.table.selectRow(2)
    shoot(window, out / "main-window.png")

    form = window.form
    form.new_record(keep=False)
    form.full_name.setText("Nguyễn Thị Hoà")
    form.birth.setText("1958")
    form.gender.setCurrentIndex(form.gender.findData("female"))
    form.cccd.setText("022185012345")
    form.phone.setText("0123 456")
    form.category.setCurrentIndex(form.category.findData("DVC_SUBMIT"))
    form.procedure.search.setText("khai sinh")
    form.procedure.proxy.set_query("khai sinh")
    form.procedure.list.setCurrentIndex(form.procedure.proxy.index(0, 0))
    form.request_save(final=True, next_after=False)
    shoot(window, out / "form-validation.png")

    form.new_record(keep=False)
    form.full_name.setText("Phạm Văn Đức")
    form.birth.setText("12/03/1961")
    form.gender.setCurrentIndex(form.gender.findData("male"))
    form.phone.setText("0912 345 678")
    form.category.setCurrentIndex(form.category.findData("VNEID_L1"))
    form.result.setCurrentIndex(form.result.findData("completed"))
    form.consent.setChecked(True)
    form.request_save(final=True, next_after=False)
    wait_for(window.record_saved)
    shoot(window, out / "form-saved.png")

    summary = laptop.meetings.end(meeting.id).value
    dialog = MeetingSummaryDialog(summary, laptop.reference, window)
    dialog.show()
    shoot(dialog, out / "meeting-summary.png")
    dialog.close()
    shoot_sync(window, laptop, folder, out)
    window.close()
    tasks.shutdown()
    laptop.close()
    app.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
