"""The GUI's console log: the app's own INFO lines, and only warnings from the libraries.

Alembic announces every start-up ("Context impl SQLiteImpl", "Running upgrade …") and urllib3
every new connection at INFO; on a volunteer's console that is noise that hides the app's own
lines. A filter on the console handler, rather than levels on the libraries' loggers, keeps it
working for any library (and for loggers created later) without touching their settings.
"""

from __future__ import annotations

import logging
import sys
from typing import TextIO

#: Logger names (and their children) that belong to this app; they log at INFO.
APP_LOGGERS = ("desktop", "sync", "resources", "__main__")


class AppInfoFilter(logging.Filter):
    """Passes everything at WARNING and above, and the app's own records at any level."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING:
            return True
        return any(record.name == name or record.name.startswith(name + ".")
                   for name in APP_LOGGERS)


def configure_logging(stream: TextIO | None = None) -> logging.Handler:
    """Log INFO and above to ``stream`` (stderr), third-party INFO chatter left out.

    Returns the handler so that a caller (a test) can remove it again.
    """
    handler = logging.StreamHandler(stream if stream is not None else sys.stderr)
    handler.setFormatter(logging.Formatter(logging.BASIC_FORMAT))
    handler.addFilter(AppInfoFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return handler
