"""How staff mode is opened: the "Ward staff sign-in…" action of the volunteer window, and
``hotroso --staff``. Both show the sign-in dialog, then the staff window.

The volunteer window gets the action through :func:`install_staff_entry` (one call), so this
package stays self-contained.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from desktop.app.staff import DEFAULT_IDLE_MINUTES, StaffClient
from desktop.gui.staff.sign_in import SignInDialog
from desktop.gui.staff.window import StaffWindow
from desktop.gui.tasks import TaskRunner
from sync.contract.reference import ReferenceData, load_reference

translate = QCoreApplication.translate
_open_windows: list[StaffWindow] = []  # kept alive while shown


def idle_minutes_setting() -> int:
    """``HOTROSO_STAFF_IDLE_MINUTES`` (1–480) if set to a number, else 15."""
    raw = os.environ.get("HOTROSO_STAFF_IDLE_MINUTES", "")
    return min(480, max(1, int(raw))) if raw.strip().isdigit() else DEFAULT_IDLE_MINUTES


def client_factory(ca_cert: str | Path | None = None,
                   idle_minutes: int | None = None) -> Callable[[str], StaffClient]:
    idle_minutes = idle_minutes or idle_minutes_setting()

    def make(url: str) -> StaffClient:
        return StaffClient(url, idle_minutes=idle_minutes,
                           ca_cert=Path(ca_cert) if ca_cert else None)

    return make


def sign_in_and_open(tasks: TaskRunner, *, server_url: str = "",
                     ca_cert: str | Path | None = None, parent: QWidget | None = None,
                     reference: ReferenceData | None = None) -> StaffWindow | None:
    """The sign-in dialog (modal), then the staff window; None when the person cancels."""
    dialog = SignInDialog(tasks, client_factory(ca_cert), server_url=server_url,
                          parent=parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.client is None \
            or dialog.identity is None:
        return None
    window = StaffWindow(dialog.client, dialog.identity, tasks, reference or load_reference())
    _open_windows.append(window)
    window.destroyed.connect(lambda *_a: _open_windows.remove(window)
                             if window in _open_windows else None)
    window.show()
    return window


class _Retranslate(QObject):
    def __init__(self, action: QAction) -> None:
        super().__init__(action)
        self._action = action

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:
            self._action.setText(translate("StaffEntry", "Ward &staff sign-in…"))
        return False


def install_staff_entry(window: Any) -> QAction:
    """Add "Ward staff sign-in…" to the volunteer window's File menu (before Quit).

    ``window`` is the volunteer :class:`QMainWindow` with ``menu_file``, ``tasks`` and
    ``app`` (the application layer); the server address comes from the laptop's enrolment
    when there is one.
    """
    action = QAction(translate("StaffEntry", "Ward &staff sign-in…"), window)
    action.setObjectName("act_staff_sign_in")
    watcher = _Retranslate(action)
    window.installEventFilter(watcher)
    menu = window.menu_file
    actions = menu.actions()
    menu.insertAction(actions[-1] if actions else None, action)

    def open_staff() -> None:
        def status(_ctx: object) -> Any:
            return window.app.sync.status()

        def opened(found: Any) -> None:
            enrolment = getattr(found, "enrolment", None)
            sign_in_and_open(window.tasks,
                             server_url=enrolment.server_url if enrolment else "",
                             ca_cert=enrolment.ca_cert if enrolment else None, parent=window)

        window.tasks.run_db(status, on_success=opened)

    action.triggered.connect(lambda _checked=False: open_staff())
    return action


def run_staff(app: QApplication, tasks: TaskRunner, *, server_url: str = "",
              ca_cert: str | None = None) -> int:
    """``hotroso --staff``: staff mode alone, no volunteer window."""
    window = sign_in_and_open(tasks, server_url=server_url, ca_cert=ca_cert)
    if window is None:
        return 0
    app.setQuitOnLastWindowClosed(True)
    code = app.exec()
    window.client.close()
    return int(code)


__all__ = ["install_staff_entry", "run_staff", "sign_in_and_open"]
