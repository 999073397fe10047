"""The About box: name, icon, version (``desktop.version``), where the data is kept."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.gui.icons import app_icon
from desktop.version import version_info

translate = QCoreApplication.translate


def about_text(data_folder: object) -> str:
    info = version_info()
    build = translate("About", "installed app") if info.frozen else translate("About",
                                                                              "from source")
    return translate(
        "About",
        "<h3>Hỗ trợ số {version}</h3>"
        "<p>Records the help community digital-tech teams give residents, offline, and "
        "sends it to the ward.</p>"
        "<p>Version {version} ({build}) · sync protocol {protocol}<br>"
        "Python {python}, {platform}</p>"
        "<p>Data folder: {folder}</p>").format(
            version=escape(info.version), build=build, protocol=info.protocol,
            python=escape(info.python), platform=escape(info.platform),
            folder=escape(str(data_folder)))


def show_about(window: QWidget, data_folder: object) -> QMessageBox:
    box = QMessageBox(window)
    box.setObjectName("about_box")
    box.setWindowTitle(translate("About", "About Hỗ trợ số"))
    box.setIconPixmap(app_icon().pixmap(64, 64))
    box.setText(about_text(data_folder))
    box.addButton(translate("About", "Close"), QMessageBox.ButtonRole.AcceptRole)
    box.open()
    return box
