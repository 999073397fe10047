"""The main window's meeting and follow-up handling: starting and ending a community
meeting (new records belong to it meanwhile), its summary, and the follow-ups list.

A child QObject of the window, which delegates its Meeting and View menu entries here; the
dialogs themselves live in :mod:`desktop.gui.meeting` and :mod:`desktop.gui.follow_ups`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt

if TYPE_CHECKING:
    from desktop.gui.main_window import MainWindow


class MainWindowMeetings(QObject):
    """The running meeting (if any) and the dialogs about meetings and follow-ups."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.current: Any | None = None  # the store's running meeting

    def on_loaded(self, meeting: Any | None) -> None:
        """A meeting started or was found running (``None``: none is running now)."""
        window = self._window
        self.current = meeting
        if meeting is None:
            window.form.set_meeting(None)
        else:
            window.form.set_meeting(meeting.id, f"{meeting.place}, "
                                                f"{meeting.date.strftime('%d/%m/%Y')}")
        window.act_meeting_start.setEnabled(meeting is None)
        window.act_meeting_end.setEnabled(meeting is not None)

    def start(self) -> None:
        from desktop.gui.meeting import StartMeetingDialog

        window = self._window
        dialog = StartMeetingDialog(window.reference, default_neighbourhood=window.profile
                                    .neighbourhood_code, today=window.today(),
                                    host=window.profile.volunteer_name, parent=window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def accepted() -> None:
            values = dialog.values()
            window.tasks.run_db(lambda ctx: window.services.start_meeting(**values),
                                on_success=self.on_loaded)

        dialog.accepted.connect(accepted)
        dialog.open()

    def end(self) -> None:
        meeting = self.current
        if meeting is None:
            return

        def ended(summary: Any) -> None:
            self.on_loaded(None)
            self.show_summary(summary)

        self._window.tasks.run_db(lambda ctx: self._window.services.end_meeting(meeting.id),
                                  on_success=ended)

    def show_summary(self, summary: Any) -> None:
        from desktop.gui.meeting import MeetingSummaryDialog

        dialog = MeetingSummaryDialog(summary, self._window.reference, parent=self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def show_follow_ups(self) -> None:
        from desktop.gui.follow_ups import FollowUpsDialog

        window = self._window

        def loaded(items: list[Any]) -> None:
            dialog = FollowUpsDialog(items, window.reference, today=window.today(),
                                     parent=window)
            dialog.record_chosen.connect(window.open_record)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()

        window.tasks.run_db(lambda ctx: window.services.follow_ups(), on_success=loaded)
