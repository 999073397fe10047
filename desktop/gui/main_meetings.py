"""Meetings and follow-ups: starting and ending a community meeting (new records belong to
it meanwhile), its summary, and the follow-ups list.

A self-contained controller with its three actions; the dialogs themselves live in
:mod:`desktop.gui.meeting` and :mod:`desktop.gui.follow_ups`. The entry form learns of the
running meeting from :attr:`MeetingController.meeting_changed`.

Signals:
    meeting_changed(object): the running ``Meeting``, or None when none runs.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QAction

from desktop.app import LaptopApp
from desktop.app.types import FollowUp, Meeting, MeetingSummary
from desktop.gui.host import Host
from desktop.gui.shortcuts import keys
from desktop.gui.tasks import TaskRunner

translate = QCoreApplication.translate


class MeetingController(QObject):
    meeting_changed = Signal(object)

    def __init__(self, app: LaptopApp, tasks: TaskRunner, host: Host,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._tasks = tasks
        self._host = host
        self.current: Meeting | None = None
        owner = host.dialog_parent()
        self.act_start = QAction(owner)
        self.act_start.setObjectName("act_meeting_start")
        self.act_start.setShortcut(keys("Ctrl+M"))
        self.act_start.triggered.connect(lambda _checked=False: self.start())
        self.act_end = QAction(owner)
        self.act_end.setObjectName("act_meeting_end")
        self.act_end.setShortcut(keys("Ctrl+Shift+M"))
        self.act_end.triggered.connect(lambda _checked=False: self.end())
        self.act_end.setEnabled(False)
        self.act_follow_ups = QAction(owner)
        self.act_follow_ups.setObjectName("act_follow_ups")
        self.act_follow_ups.setShortcut(keys("Ctrl+U"))
        self.act_follow_ups.triggered.connect(lambda _checked=False: self.show_follow_ups())
        self.retranslate_ui()

    def actions(self) -> list[QAction]:
        return [self.act_start, self.act_end, self.act_follow_ups]

    def retranslate_ui(self) -> None:
        self.act_start.setText(translate("MainWindow", "&Start a meeting…"))
        self.act_end.setText(translate("MainWindow", "&End the meeting and show the summary"))
        self.act_follow_ups.setText(translate("MainWindow", "&Follow-ups…"))

    def load(self) -> None:
        """Resume a meeting left running (the app was closed during it)."""
        self._tasks.run_db(lambda ctx: self._app.meetings.current(), on_success=self.on_loaded)

    def on_loaded(self, meeting: Meeting | None) -> None:
        """A meeting started or was found running (``None``: none is running now)."""
        self.current = meeting
        self.act_start.setEnabled(meeting is None)
        self.act_end.setEnabled(meeting is not None)
        self.meeting_changed.emit(meeting)

    def start(self) -> None:
        from desktop.gui.meeting import StartMeetingDialog

        profile = self._app.profile.require()
        dialog = StartMeetingDialog(self._app.reference,
                                    default_neighbourhood=profile.neighbourhood_code,
                                    today=self._host.today(), host=profile.volunteer_name,
                                    parent=self._host.dialog_parent())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def accepted() -> None:
            values = dialog.values()
            self._tasks.run_db(lambda ctx: self._app.meetings.start(**values),
                               on_success=self.on_loaded)

        dialog.accepted.connect(accepted)
        dialog.open()

    def end(self) -> None:
        meeting = self.current
        if meeting is None:
            return

        def ended(summary: MeetingSummary) -> None:
            self.on_loaded(None)
            self.show_summary(summary)

        self._tasks.run_db(lambda ctx: self._app.meetings.end(meeting.id), on_success=ended)

    def show_summary(self, summary: MeetingSummary) -> None:
        from desktop.gui.meeting import MeetingSummaryDialog

        dialog = MeetingSummaryDialog(summary, self._app.reference,
                                      parent=self._host.dialog_parent())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def show_follow_ups(self) -> None:
        from desktop.gui.follow_ups import FollowUpsDialog

        def loaded(items: list[FollowUp]) -> None:
            dialog = FollowUpsDialog(items, self._app.reference, today=self._host.today(),
                                     parent=self._host.dialog_parent())
            dialog.record_chosen.connect(self._host.open_record)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self._tasks.changed.connect(dialog.on_changed)
            dialog.reload_requested.connect(lambda: self._tasks.run_db(
                lambda ctx: self._app.records.follow_ups(), on_success=dialog.show_items))
            dialog.open()

        self._tasks.run_db(lambda ctx: self._app.records.follow_ups(), on_success=loaded)
