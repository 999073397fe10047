"""What the main window's parts need from the window: a small interface, not the window.

The controllers (sync panel, undo, meetings, files, the records list, the entry form) are
given the application layer, the background-work helper and a :class:`Host`. They never
import the main window, so the window can be assembled from them without import cycles, and
each can be tested with any object that has these few methods.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Protocol

from PySide6.QtWidgets import QWidget


class Host(Protocol):
    def dialog_parent(self) -> QWidget:
        """The window that dialogs and message boxes belong to."""
        ...

    def show_status(self, text: str, timeout_ms: int = 4000) -> None:
        """A short message in the status bar."""
        ...

    def today(self) -> date:
        """Today's local date, from the injected clock."""
        ...

    def current_record_id(self) -> uuid.UUID | None:
        """The record in the form, else the one selected in the list."""
        ...

    def open_record(self, record_id: uuid.UUID) -> None:
        """Show a record in the form (asking first if unsaved edits would be lost)."""
        ...

    def show_settings(self) -> None:
        ...
