"""Moving to another ward server from Settings: the new enrolment takes over, both in sync's
enrolment and in the profile, so the laptop never keeps two addresses (real ward server)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import Engine

from desktop.app import LaptopApp
from desktop.gui.main_window import MainWindow
from tests.gui.conftest import type_text
from tests.gui.test_settings import enrol_offline, open_settings
from tests.sync.conftest import issue_code, ward, ward_db  # noqa: F401  (fixtures)
from tests.sync.ward import WardServer, free_port


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """The SQLite ward only: the protocol is tested on both databases by tests/sync."""
    return f"sqlite:///{tmp_path / 'ward.sqlite3'}"


def test_enrolling_with_the_new_address_makes_it_the_only_one(
        qtbot, window: MainWindow, laptop: LaptopApp,  # type: ignore[no-untyped-def]
        ward: WardServer, ward_db: Engine) -> None:  # noqa: F811
    old = f"http://127.0.0.1:{free_port()}"
    enrol_offline(laptop, old)
    dialog = open_settings(qtbot, window)
    qtbot.waitUntil(lambda: "Đã đăng ký với" in dialog.state.text(), timeout=3000)
    dialog.server.setText(ward.url)
    assert dialog.address_change.isVisible()
    type_text(dialog.code, issue_code(ward_db))
    # Enrolling starts a sync with the new server; wait for it to end before the checks.
    with qtbot.waitSignals([dialog.enrolled, window.sync_finished], timeout=15000):
        qtbot.mouseClick(dialog.enrol_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ward.url in dialog.state.text(), timeout=3000)
    assert not dialog.address_change.isVisible()
    status = laptop.sync.status()
    assert status.enrolment is not None and status.enrolment.server_url == ward.url
    assert status.enrolled
    profile = laptop.profile.load()
    assert profile is not None and profile.server_url == ward.url
    with qtbot.waitSignal(window.profile_changed, timeout=3000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    profile = laptop.profile.load()
    assert profile is not None and profile.server_url == ward.url
