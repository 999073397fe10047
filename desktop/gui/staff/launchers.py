"""The staff window's ways into the report screen and, for administrators, the
administration screens: two buttons in its status bar, each opening (or raising) its window.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMainWindow, QPushButton, QWidget

from desktop.app.staff import Identity, RecordSummary, StaffClient
from desktop.gui.tasks import TaskRunner
from sync.contract.reference import ReferenceData

if TYPE_CHECKING:
    from desktop.gui.staff.admin import AdminWindow

translate = QCoreApplication.translate


class Launchers:
    """Owns the two buttons and the windows they open (one of each, reused)."""

    def __init__(self, window: QMainWindow, client: StaffClient, identity: Identity,
                 tasks: TaskRunner, reference: ReferenceData, today: Callable[[], date],
                 selected: Callable[[], list[RecordSummary]] = list) -> None:
        self.window = window
        self.client, self.identity, self.tasks = client, identity, tasks
        self.reference, self.today = reference, today
        #: The records selected in the review queue (the hand-over form starts with one).
        self.selected = selected
        self.reports_button = QPushButton()
        self.reports_button.setObjectName("staff_open_reports")
        self.reports_button.clicked.connect(self.open_reports)
        self.admin_button = QPushButton()
        self.admin_button.setObjectName("staff_open_admin")
        self.admin_button.clicked.connect(self.open_admin)
        self.admin_button.setVisible(identity.role == "admin")
        bar = window.statusBar()
        bar.addPermanentWidget(self.reports_button)
        bar.addPermanentWidget(self.admin_button)
        self.reports: QWidget | None = None
        self.admin: AdminWindow | None = None
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.reports_button.setText(translate("StaffLaunchers", "Re&ports…"))
        self.admin_button.setText(translate("StaffLaunchers", "Ad&ministration…"))

    def open_reports(self) -> QWidget:
        from desktop.gui.staff.reports import ReportWindow

        if self.reports is None:
            self.reports = ReportWindow(self.client, self.identity, self.tasks,
                                        self.reference, today=self.today(), parent=self.window)
        self.reports.show()
        self.reports.raise_()
        return self.reports

    def open_admin(self) -> AdminWindow:
        from desktop.gui.staff.admin import AdminWindow

        if self.admin is None:
            self.admin = AdminWindow(self.client, self.identity, self.tasks, self.reference,
                                     today=self.today(), parent=self.window)
        chosen = self.selected()
        if len(chosen) == 1:
            self.admin.devices.record_id.setText(chosen[0].id)
        self.admin.show()
        self.admin.raise_()
        return self.admin
