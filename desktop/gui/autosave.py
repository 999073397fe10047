"""Autosave of the entry form, so a crash, a flat battery or a bug never loses what was typed.

The form's snapshot is written to the store (the ``form_draft`` table, encrypted with the rest
of the data) a moment after each edit, removed once the record is saved, and offered back when
the app starts again. Every write goes through the database worker like any other write; the
worker finishes its queue before the app exits, so the snapshot written on close is kept.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer

from desktop.app import LaptopApp
from desktop.gui.record_form import RecordForm
from desktop.gui.tasks import TaskRunner

log = logging.getLogger(__name__)

AUTOSAVE_DELAY_MS = 1_000


class FormAutosave(QObject):
    def __init__(self, form: RecordForm, app: LaptopApp, tasks: TaskRunner, *,
                 delay_ms: int = AUTOSAVE_DELAY_MS) -> None:
        super().__init__(form)
        self._form = form
        self._drafts = app.drafts
        self._tasks = tasks
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
        snapshot = self._form.snapshot()
        # Never let a failing autosave interrupt typing; the record itself is still saved to
        # the store when the volunteer presses Save.
        self._tasks.run_db(lambda ctx: self._drafts.save(snapshot),
                           on_failure=_autosave_failed)

    def clear(self) -> None:
        self._timer.stop()
        self._tasks.run_db(lambda ctx: self._drafts.clear(), on_failure=_autosave_failed)

    def load(self, then: Callable[[dict[str, Any] | None], None]) -> None:
        """Read the snapshot on the database worker; ``then(snapshot or None)`` on the GUI."""
        self._tasks.run_db(lambda ctx: self._drafts.load(), on_success=then,
                           on_failure=_autosave_failed)


def _autosave_failed(exc: BaseException) -> None:
    log.warning("the form's autosave failed", exc_info=exc)
