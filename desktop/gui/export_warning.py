"""The confirmation before a CSV/XLSX export: the file will hold personal data unprotected.

The export itself (an owner-only file, logged) is
:func:`desktop.io.personal_export.export_personal_data`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget


class PersonalExportWarning(QMessageBox):
    """Names what the file will hold; Cancel is the default button."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("personal_export_warning")
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(self.tr("Export personal data?"))
        self.setText(self.tr(
            "The file {name} will hold residents' names, CCCD numbers and phone numbers, "
            "unprotected: anyone who gets the file can read them.").format(name=path.name))
        self.setInformativeText(self.tr(
            "Keep it only where it is needed, never on a shared computer or a USB stick that "
            "leaves the office, and delete it when it is no longer needed. The export is "
            "recorded in this laptop's log."))
        self.export_button: QPushButton = self.addButton(
            self.tr("&Export anyway"), QMessageBox.ButtonRole.AcceptRole)
        self.export_button.setObjectName("export_anyway")
        self.cancel_button: QPushButton = self.addButton(
            self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.cancel_button)
        self.setEscapeButton(self.cancel_button)

    def confirmed(self) -> bool:
        """Show it and wait: True when the volunteer chose to export."""
        self.exec()
        return self.clickedButton() is self.export_button
