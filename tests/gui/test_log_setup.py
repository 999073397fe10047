"""The log: the app's INFO lines stay, Alembic's and urllib3's go; a rotating, user-only
file with no personal data; "Copy details"; Help opens the log folder."""

from __future__ import annotations

import io
import logging
import logging.handlers
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.gui.log_setup import configure_logging
from desktop.store import Store


@pytest.fixture
def console(tmp_path: Path) -> Iterator[io.StringIO]:
    stream = io.StringIO()
    root = logging.getLogger()
    level = root.level
    handlers = configure_logging(stream, folder=tmp_path / "logs")
    yield stream
    for handler in handlers:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


def test_migrations_at_start_up_stay_quiet_and_the_app_still_logs(
        console: io.StringIO, tmp_path: Path) -> None:
    store = Store.open(tmp_path / "data")  # a new store: every Alembic migration runs
    store.close()
    logging.getLogger("desktop.gui.app").info("store opened")
    logging.getLogger("urllib3.connectionpool").info("Starting new HTTP connection (1)")
    logging.getLogger("urllib3.connectionpool").warning("Retrying after connection broken")
    logging.getLogger("alembic.runtime.migration").warning("a migration warning")
    text = console.getvalue()
    assert "INFO desktop.gui.app: store opened" in text
    assert "Running upgrade" not in text and "Context impl" not in text
    assert "Starting new HTTP connection" not in text
    assert "Retrying after connection broken" in text
    assert "a migration warning" in text


def test_without_the_filter_alembic_would_speak(tmp_path: Path) -> None:
    """Guards the test above: opening a new store does log Alembic INFO lines."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        Store.open(tmp_path / "data").close()
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
    assert "Running upgrade" in stream.getvalue()


PERSONAL = ("Nguyễn Thị Hoà", "022185012345", "0912 345 678", "+84912345678", "Tổ 5, khu 3")


@pytest.fixture
def log_folder(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "state" / "logs"
    root = logging.getLogger()
    level = root.level
    handlers = configure_logging(io.StringIO(), folder=folder)
    yield folder
    for handler in handlers:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


def test_the_log_file_is_private_and_holds_no_personal_data(log_folder: Path) -> None:
    from desktop.store.clock import system_clock
    from sync.contract.record import AssistanceRecord

    record = AssistanceRecord(
        device_id="d", volunteer_name="Trần Thị Lan", created_at=system_clock(),
        updated_at=system_clock(), assisted_on=system_clock().date(), ward_code="W",
        ward_name="Phường", neighbourhood_code="HT03", neighbourhood_name="Khu 3",
        full_name=PERSONAL[0], cccd=PERSONAL[1], phone=PERSONAL[3], address=PERSONAL[4])
    log = logging.getLogger("desktop.gui.test")
    log.info("saved %s, phone %s, CCCD %s", PERSONAL[0], PERSONAL[2], PERSONAL[1])
    try:
        raise ValueError(f"could not save {record!r}")
    except ValueError:
        log.exception("a bug while saving")
    for handler in logging.getLogger().handlers:
        handler.flush()
    path = log_folder / "hotroso.log"
    text = path.read_text(encoding="utf-8")
    assert "saved [tên], phone [sđt], CCCD [số giấy tờ]" in text
    assert "a bug while saving" in text and "ValueError" in text  # the bug is still there
    for value in (*PERSONAL, "Trần Thị Lan"):
        assert value not in text, value
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(log_folder.stat().st_mode) == 0o700


def test_the_log_rotates_and_its_old_files_stay_private(log_folder: Path) -> None:
    handler = next(h for h in logging.getLogger().handlers
                   if isinstance(h, logging.handlers.RotatingFileHandler))
    handler.doRollover()
    logging.getLogger("desktop").warning("after the rollover")
    handler.flush()
    old = log_folder / "hotroso.log.1"
    assert old.exists() and "after the rollover" in (log_folder / "hotroso.log").read_text(
        encoding="utf-8")
    if os.name == "posix":
        assert stat.S_IMODE((log_folder / "hotroso.log").stat().st_mode) == 0o600


def test_copy_details_masks_personal_data_and_says_where_the_log_is(
        qtbot, log_folder: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from desktop.gui.errors import report_failure

    try:
        raise RuntimeError(f"full_name='{PERSONAL[0]}' cccd={PERSONAL[1]}")
    except RuntimeError as exc:
        dialog = report_failure(None, exc)
    qtbot.addWidget(dialog)
    dialog.copy_button.click()
    copied = QApplication.clipboard().text()
    assert "RuntimeError" in copied and str(log_folder / "hotroso.log") in copied
    assert PERSONAL[0] not in copied and PERSONAL[1] not in copied


def test_help_opens_the_log_folder(qtbot, window, log_folder: Path,  # type: ignore[no-untyped-def]
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr("PySide6.QtGui.QDesktopServices.openUrl",
                        lambda url: opened.append(url.toLocalFile()) or True)
    assert window.act_log_folder.text().replace("&", "") == "Mở thư mục nhật ký"
    assert window.act_log_folder in window.menu_help.actions()
    window.act_log_folder.trigger()
    assert opened == [str(log_folder)]
