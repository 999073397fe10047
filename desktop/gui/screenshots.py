"""Render the README screenshots offscreen (Vietnamese), from a throwaway store.

    QT_QPA_PLATFORM=offscreen python -m desktop.gui.screenshots docs/screenshots
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QWidget

from desktop.gui.app import application, create_main_window
from desktop.gui.i18n import Translations
from desktop.gui.meeting import MeetingSummaryDialog
from desktop.gui.services import StoreServices
from desktop.gui.settings import UiSettings
from desktop.gui.tasks import TaskRunner
from desktop.store import Store
from desktop.store.clock import fixed_clock
from desktop.testdata.generate import generate_records
from sync.contract.record import Result

NOW = datetime(2026, 5, 14, 3, 0, tzinfo=UTC)


def settle(ms: int = 400) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def shoot(widget: QWidget, path: Path) -> None:
    settle()
    widget.grab().save(str(path))
    print(path)


def main(argv: list[str] | None = None) -> int:
    out = Path((argv or sys.argv[1:] or ["docs/screenshots"])[0])
    out.mkdir(parents=True, exist_ok=True)
    app = application()
    folder = Path(tempfile.mkdtemp(prefix="hotroso-shots-"))
    store = Store.open(folder, clock=fixed_clock(NOW))
    services = StoreServices(store)
    profile = services.save_profile(volunteer_name="Trần Thị Lan", neighbourhood_code="HT03",
                                    language="vi", server_url="")
    meeting = services.start_meeting(place="Nhà văn hoá Khu 3", on=date(2026, 5, 14),
                                     host="Trần Thị Lan", neighbourhood_code="HT03")
    for i, record in enumerate(generate_records(240, seed=3, today=date(2026, 5, 14),
                                                device_id=str(profile.device_id),
                                                volunteer_name=profile.volunteer_name)):
        if i < 9:
            record = record.model_copy(update={"meeting_id": meeting.id,
                                               "assisted_on": date(2026, 5, 14)})
        if record.result == Result.FOLLOW_UP and record.follow_up_date is None:
            continue
        services.save(record, profile.volunteer_name)
    translations = Translations()
    translations.set_language("vi")
    tasks = TaskRunner()
    window = create_main_window(services, tasks, translations, UiSettings(folder),
                                now=fixed_clock(NOW))
    window.resize(1560, 860)
    window.show()
    window.start()
    settle(800)
    window.splitter.setSizes([960, 600])
    settle(200)
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
    form.scroll.verticalScrollBar().setValue(0)
    shoot(window, out / "form-validation.png")

    summary = services.end_meeting(meeting.id)
    dialog = MeetingSummaryDialog(summary, store.reference, window)
    dialog.resize(680, 640)
    dialog.show()
    shoot(dialog, out / "meeting-summary.png")
    dialog.close()
    window.close()
    tasks.shutdown()
    services.close()
    app.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
