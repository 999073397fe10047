"""The confirmation before a CSV/XLSX export: the file will hold personal data unprotected.

The warning's text is the application layer's (:data:`desktop.app.transfer.
PERSONAL_DATA_WARNING`, the one the command line prints too), in the volunteer's language.
The export itself (an owner-only file, recorded in the laptop's log of exports) is
:meth:`desktop.app.transfer.TransferOps.export_file`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from desktop.app.transfer import PERSONAL_DATA_WARNING
from desktop.gui.i18n import current_language


class PersonalExportWarning(QMessageBox):
    """Names what the file will hold; Cancel is the default button."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("personal_export_warning")
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(self.tr("Export personal data?"))
        vi, en = PERSONAL_DATA_WARNING
        self.setText(vi if current_language() == "vi" else en)
        self.setInformativeText(self.tr(
            "File: {name}. The export is recorded in this laptop's log.").format(name=path.name))
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
