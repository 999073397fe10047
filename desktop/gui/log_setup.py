"""The GUI's log: a rotating file in the user's log folder, and the console.

The Windows build has no console, so a volunteer's problem must leave a file behind:
``hotroso.log`` (1 MB, five older files kept) in ``platformdirs``' user log folder, or in
``logs/`` beside the data in portable mode. Only this user can read it (folder 0700, files
0600), and no personal data gets in: every line passes :class:`PersonalDataFilter` (names,
CCCD/CMND and phone numbers masked). Help → "Mở thư mục nhật ký" opens the folder.

Alembic announces every start-up ("Context impl SQLiteImpl", "Running upgrade …") and urllib3
every new connection at INFO; that is noise that hides the app's own lines. A filter on the
handlers, rather than levels on the libraries' loggers, keeps it working for any library (and
for loggers created later) without touching their settings.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from pathlib import Path
from typing import TextIO

from desktop.log_privacy import PersonalDataFilter
from desktop.paths import log_dir as default_log_dir

#: Logger names (and their children) that belong to this app; they log at INFO.
APP_LOGGERS = ("desktop", "sync", "resources", "__main__")
LOG_FILENAME = "hotroso.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

_current_dir: Path | None = None


class AppInfoFilter(logging.Filter):
    """Passes everything at WARNING and above, and the app's own records at any level."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING:
            return True
        return any(record.name == name or record.name.startswith(name + ".")
                   for name in APP_LOGGERS)


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose files only their owner can read (0600), the rotated ones too."""

    def _open(self):  # type: ignore[no-untyped-def]
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.chmod(self.baseFilename, 0o600)  # a file made before by a looser umask
        return os.fdopen(fd, self.mode, encoding=self.encoding, errors=self.errors)


def log_folder() -> Path:
    """The folder the log is written to (the default one before logging is set up)."""
    return _current_dir or default_log_dir()


def log_file() -> Path:
    return log_folder() / LOG_FILENAME


def make_private_dir(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(folder, 0o700)


def configure_logging(stream: TextIO | None = None, *,
                      folder: Path | None = None) -> list[logging.Handler]:
    """Log INFO and above to the log file and to ``stream`` (stderr), personal data masked,
    third-party INFO chatter left out. A log folder that cannot be made leaves the console.

    Returns the handlers so that a caller (a test) can remove them again.
    """
    global _current_dir
    handlers: list[logging.Handler] = []
    console = logging.StreamHandler(stream if stream is not None else sys.stderr)
    handlers.append(console)
    target = folder if folder is not None else default_log_dir()
    try:
        make_private_dir(target)
        handlers.append(PrivateRotatingFileHandler(
            target / LOG_FILENAME, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"))
        _current_dir = target
    except OSError as exc:
        print(f"hotroso: cannot write the log in {target}: {exc}", file=sys.stderr)
    root = logging.getLogger()
    for handler in handlers:
        handler.setFormatter(logging.Formatter(FORMAT))
        handler.addFilter(AppInfoFilter())
        handler.addFilter(PersonalDataFilter())
        root.addHandler(handler)
    root.setLevel(logging.INFO)
    return handlers


def open_log_folder() -> bool:
    """Help → "Mở thư mục nhật ký": show the log folder in the file manager."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    folder = log_folder()
    try:
        make_private_dir(folder)
    except OSError:
        logging.getLogger(__name__).warning("cannot create the log folder %s", folder)
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
