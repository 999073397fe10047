"""Where the app keeps its data on this computer.

Precedence, first match wins:

1. an explicit directory (``--data-dir DIR`` on the command line);
2. the ``HOTROSO_DATA_DIR`` environment variable;
3. portable mode: a frozen (PyInstaller) build with a ``portable.txt`` marker file next to the
   executable keeps its data in ``data/`` beside it, so the app can run from a USB stick;
4. the per-user data directory from ``platformdirs`` (e.g. ``~/.local/share/hotroso``,
   ``%LOCALAPPDATA%\\hotroso``).

Nothing here creates directories: callers that write (the store) create what they need.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "hotroso"
ENV_DATA_DIR = "HOTROSO_DATA_DIR"
PORTABLE_MARKER = "portable.txt"
DATABASE_FILENAME = "hotroso.sqlite3"


def portable_data_dir(executable: Path | None = None, *, frozen: bool | None = None) -> Path | None:
    """The portable-mode data directory, or None when the app is not running portable.

    Only a frozen build honours the marker: for a plain ``python`` run the "executable" is the
    interpreter, and a marker beside a shared interpreter must not redirect everyone's data.
    """
    is_frozen = bool(getattr(sys, "frozen", False)) if frozen is None else frozen
    if not is_frozen:
        return None
    exe_dir = (executable or Path(sys.executable)).resolve().parent
    if (exe_dir / PORTABLE_MARKER).is_file():
        return exe_dir / "data"
    return None


def data_dir(override: Path | str | None = None) -> Path:
    """The directory holding the database and other per-user data (see module docstring)."""
    if override:
        return Path(override).expanduser()
    from_env = os.environ.get(ENV_DATA_DIR)
    if from_env:
        return Path(from_env).expanduser()
    portable = portable_data_dir()
    if portable is not None:
        return portable
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def log_dir() -> Path:
    """Where the app writes its log: beside the data in portable mode (nothing is left on the
    computer), else the per-user log folder from ``platformdirs``."""
    portable = portable_data_dir()
    if portable is not None:
        return portable / "logs"
    return platformdirs.user_log_path(APP_NAME, appauthor=False)


def database_path(directory: Path) -> Path:
    """The SQLite file inside a data directory."""
    return directory / DATABASE_FILENAME
