"""Settings (profile after the first run, enrolment state), sync without a server, About."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop import __version__
from desktop.app import LaptopApp
from desktop.gui.i18n import Translations, current_language
from desktop.gui.main_window import MainWindow
from desktop.gui.settings_dialog import SettingsDialog
from desktop.store.sync_state import StoreSync
from sync.client.port import Enrolment
from tests.gui.conftest import NOW, type_text
from tests.sync.ward import free_port


def open_settings(qtbot, window: MainWindow) -> SettingsDialog:  # type: ignore[no-untyped-def]
    window.act_settings.trigger()
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.name.text() == "Trần Thị Lan", timeout=3000)
    return dialog


def test_settings_edit_the_profile_and_the_app_follows(
        qtbot, window: MainWindow, laptop: LaptopApp) -> None:  # type: ignore[no-untyped-def]
    dialog = open_settings(qtbot, window)
    assert "Chưa đăng ký" in dialog.state.text()
    assert "chưa có" in dialog.state.text()
    dialog.name.clear()
    type_text(dialog.name, "Phạm  Văn   Đức")
    dialog.neighbourhood.setCurrentIndex(dialog.neighbourhood.findData("HT05"))
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    with qtbot.waitSignal(window.profile_changed, timeout=3000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    profile = laptop.profile.load()
    assert profile is not None
    assert (profile.volunteer_name, profile.neighbourhood_code, profile.language) == (
        "Phạm Văn Đức", "HT05", "en")
    assert current_language() == "en"
    # The whole window follows in one go (Qt's LanguageChange, one pass of the event loop).
    qtbot.waitUntil(lambda: window.windowTitle() == "Hỗ trợ số — Phạm Văn Đức", timeout=2000)
    assert laptop.profile.language == "en"  # the one place of the language
    # A new record is made by the new volunteer in the new neighbourhood.
    window.form.new_record(keep=False)
    assert window.form.neighbourhood.currentData() == "HT05"
    assert window.form.profile.volunteer_name == "Phạm Văn Đức"


def test_settings_refuse_an_empty_name_and_a_bad_address(
        qtbot, window: MainWindow, laptop: LaptopApp) -> None:  # type: ignore[no-untyped-def]
    dialog = open_settings(qtbot, window)
    dialog.server.setText("hotroso.example")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.problem.isVisible() and "https://" in dialog.problem.text()
    qtbot.mouseClick(dialog.enrol_button, Qt.MouseButton.LeftButton)
    assert "https://" in dialog.problem.text()
    dialog.server.setText("https://hotroso.example.vn")
    qtbot.mouseClick(dialog.enrol_button, Qt.MouseButton.LeftButton)
    assert "mã đăng ký" in dialog.problem.text()
    dialog.name.clear()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "họ tên" in dialog.problem.text()
    assert dialog.isVisible()
    profile = laptop.profile.load()
    assert profile is not None and profile.volunteer_name == "Trần Thị Lan"
    dialog.close()


def test_sync_now_without_enrolment_explains_and_keeps_records(
        qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.sync.status is not None, timeout=3000)
    assert not window.act_export_bundle.isEnabled()
    window.act_sync.trigger()
    box = window.findChild(QMessageBox, "cannot_sync")
    assert box is not None and "chưa đăng ký" in box.text()
    assert not window.sync.running
    box.close()


def test_about_box_shows_the_version_and_the_window_has_the_icon(
        qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    assert not window.windowIcon().isNull()
    window.act_about.trigger()
    box = window.findChild(QMessageBox, "about_box")
    assert box is not None
    assert __version__ in box.text()
    assert not box.iconPixmap().isNull()
    box.close()


def enrol_offline(laptop: LaptopApp, url: str) -> None:
    """Test set-up: this laptop as if enrolled with ``url`` (nothing listens there)."""
    enrolment = Enrolment(server_url=url, device_id="d0d0d0d0-old", ca_cert=None)
    laptop.sync.tokens.save(url, enrolment.device_id, "token-of-the-old-server")
    StoreSync(laptop.store).save_enrolment(enrolment, at=NOW)
    laptop.profile.load()


def test_a_new_address_after_enrolment_needs_a_new_code_and_the_old_one_stays(
        qtbot, window: MainWindow, laptop: LaptopApp) -> None:  # type: ignore[no-untyped-def]
    old, new = f"http://127.0.0.1:{free_port()}", f"http://127.0.0.1:{free_port()}"
    enrol_offline(laptop, old)
    dialog = open_settings(qtbot, window)
    qtbot.waitUntil(lambda: "Đã đăng ký với" in dialog.state.text(), timeout=3000)
    assert dialog.server.text() == old
    assert not dialog.address_change.isVisible()

    dialog.server.setText(new + "/")
    assert dialog.address_change.isVisible()
    notice = dialog.address_notice.text()
    assert "mã đăng ký mới" in notice and old in notice
    # Save keeps the dialog open, says why, and stores neither address twice.
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.problem.isVisible()
    assert "chưa được lưu" in dialog.problem.text() and old in dialog.problem.text()
    assert dialog.code.hasFocus()
    profile = laptop.profile.load()
    assert profile is not None and profile.server_url == old

    # An enrolment that fails (nothing listens at the new address) changes nothing.
    type_text(dialog.code, "ABCD-EFGH")
    qtbot.mouseClick(dialog.enrol_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.enrol_button.isEnabled(), timeout=10000)
    assert dialog.enrol_result.property("role") == "error"
    enrolment = laptop.sync.status().enrolment
    assert enrolment is not None and enrolment.server_url == old
    assert dialog.address_change.isVisible()

    # Keeping the enrolled address puts it back; then Save works as before.
    assert old in dialog.keep_address.text()
    qtbot.mouseClick(dialog.keep_address, Qt.MouseButton.LeftButton)
    assert dialog.server.text() == old
    assert not dialog.address_change.isVisible() and not dialog.problem.isVisible()
    with qtbot.waitSignal(window.profile_changed, timeout=3000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    profile = laptop.profile.load()
    assert profile is not None and profile.server_url == old


def test_the_address_notice_speaks_english_too(
        qtbot, window: MainWindow, laptop: LaptopApp,  # type: ignore[no-untyped-def]
        translations: Translations) -> None:
    old = f"http://127.0.0.1:{free_port()}"
    enrol_offline(laptop, old)
    dialog = open_settings(qtbot, window)
    qtbot.waitUntil(lambda: "Đã đăng ký với" in dialog.state.text(), timeout=3000)
    dialog.server.setText("https://phuong.example.vn")
    translations.set_language("en")
    qtbot.waitUntil(lambda: "new one-time code" in dialog.address_notice.text(), timeout=3000)
    assert f"Keep {old}" in dialog.keep_address.text().replace("&", "")
    dialog.close()


def test_a_renewed_ward_certificate_applies_to_the_enrolled_server(
        qtbot, window: MainWindow, laptop: LaptopApp,  # type: ignore[no-untyped-def]
        tmp_path) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    enrol_offline(laptop, url)
    dialog = open_settings(qtbot, window)
    qtbot.waitUntil(lambda: "Đã đăng ký với" in dialog.state.text(), timeout=3000)

    dialog.ca_cert.setText(str(tmp_path / "missing.pem"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "missing.pem" in dialog.problem.text()
    enrolment = laptop.sync.status().enrolment
    assert enrolment is not None and enrolment.ca_cert is None

    renewed = tmp_path / "ward-ca-2027.pem"
    renewed.write_text("-----BEGIN CERTIFICATE-----\n", encoding="ascii")
    dialog.ca_cert.setText(str(renewed))
    with qtbot.waitSignal(window.profile_changed, timeout=3000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    status = laptop.sync.status()
    assert status.enrolment is not None and status.enrolment.ca_cert == str(renewed)
    assert status.enrolment.server_url == url and status.has_token  # no new enrolment needed
