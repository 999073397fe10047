"""The GUI's own preferences on this laptop: window geometry, the list/form split, the last
folder. Not the volunteer profile (name, neighbourhood, language, server address), whose one
place is the store.

Each setting is declared once, with its type and default, in :class:`UiSettings`; the file is
an INI file beside the store's data so a portable (USB-stick) install keeps it too.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from sync.contract.private_files import make_private, private_dir

SETTINGS_FILENAME = "gui.ini"


class UiSettings:
    """Typed access to the GUI preferences stored in ``<data_dir>/gui.ini``."""

    def __init__(self, data_dir: Path) -> None:
        private_dir(data_dir)  # the data folder is the user's own (it holds the store)
        self._qs = QSettings(str(data_dir / SETTINGS_FILENAME), QSettings.Format.IniFormat)

    @property
    def path(self) -> Path:
        return Path(self._qs.fileName())

    @property
    def main_window_geometry(self) -> QByteArray | None:
        value = self._qs.value("ui/main_window_geometry")
        return value if isinstance(value, QByteArray) else None

    @main_window_geometry.setter
    def main_window_geometry(self, value: QByteArray) -> None:
        self._qs.setValue("ui/main_window_geometry", value)

    @property
    def splitter_state(self) -> QByteArray | None:
        """Where the volunteer put the line between the list and the form."""
        value = self._qs.value("ui/main_splitter")
        return value if isinstance(value, QByteArray) else None

    @splitter_state.setter
    def splitter_state(self, value: QByteArray) -> None:
        self._qs.setValue("ui/main_splitter", value)

    @property
    def last_folder(self) -> str:
        return str(self._qs.value("ui/last_folder", ""))

    @last_folder.setter
    def last_folder(self, value: str) -> None:
        self._qs.setValue("ui/last_folder", value)

    def sync(self) -> None:
        self._qs.sync()
        make_private(self.path)  # like every file in the data folder: the user's own
