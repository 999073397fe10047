"""The staff review queue asks the server (offscreen, real server process): Enter in the
search box finds every matching record, not only the loaded ones, accent-insensitively; the
server-side filters narrow the pages; the count says how many match.

``HOTROSO_SCREENSHOTS=docs/screenshots`` also saves the queue at 1366×768 (Vietnamese) as
``staff-review-queue.png`` there (``HOTROSO_SCREENSHOTS_LANG=en``: in English, to look at)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from desktop.gui.i18n import Translations
from desktop.gui.staff.window import StaffWindow
from desktop.gui.tasks import TaskRunner
from sync.client.staff import StaffClient, StaffTokenStore
from sync.contract.reference import load_reference
from sync.server import accounts
from sync.server.linking import link_heads
from sync.server.models import Role
from tests.keyrings import MemoryKeyring
from tests.sync.api import enrol_device, item, push, wire_record
from tests.sync.ward import WardServer

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
PASSWORD = "mật khẩu đủ dài 2026"


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'ward.sqlite3'}"


@pytest.fixture
def tasks(qapp: QApplication) -> Iterator[TaskRunner]:
    runner = TaskRunner(progress_delay_ms=60_000)
    yield runner
    runner.shutdown()


def test_enter_searches_every_record_on_the_server_and_filters_narrow_it(
    qtbot, tasks: TaskRunner, ward: WardServer, ward_db: Engine,  # type: ignore[no-untyped-def]
) -> None:
    device = enrol_device(ward_db, ward.url, "HT01")
    names = ["Quách Thị Lụa", "Nguyễn Văn An", "Trần Thị Bình", "Quách Văn Lực"]
    records = [wire_record(device, full_name=n, cccd=None, phone=None,
                           category="VSSID" if i == 3 else "VNEID_L1") for i, n in enumerate(names)]
    assert push(ward.url, device, [item(r) for r in records]).status_code == 200
    with ward_db.begin() as conn:  # what the server's worker does right after the answer
        link_heads(conn, [r["id"] for r in records], now=datetime.now(UTC))
    with Session(ward_db) as session, session.begin():
        accounts.create_user(session, username="canbo", password=PASSWORD, role=Role.STAFF,
                             now=datetime.now(UTC))
    shots = os.environ.get("HOTROSO_SCREENSHOTS")
    translations = Translations()
    if shots:
        translations.set_language(os.environ.get("HOTROSO_SCREENSHOTS_LANG", "vi"))
    client = StaffClient(ward.url, tokens=StaffTokenStore(MemoryKeyring()))
    window = StaffWindow(client, client.sign_in("canbo", PASSWORD), tasks, load_reference())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.model.loading, timeout=10_000)
    assert window.model.rowCount() == 4 and window._total == 4
    if shots:
        window.resize(1366, 768)
        window.table.selectRow(0)
        qtbot.waitUntil(lambda: window.record_title.text() != "", timeout=10_000)
        qtbot.wait(200)
        shot = window.grab()
        assert (shot.width(), shot.height()) == (1366, 768)
        shot.save(str(Path(shots) / "staff-review-queue.png"))

    window.search.setText("quach")  # typing: only the loaded rows are filtered
    window.search.setFocus()
    qtbot.keyClick(window.search, Qt.Key.Key_Return)  # Enter: the server searches them all
    qtbot.waitUntil(lambda: not window.model.loading and window._total == 2, timeout=10_000)
    found = {window.model.summary(r).id for r in range(window.model.rowCount())}
    assert found == {records[0]["id"], records[3]["id"]}
    assert "2" in window.count_label.text()

    category = window.more_filters.category
    category.setCurrentIndex(category.findData("VSSID"))  # asks the server again
    qtbot.waitUntil(lambda: not window.model.loading and window._total == 1, timeout=10_000)
    assert [window.model.summary(r).id for r in range(window.model.rowCount())] == [
        records[3]["id"]]
