"""The volunteer window's way into staff mode, and ``hotroso --staff``."""

from __future__ import annotations

import pytest

from desktop.cli import build_parser
from desktop.gui.main_window import MainWindow


def test_file_menu_offers_staff_sign_in_with_the_enrolled_server(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    from desktop.gui.staff import entry

    action = next(a for a in window.menu_file.actions() if a.objectName() == "act_staff_sign_in")
    assert action.text() == "Đăng nhập &cán bộ phường…"
    assert window.menu_file.actions()[-1] is window.act_quit  # Quit stays last
    calls: list[dict[str, object]] = []
    monkeypatch.setattr(entry, "sign_in_and_open",
                        lambda tasks, **kw: calls.append(kw))  # the dialog is modal
    with qtbot.waitSignal(window.tasks.busy_changed, timeout=5000,
                          check_params_cb=lambda busy: not busy):
        action.trigger()
    assert calls == [{"server_url": "", "ca_cert": None, "parent": window}]


def test_staff_option_is_known_to_the_command_line() -> None:
    assert build_parser().parse_args(["--staff"]).staff is True
    assert build_parser().parse_args([]).staff is False


def test_idle_time_is_configurable(monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.gui.staff.entry import client_factory

    assert client_factory()("https://ward.example").idle_minutes == 15
    monkeypatch.setenv("HOTROSO_STAFF_IDLE_MINUTES", "5")
    assert client_factory()("https://ward.example").idle_minutes == 5
    monkeypatch.setenv("HOTROSO_STAFF_IDLE_MINUTES", "soon")
    assert client_factory()("https://ward.example").idle_minutes == 15
