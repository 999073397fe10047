"""What a failed request to the ward server means for a staff screen, decided in one place so
every screen words and codes it the same way."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QLabel, QWidget

from desktop.app.staff import SignedOut, StaffError, StaffUnreachable
from desktop.gui.errors import known_message, report_failure


@dataclass(frozen=True)
class StaffFailure:
    """A known failure: ``code`` for the screen's ``failed`` signal ("unreachable",
    "signed_out" or the server's error code), ``message`` in the UI language."""

    code: str
    message: str
    unreachable: bool = False
    signed_out: bool = False
    forbidden: bool = False


def staff_failure(exc: BaseException) -> StaffFailure | None:
    """The known failure ``exc`` is, or ``None`` for a bug (shown with "copy details")."""
    if not isinstance(exc, StaffError):
        return None
    message = known_message(exc) or ""
    if isinstance(exc, StaffUnreachable):
        return StaffFailure("unreachable", message, unreachable=True)
    if isinstance(exc, SignedOut):
        return StaffFailure("signed_out", message, signed_out=True)
    return StaffFailure(exc.code or "refused", message, forbidden=exc.status == 403)


def show_failure(parent: QWidget, exc: BaseException, feedback: QLabel,
                 failed: SignalInstance) -> bool:
    """A screen without a banner: a known failure's message under its buttons, a bug in the
    "copy details" dialog; ``failed`` gets the code ("bug" for a bug). True when known."""
    failure = staff_failure(exc)
    if failure is None:
        report_failure(parent, exc)
        failed.emit("bug")
        return False
    feedback.setText(failure.message)
    failed.emit(failure.code)
    return True
