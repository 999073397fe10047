"""The staff window's ways into the report screen and, for administrators, the
administration screens: two buttons in its status bar, each opening (or raising) its window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QPushButton, QWidget

if TYPE_CHECKING:
    from desktop.gui.staff.window import StaffWindow

translate = QCoreApplication.translate


class Launchers:
    """Owns the two buttons and the windows they open (one of each, reused)."""

    def __init__(self, window: StaffWindow) -> None:
        self.window = window
        self.reports_button = QPushButton()
        self.reports_button.setObjectName("staff_open_reports")
        self.reports_button.clicked.connect(self.open_reports)
        self.admin_button = QPushButton()
        self.admin_button.setObjectName("staff_open_admin")
        self.admin_button.clicked.connect(self.open_admin)
        self.admin_button.setVisible(window.identity.role == "admin")
        bar = window.statusBar()
        bar.addPermanentWidget(self.reports_button)
        bar.addPermanentWidget(self.admin_button)
        self.reports: QWidget | None = None
        self.admin: QWidget | None = None
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.reports_button.setText(translate("StaffLaunchers", "Re&ports…"))
        self.admin_button.setText(translate("StaffLaunchers", "Ad&ministration…"))

    def open_reports(self) -> QWidget:
        from desktop.gui.staff.reports import ReportWindow

        if self.reports is None:
            w = self.window
            self.reports = ReportWindow(w.client, w.identity, w.tasks, w.reference,
                                        today=w._now().date(), parent=w)
        self.reports.show()
        self.reports.raise_()
        return self.reports

    def open_admin(self) -> QWidget:
        from desktop.gui.staff.admin import AdminWindow

        if self.admin is None:
            w = self.window
            self.admin = AdminWindow(w.client, w.identity, w.tasks, w.reference,
                                     today=w._now().date(), parent=w)
        self.admin.show()
        self.admin.raise_()
        return self.admin
