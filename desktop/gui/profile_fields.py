"""The volunteer-profile inputs shared by first-run setup and Settings.

Both pages ask for the same four things; building them in one place keeps their object names,
limits and choices identical (tests and the stylesheet address them by object name). Each page
keeps its own labels and messages, since their wording differs between a welcome and a setting.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtWidgets import QComboBox, QLineEdit

from sync.contract.reference import ReferenceData

#: Longer than any real name, short enough to fit every report column.
NAME_MAX_LENGTH = 120


@dataclass(frozen=True)
class ProfileFields:
    language: QComboBox
    name: QLineEdit
    neighbourhood: QComboBox
    server: QLineEdit


def profile_fields(reference: ReferenceData, today: date) -> ProfileFields:
    """Language, name, the neighbourhoods in force today, and the ward server address."""
    language = QComboBox()
    language.setObjectName("language")
    language.addItem("Tiếng Việt", "vi")
    language.addItem("English", "en")

    name = QLineEdit()
    name.setObjectName("volunteer_name")
    name.setMaxLength(NAME_MAX_LENGTH)

    neighbourhood = QComboBox()
    neighbourhood.setObjectName("neighbourhood")
    for n in reference.current_neighbourhoods(today):
        neighbourhood.addItem(n.name, n.code)

    server = QLineEdit()
    server.setObjectName("server_url")
    server.setPlaceholderText("https://")
    return ProfileFields(language, name, neighbourhood, server)
