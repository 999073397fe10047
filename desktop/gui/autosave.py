"""Autosave of the entry form, so a crash, a flat battery or a bug never loses what was typed.

The form's snapshot is written (atomically: temp file, then rename) a moment after each edit,
removed once the record is saved, and offered back when the app starts again.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer

from desktop.gui.record_form import RecordForm

log = logging.getLogger(__name__)

AUTOSAVE_FILENAME = "form-autosave.json"
AUTOSAVE_DELAY_MS = 1_000


class FormAutosave(QObject):
    def __init__(self, form: RecordForm, data_dir: Path, *,
                 delay_ms: int = AUTOSAVE_DELAY_MS) -> None:
        super().__init__(form)
        self._form = form
        self.path = data_dir / AUTOSAVE_FILENAME
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.write_now)
        form.edited.connect(self._timer.start)

    def write_now(self) -> None:
        self._timer.stop()
        if self._form.is_blank():
            self.clear()
            return
        tmp = self.path.with_suffix(".tmp")
        try:
            tmp.write_text(json.dumps(self._form.snapshot(), ensure_ascii=False),
                           encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError:
            # Never let a failing autosave interrupt typing; the record itself is still saved
            # to the store when the volunteer presses Save.
            log.warning("could not autosave the form to %s", self.path, exc_info=True)

    def clear(self) -> None:
        self._timer.stop()
        try:
            self.path.unlink(missing_ok=True)
        except OSError:
            log.warning("could not remove %s", self.path, exc_info=True)

    def load(self) -> dict[str, Any] | None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            log.warning("unreadable autosave %s ignored", self.path, exc_info=True)
            return None
        return data if isinstance(data, dict) else None
