"""First-run setup: language, volunteer name, neighbourhood, optional ward server address,
and how the records on this laptop are protected (the box from ``protection_choice``).

Nothing else stands between a new volunteer and their first record, so this is one short page.
Picking a language switches the whole app at once, so the rest of the page is read in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlparse

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.i18n import Translations, current_language
from desktop.gui.profile_fields import profile_fields
from desktop.gui.protection_choice import ProtectionChoiceBox
from desktop.gui.window_fit import keep_wrapped_text_whole
from sync.contract.normalize import normalize_name
from sync.contract.reference import ReferenceData


@dataclass(frozen=True)
class SetupChoices:
    language: str
    volunteer_name: str
    neighbourhood_code: str
    server_url: str  # "" when the ward has no server (yet)


def is_usable_server_url(text: str) -> bool:
    """Empty (no server yet) or an http(s) address with a host."""
    if not text:
        return True
    parsed = urlparse(text)
    return parsed.scheme in ("http", "https") and bool(parsed.netloc)


class FirstRunDialog(QDialog):
    """Collects :class:`SetupChoices`; ``choices()`` is valid after ``accept()``."""

    def __init__(self, reference: ReferenceData, translations: Translations, *,
                 today: date, protection: ProtectionChoiceBox | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.protection = protection
        self.setObjectName("first_run_dialog")
        self._translations = translations
        self.setMinimumWidth(460)

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setObjectName("intro")

        fields = profile_fields(reference, today)
        self.language, self.name = fields.language, fields.name
        self.neighbourhood, self.server = fields.neighbourhood, fields.server
        self.language.setCurrentIndex(self.language.findData(current_language()))
        self.language.currentIndexChanged.connect(self._on_language_changed)

        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setProperty("role", "error")
        self.problem.setWordWrap(True)
        self.problem.hide()

        self.form = QFormLayout()
        self.language_label = QLabel()
        self.name_label = QLabel()
        self.neighbourhood_label = QLabel()
        self.server_label = QLabel()
        self.form.addRow(self.language_label, self.language)
        self.form.addRow(self.name_label, self.name)
        self.form.addRow(self.neighbourhood_label, self.neighbourhood)
        self.form.addRow(self.server_label, self.server)
        for label, field in ((self.language_label, self.language), (self.name_label, self.name),
                             (self.neighbourhood_label, self.neighbourhood),
                             (self.server_label, self.server)):
            label.setBuddy(field)

        self.buttons = QDialogButtonBox()
        self.start_button = QPushButton()
        self.start_button.setObjectName("start")
        self.start_button.setDefault(True)
        self.buttons.addButton(self.start_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.start_button.clicked.connect(self._on_start_clicked)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        if protection is not None:
            layout.addWidget(protection)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.name.setFocus()
        keep_wrapped_text_whole(self)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Welcome to Hỗ trợ số"))
        self.intro.setText(self.tr(
            "Before the first record, tell the app who you are and where you work. "
            "You can change this later in Settings."))
        self.language_label.setText(self.tr("&Language"))
        self.name_label.setText(self.tr("Your &name"))
        self.neighbourhood_label.setText(self.tr("&Neighbourhood"))
        self.server_label.setText(self.tr("Ward &server (optional)"))
        self.server.setToolTip(self.tr("Leave empty if the ward has not given you an address."))
        self.start_button.setText(self.tr("&Start"))
        if self.problem.isVisible():
            self._validate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _on_language_changed(self) -> None:
        self._translations.set_language(str(self.language.currentData()))

    def _validate(self) -> bool:
        problem: str | None = None
        if not normalize_name(self.name.text()):
            problem = self.tr("Enter your full name: it is written on every record you make.")
            self.name.setFocus()
        elif self.neighbourhood.currentIndex() < 0:
            problem = self.tr("Choose the neighbourhood you work in.")
        elif not is_usable_server_url(self.server.text().strip()):
            problem = self.tr(
                "Write the server address like https://hotroso.example.vn (or leave it empty).")
            self.server.setFocus()
        elif self.protection is not None and (problem := self.protection.problem()):
            self.protection.passphrase.setFocus()
        self.problem.setText(problem or "")
        self.problem.setVisible(problem is not None)
        return problem is None

    def _on_start_clicked(self) -> None:
        if self._validate():
            self.accept()

    def choices(self) -> SetupChoices:
        return SetupChoices(
            language=str(self.language.currentData()),
            volunteer_name=normalize_name(self.name.text()),
            neighbourhood_code=str(self.neighbourhood.currentData()),
            server_url=self.server.text().strip().rstrip("/"),
        )
