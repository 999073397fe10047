"""The passphrase that opens the data: typed at start-up, or chosen (twice) for a new one.

``key()`` is valid after ``accept()``: a :class:`~desktop.store.keys.StoreKey`. A new
passphrase is checked here (length, the two typings agree) with the store's own rules, so
the message is the same as the command line's.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.app.protection import MIN_PASSPHRASE, PassphraseError, StoreKey, new_passphrase
from desktop.gui.errors import known_message

ENTER, CREATE = "enter", "create"


class PassphraseDialog(QDialog):
    """Asks for the passphrase (``mode=ENTER``) or a new one (``mode=CREATE``).

    Args:
        problem: shown at once in red (e.g. "wrong passphrase" after a failed try).
        reason: why a new passphrase is asked for (no keyring, a USB stick, …).
    """

    def __init__(self, mode: str = ENTER, *, problem: str = "", reason: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("passphrase_dialog")
        self.setMinimumWidth(440)
        self.mode = mode
        self._key: StoreKey | None = None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.reason = QLabel(reason)
        self.reason.setWordWrap(True)
        self.reason.setVisible(bool(reason))
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setObjectName("passphrase_again")
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_label, self.again_label = QLabel(), QLabel()
        self.passphrase_label.setBuddy(self.passphrase)
        self.again_label.setBuddy(self.again)
        self.warning = QLabel()
        self.warning.setObjectName("forget_warning")
        self.warning.setProperty("role", "warning")
        self.warning.setWordWrap(True)
        self.problem = QLabel(problem)
        self.problem.setObjectName("problem")
        self.problem.setProperty("role", "error")
        self.problem.setWordWrap(True)
        self.problem.setVisible(bool(problem))

        form = QFormLayout()
        form.addRow(self.passphrase_label, self.passphrase)
        if mode == CREATE:
            form.addRow(self.again_label, self.again)
        else:
            self.again.hide()
            self.again_label.hide()
            self.warning.hide()

        self.buttons = QDialogButtonBox()
        self.ok_button = QPushButton()
        self.ok_button.setObjectName("open_data")
        self.ok_button.setDefault(True)
        self.cancel_button = QPushButton()
        self.buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.clicked.connect(self._on_ok)
        self.cancel_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.reason)
        layout.addLayout(form)
        layout.addWidget(self.warning)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.passphrase.setFocus()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        if self.mode == CREATE:
            self.setWindowTitle(self.tr("Choose a passphrase for the data"))
            self.intro.setText(self.tr(
                "The records on this laptop are encrypted. Choose a passphrase of at least "
                "{n} characters: it will be asked for each time the app starts.").format(
                n=MIN_PASSPHRASE))
            self.passphrase_label.setText(self.tr("&Passphrase"))
            self.again_label.setText(self.tr("&Again"))
            self.warning.setText(self.tr(
                "Nobody can reset a forgotten passphrase, not even the ward: without it the "
                "records on this laptop cannot be read. Records already sent to the ward are "
                "safe there."))
            self.ok_button.setText(self.tr("&Use this passphrase"))
        else:
            self.setWindowTitle(self.tr("Open the data"))
            self.intro.setText(self.tr(
                "The records on this laptop are locked with a passphrase. Type it to open them."))
            self.passphrase_label.setText(self.tr("&Passphrase"))
            self.ok_button.setText(self.tr("&Open"))
        self.cancel_button.setText(self.tr("Cancel"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _on_ok(self) -> None:
        try:
            if self.mode == CREATE:
                self._key = new_passphrase(self.passphrase.text(), self.again.text())
            else:
                if not self.passphrase.text():
                    self._show_problem(self.tr("Type the passphrase."))
                    return
                self._key = StoreKey.passphrase(self.passphrase.text())
        except PassphraseError as exc:
            self._show_problem(known_message(exc) or str(exc))
            self.passphrase.setFocus()
            return
        self.accept()

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(True)

    def key(self) -> StoreKey:
        assert self._key is not None, "key() is valid after accept()"
        return self._key
