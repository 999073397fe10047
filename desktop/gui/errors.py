"""Known problems get a plain message in the user's language; bugs get logged with details.

A *known* problem is something the volunteer can act on: the disk is full, the database is
in use by another program, a file cannot be read. Anything else is a bug: it is logged with its
traceback and shown with a "Copy details" button so the volunteer can send it to the ward.

Exceptions raised by the Qt-free core for what the user can fix derive from
:class:`sync.contract.errors.KnownError` and carry their own bilingual text.
"""

from __future__ import annotations

import errno
import logging
import traceback

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.i18n import pick
from desktop.gui.window_fit import keep_wrapped_text_whole
from desktop.log_privacy import mask
from sync.contract.errors import KnownError

translate = QCoreApplication.translate

log = logging.getLogger(__name__)


def _chain(exc: BaseException) -> list[BaseException]:
    """The exception and its causes, so a wrapped OSError or sqlite error is still recognised."""
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def known_message(exc: BaseException) -> str | None:
    """A plain message in the UI language when ``exc`` is a known problem, else ``None``."""
    for e in _chain(exc):
        if isinstance(e, KnownError):
            return pick(e.message_vi, e.message_en)
        text = str(e).lower()
        if (isinstance(e, OSError) and e.errno == errno.ENOSPC) or "disk is full" in text \
                or "database or disk is full" in text:
            return translate(
                "errors", "The disk is full. Free some space (delete or move files), then try "
                       "again. Nothing was lost: what you entered is still in the form.")
        if "database is locked" in text or "database is busy" in text:
            return translate(
                "errors", "The data file is being used by another program (perhaps a second copy "
                       "of this app). Close it and try again.")
        if "file is not a database" in text or "database disk image is malformed" in text:
            return translate(
                "errors", "The data file cannot be read: it is damaged or it is not this app's "
                       "file. Ask the ward's IT person for help before trying again.")
        if isinstance(e, PermissionError):
            return translate(
                "errors", "This app is not allowed to read or write the file {path}. Choose "
                       "another folder or ask for access.").format(path=e.filename or "")
        if isinstance(e, FileNotFoundError):
            return translate(
                "errors", "The file {path} does not exist (any more). Choose it again.").format(
                path=e.filename or "")
        if isinstance(e, UnicodeDecodeError):
            return translate(
                "errors", "The file cannot be read as text. Save it as CSV UTF-8 or as XLSX "
                       "and try again.")
        if isinstance(e, IsADirectoryError):
            return translate(
                "errors", "That is a folder, not a file. Choose a file.")
    return None


_open_dialogs: set[FailureDialog] = set()


def details_of(exc: BaseException) -> str:
    """What "Copy details" puts on the clipboard: the app's version, where its log is, and
    the traceback, with personal data masked (it is pasted into chats and e-mails)."""
    from desktop.gui.log_setup import log_file
    from desktop.version import version_info

    info = version_info()
    head = f"Hỗ trợ số {info.version} · Python {info.python} · {info.platform}\n" \
           f"Log: {log_file()}\n\n"
    return head + mask("".join(traceback.format_exception(exc)))


class FailureDialog(QDialog):
    """A failure shown to the volunteer; for bugs, with the details and a copy button."""

    def __init__(self, parent: QWidget | None, message: str, details: str | None) -> None:
        super().__init__(parent)
        self.setObjectName("failure_dialog")
        self.setWindowTitle(translate("errors", "Hỗ trợ số"))
        self.details = details
        layout = QVBoxLayout(self)
        self.message_label = QLabel(message)
        self.message_label.setWordWrap(True)
        layout.addWidget(self.message_label)
        buttons = QDialogButtonBox()
        if details is not None:
            view = QPlainTextEdit(details)
            view.setReadOnly(True)
            view.setMinimumHeight(160)
            layout.addWidget(view)
            self.copy_button = buttons.addButton(translate("errors", "Copy details"),
                                                 QDialogButtonBox.ButtonRole.ActionRole)
            self.copy_button.clicked.connect(self.copy_details)
        close = buttons.addButton(translate("errors", "Close"),
                                  QDialogButtonBox.ButtonRole.AcceptRole)
        close.clicked.connect(self.accept)
        close.setDefault(True)
        layout.addWidget(buttons)
        keep_wrapped_text_whole(self)
        self.resize(520, 0)

    def copy_details(self) -> None:
        QApplication.clipboard().setText(self.details or "")


def report_failure(parent: QWidget | None, exc: BaseException) -> FailureDialog:
    """Show a failure: a plain message for known problems, details and a copy button for bugs."""
    message = known_message(exc)
    if message is not None:
        log.info("known problem: %r", exc)
        dialog = FailureDialog(parent, message, None)
    else:
        details = details_of(exc)
        log.error("unexpected error\n%s", details)
        dialog = FailureDialog(
            parent,
            translate("errors", "Something went wrong inside the app. What you entered is kept. "
                "Please copy the details and send them to the ward's IT person."),
            details)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    # A dialog without a parent window would be garbage-collected (and vanish) as soon as
    # this function returns; keep it until the volunteer closes it.
    _open_dialogs.add(dialog)
    dialog.finished.connect(lambda _result: _open_dialogs.discard(dialog))
    dialog.open()
    return dialog
