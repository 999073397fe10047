"""The console log at start-up: the app's INFO lines stay, Alembic's and urllib3's go."""

from __future__ import annotations

import io
import logging
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
