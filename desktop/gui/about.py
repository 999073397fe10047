"""The About box: name, version, where the data is kept."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

translate = QCoreApplication.translate


def app_version() -> str:
    try:
        return version("hotroso")
    except PackageNotFoundError:
        return "dev"


def show_about(window: Any) -> None:
    box = QMessageBox(window)
    box.setWindowTitle(translate("About", "About Hỗ trợ số"))
    box.setText(translate("About",
        "<b>Hỗ trợ số</b> {version}<br>Records the help community digital-tech teams give "
        "residents, offline.<br>Data folder: {folder}").format(
            version=app_version(), folder=window.services.store.data_dir))
    box.addButton(translate("About", "Close"), QMessageBox.ButtonRole.AcceptRole)
    box.open()
