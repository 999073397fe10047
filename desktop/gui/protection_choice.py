"""How the records on this laptop are protected: the choice in the first run, and Settings →
Data protection to change it (docs/privacy.md).

:class:`ProtectionChoiceBox` is the choice itself (the OS keyring, or a passphrase typed at
each start), used by both. :class:`ProtectionDialog` re-encrypts the store on the database
worker (a verified copy swapped in atomically, see ``desktop.store.protection``).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.app import LaptopApp
from desktop.app.protection import Mode, PassphraseError, StoreKey, new_passphrase
from desktop.gui.errors import known_message
from desktop.gui.tasks import TaskRunner


class ProtectionChoiceBox(QGroupBox):
    """Keyring or passphrase, with the new passphrase typed twice when it is needed.

    Args:
        current: how the store is protected now.
        keyring_available: False on a computer without a usable keyring (the option is off).
        portable: the app runs from a USB stick: the keyring option is off (it belongs to one
            computer, the stick moves).
        change_passphrase: the same mode may be chosen again to set a new passphrase
            (Settings); in the first run choosing the current mode changes nothing.
    """

    def __init__(self, current: Mode | None, *, keyring_available: bool, portable: bool = False,
                 change_passphrase: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("protection_choice")
        self.current = current
        self._change_passphrase = change_passphrase
        self._keyring_possible = keyring_available and not portable
        self._portable = portable
        self.keyring = QRadioButton()
        self.keyring.setObjectName("use_keyring")
        self.passphrase_mode = QRadioButton()
        self.passphrase_mode.setObjectName("use_passphrase")
        self.note = QLabel()
        self.note.setObjectName("protection_note")
        self.note.setWordWrap(True)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("new_passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setObjectName("new_passphrase_again")
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_label, self.again_label = QLabel(), QLabel()
        self.passphrase_label.setBuddy(self.passphrase)
        self.again_label.setBuddy(self.again)
        self.fields = QWidget()
        fields = QFormLayout(self.fields)
        fields.setContentsMargins(24, 0, 0, 0)
        fields.addRow(self.passphrase_label, self.passphrase)
        fields.addRow(self.again_label, self.again)

        layout = QVBoxLayout(self)
        layout.addWidget(self.keyring)
        layout.addWidget(self.passphrase_mode)
        layout.addWidget(self.fields)
        layout.addWidget(self.note)
        self.keyring.setEnabled(self._keyring_possible)
        wanted_keyring = current is Mode.KEYRING and self._keyring_possible
        (self.keyring if wanted_keyring else self.passphrase_mode).setChecked(True)
        self.keyring.toggled.connect(self.refresh)
        self.passphrase_mode.toggled.connect(self.refresh)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Protecting the records on this laptop"))
        self.keyring.setText(self.tr("&This computer keeps the key: nothing to type"))
        self.passphrase_mode.setText(self.tr("A &passphrase asked at each start"))
        self.passphrase_label.setText(self.tr("New passphrase"))
        self.again_label.setText(self.tr("Again"))
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _needs_new_passphrase(self) -> bool:
        if not self.passphrase_mode.isChecked():
            return False
        return self._change_passphrase or self.current is not Mode.PASSPHRASE

    def refresh(self) -> None:
        """Show the passphrase fields and the note that fit the choice."""
        self.fields.setVisible(self._needs_new_passphrase())
        if self._portable:
            note = self.tr("This copy of the app runs from a USB stick, which moves between "
                           "computers: only a passphrase can protect it.")
        elif not self._keyring_possible:
            note = self.tr("This computer has no keyring to keep the key in: only a passphrase "
                           "can protect the records.")
        elif self.passphrase_mode.isChecked():
            note = self.tr("For a laptop several volunteers share. Nobody can reset a forgotten "
                           "passphrase: without it the records on this laptop cannot be read. "
                           "Records already sent to the ward are safe there.")
        else:
            note = self.tr("For a laptop used by one volunteer with their own Windows account: "
                           "anyone who can log in to it can open the app.")
        self.note.setText(note)

    def problem(self) -> str | None:
        """What is wrong with the choice (a new passphrase too short, typed differently)."""
        if not self._needs_new_passphrase():
            return None
        try:
            new_passphrase(self.passphrase.text(), self.again.text())
        except PassphraseError as exc:
            return known_message(exc) or str(exc)
        return None

    def chosen(self) -> tuple[Mode, StoreKey | None] | None:
        """The change asked for: (mode, new passphrase or None), or None for no change."""
        if self.keyring.isChecked():
            return None if self.current is Mode.KEYRING else (Mode.KEYRING, None)
        if not self._needs_new_passphrase():
            return None
        return Mode.PASSPHRASE, new_passphrase(self.passphrase.text(), self.again.text())


class ProtectionDialog(QDialog):
    """Settings → Data protection: see how the records are protected, and change it."""

    def __init__(self, app: LaptopApp, tasks: TaskRunner, *, portable: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("protection_dialog")
        self.setMinimumWidth(520)
        self._protection = app.protection
        self._tasks = tasks
        self.state = QLabel()
        self.state.setObjectName("protection_state")
        self.state.setWordWrap(True)
        self.choice = ProtectionChoiceBox(
            app.protection.mode(), keyring_available=app.protection.keyring_available(),
            portable=portable, change_passphrase=True)
        self.outcome = QLabel()
        self.outcome.setObjectName("protection_outcome")
        self.outcome.setWordWrap(True)
        self.outcome.hide()
        self.buttons = QDialogButtonBox()
        self.apply_button = QPushButton()
        self.apply_button.setObjectName("apply_protection")
        self.apply_button.setDefault(True)
        self.close_button = QPushButton()
        self.close_button.setObjectName("close_protection")
        self.buttons.addButton(self.apply_button, QDialogButtonBox.ButtonRole.ApplyRole)
        self.buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.apply_button.clicked.connect(self._on_apply)
        self.close_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addWidget(self.choice)
        layout.addWidget(self.outcome)
        layout.addWidget(self.buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Data protection"))
        self.apply_button.setText(self.tr("&Apply"))
        self.close_button.setText(self.tr("Close"))
        self._show_state()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _show_state(self) -> None:
        if self.choice.current is Mode.KEYRING:
            text = self.tr("The records on this laptop are encrypted with a key kept by this "
                           "computer's keyring.")
        else:
            text = self.tr("The records on this laptop are encrypted with a passphrase asked "
                           "at each start.")
        self.state.setText(text)

    def _say(self, text: str, *, error: bool) -> None:
        self.outcome.setText(text)
        self.outcome.setProperty("role", "error" if error else "")
        self.outcome.style().unpolish(self.outcome)
        self.outcome.style().polish(self.outcome)
        self.outcome.show()

    def _on_apply(self) -> None:
        problem = self.choice.problem()
        if problem is not None:
            self._say(problem, error=True)
            return
        change = self.choice.chosen()
        if change is None:
            self._say(self.tr("Nothing to change."), error=False)
            return
        mode, passphrase = change
        self.apply_button.setEnabled(False)

        def done(_: object) -> None:
            self.apply_button.setEnabled(True)
            self.choice.current = mode
            self.choice.passphrase.clear()
            self.choice.again.clear()
            self.choice.refresh()
            self._show_state()
            self._say(self.tr("Done: the records were encrypted again, checked, and the old "
                              "copy removed."), error=False)

        def failed(exc: BaseException) -> None:
            self.apply_button.setEnabled(True)
            message = known_message(exc)
            if message is None:
                from desktop.gui.errors import report_failure

                report_failure(self, exc)
                message = self.tr("The protection was not changed.")
            self._say(message, error=True)

        self._tasks.run_db(lambda ctx: self._protection.change(mode, passphrase),
                           on_success=done, on_failure=failed, parent=self,
                           label=self.tr("Encrypting the records again…"))
