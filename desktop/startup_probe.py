"""``hotroso --startup-probe``: how long the real start-up takes to put the main window up.

It runs the normal start-up (:func:`desktop.gui.app.run`) on the real data folder and, once
the main window has been shown and the event loop has gone idle for the first time (so its
first paint is done), prints one line and quits::

    startup-probe: main window shown 812 ms after process start

The time is counted from the operating system's creation of the process, so for the bundle it
includes the bootloader and every import. A dialog that would wait for the volunteer instead
(first-run setup when the folder has no profile, an error message) is closed and reported:
the probe never hangs. ``tests/bundle`` and ``benchmarks/startup.py`` use it on the built app.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow

from desktop.selftest import seconds_since_process_start

PREFIX = "startup-probe:"
EXIT_SHOWN = 0
EXIT_NOT_SHOWN = 1


class _StartupWatcher(QObject):
    """Application-wide event filter waiting for the first main window (or a blocking dialog)."""

    def __init__(self) -> None:
        super().__init__()
        self.shown_after: float | None = None
        self.blocked_by: str | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Show:
            return False
        if isinstance(watched, QMainWindow) and self.shown_after is None:
            QTimer.singleShot(0, self._on_main_window_idle)
        elif isinstance(watched, QDialog) and self.shown_after is None and not self.blocked_by:
            self.blocked_by = f"{type(watched).__name__} ({watched.windowTitle()})"
            QTimer.singleShot(0, watched.reject)
        return False

    def _on_main_window_idle(self) -> None:
        self.shown_after = seconds_since_process_start() or 0.0
        app = QApplication.instance()
        if app is not None:
            app.quit()


def run_probe(arguments: Sequence[str], data_dir: Path | None) -> int:
    """Start the app as ``hotroso`` would, report when the main window is up, and exit."""
    from desktop.gui import app as gui_app

    qt_app = gui_app.application(["hotroso", *arguments])
    watcher = _StartupWatcher()
    qt_app.installEventFilter(watcher)
    try:
        gui_app.run(["hotroso", *arguments], data_dir=data_dir)
    finally:
        qt_app.removeEventFilter(watcher)
    if watcher.shown_after is not None:
        print(f"{PREFIX} main window shown {watcher.shown_after * 1000:.0f} ms after process start",
              flush=True)
        return EXIT_SHOWN
    reason = watcher.blocked_by or "the app ended before showing it"
    print(f"{PREFIX} no main window: {reason}", file=sys.stderr, flush=True)
    return EXIT_NOT_SHOWN
