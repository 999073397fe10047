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
from tests.gui.fit import clipped_labels, settle
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


def test_plain_http_beyond_this_machine_needs_the_wards_say_so(
        qtbot, window: MainWindow, laptop: LaptopApp,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict[str, object]] = []

    def enroll(url: str, code: str, **kwargs: object) -> None:
        calls.append({"url": url, **kwargs})  # no network beyond loopback in tests
        raise RuntimeError("stop here")

    monkeypatch.setattr(laptop.sync, "enroll", enroll)
    monkeypatch.setattr("desktop.gui.errors.report_failure", lambda *a, **k: None)
    dialog = open_settings(qtbot, window)
    for url in ("https://hotroso.example.vn", "http://127.0.0.1:8000", "http://localhost:9"):
        dialog.server.setText(url)
        assert not dialog.allow_insecure.isVisible()
    dialog.server.setText("http://10.1.2.3:8000")
    assert dialog.allow_insecure.isVisible() and not dialog.allow_insecure.isChecked()
    assert dialog.insecure_note.isVisible()
    settle()
    # Shown in a dialog already open: the choice is whole and its reason wraps, unclipped.
    assert dialog.allow_insecure.width() >= dialog.allow_insecure.sizeHint().width()
    assert clipped_labels(dialog) == []
    type_text(dialog.code, "ABCD-1234")
    qtbot.mouseClick(dialog.enrol_button, Qt.MouseButton.LeftButton)
    assert dialog.problem.isVisible() and "http://" in dialog.problem.text()
    assert "https://" in dialog.problem.text() and calls == []

    dialog.allow_insecure.setChecked(True)
    qtbot.mouseClick(dialog.enrol_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=3000)
    assert calls[0]["url"] == "http://10.1.2.3:8000" and calls[0]["allow_insecure"] is True
    # Back to an https:// address: the choice is gone and not carried along.
    dialog.server.setText("https://hotroso.example.vn")
    assert not dialog.allow_insecure.isVisible() and not dialog.allow_insecure.isChecked()
