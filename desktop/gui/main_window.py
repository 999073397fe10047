"""The main window: the records list on the left, the entry form on the right, the menus.

The window is assembled from self-contained parts, each owning its widgets and actions and
needing from the window only the small :class:`~desktop.gui.host.Host` interface:
:class:`~desktop.gui.records_panel.RecordsPanel` (list, search, filters, counters),
:class:`~desktop.gui.entry.EntryController` (the form: new, open, save, duplicates, autosave),
:class:`~desktop.gui.main_sync.SyncPanel`, :class:`~desktop.gui.main_undo.UndoController`,
:class:`~desktop.gui.main_meetings.MeetingController` and
:class:`~desktop.gui.transfer.TransferController`. They learn what changed from the one change
signal of the background-work helper; the window keeps the layout, the menus, Settings,
Help and the language.

Signals (the parts' own, reached through the window for convenience):
    list_updated(): the records list shows the result of the latest query or change.
    record_saved(object): an AssistanceRecord the store has just stored from the form.
    exported(object, int): a file path and how many records were written to it.
    sync_finished(object): the ``SyncReport`` of a sync run that ended, once it is shown.
    profile_changed(object): the volunteer profile was saved in Settings.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QSplitter, QWidget

from desktop.app import Change, LaptopApp
from desktop.gui.entry import EntryController
from desktop.gui.i18n import Translations, current_language
from desktop.gui.icons import app_icon
from desktop.gui.log_setup import open_log_folder
from desktop.gui.main_actions import Menus, fill, language_actions, make_action, retranslate_menus
from desktop.gui.main_consent import ConsentController
from desktop.gui.main_meetings import MeetingController
from desktop.gui.main_sync import SyncPanel
from desktop.gui.main_undo import UndoController
from desktop.gui.records_panel import RecordsPanel
from desktop.gui.settings import UiSettings
from desktop.gui.staff.entry import install_staff_entry
from desktop.gui.tasks import TaskRunner
from desktop.gui.transfer import TransferController

log = logging.getLogger(__name__)

#: The window's smallest size: it fits a 1280×720 screen (and 1920×1080 at 150 %).
MIN_WIDTH, MIN_HEIGHT = 1000, 560
#: Opening size on a first start on a large screen.
START_WIDTH, START_HEIGHT = 1280, 720
#: Screens up to this size get the window maximised at the first start.
SMALL_SCREEN = (1440, 900)


class MainWindow(QMainWindow):
    profile_changed = Signal(object)

    def __init__(self, app: LaptopApp, tasks: TaskRunner, translations: Translations,
                 settings: UiSettings, *, now: Callable[[], datetime],
                 probe_interval_ms: int | None = None) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self.app = app
        self.tasks = tasks
        self.translations = translations
        self.settings = settings
        self._now = now
        tasks.set_failure_parent(self)
        self.setWindowIcon(app_icon())
        self.setMinimumSize(MIN_WIDTH, MIN_HEIGHT)

        self.records = RecordsPanel(app, tasks, today=self.today)
        self.entry = EntryController(app, tasks, self, now=now,
                                     today=self.today)
        self.sync_panel = SyncPanel(app, tasks, self, settings=settings,
                                    probe_interval_ms=probe_interval_ms, parent=self)
        self.undo = UndoController(app, tasks, self, parent=self)
        self.consent = ConsentController(app, tasks, self, self.entry, parent=self)
        self.meetings = MeetingController(app, tasks, self, parent=self)
        self.files = TransferController(app, tasks, self, settings, parent=self)

        # Short names for what tests and the screenshots reach.
        self.form = self.entry.form
        self.autosave = self.entry.autosave
        self.model = self.records.model
        self.filters = self.records.filters
        self.table = self.records.table
        self.sync = self.sync_panel.sync
        self.sync_button = self.sync_panel.button
        self.sync_bar = self.sync_panel.bar
        self.revoked_banner = self.sync_panel.revoked_banner
        self.list_updated = self.records.list_updated
        self.record_saved = self.entry.record_saved
        self.sync_finished = self.sync_panel.sync_finished
        self.exported = self.files.exported
        self.sync_panel.exported.connect(self.files.exported)

        self.records.top_bar.addWidget(self.sync_panel.button)
        self.records.banners.addWidget(self.sync_panel.revoked_banner)
        self.records.banners.addWidget(self.sync_panel.notice)
        self.splitter = QSplitter()
        self.splitter.setObjectName("main_splitter")
        self.splitter.addWidget(self.records)
        self.splitter.addWidget(self.form)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([700, 520])
        self.setCentralWidget(self.splitter)
        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.sync_panel.bar)

        self._build_actions()
        self._build_menus()
        install_staff_entry(self)  # staff mode (desktop.gui.staff): one File menu action
        self._connect()
        self.retranslate_ui()
        geometry = settings.main_window_geometry
        self._geometry_restored = geometry is not None and self.restoreGeometry(geometry)
        if not self._geometry_restored:
            self.resize(START_WIDTH, START_HEIGHT)
        self._splitter_restored = False

    # --- Host (what the window's parts need from it) ----------------------------------------

    def dialog_parent(self) -> QWidget:
        return self

    def show_status(self, text: str, timeout_ms: int = 4000) -> None:
        self.statusBar().showMessage(text, timeout_ms)

    def today(self) -> date:
        """Today's local date, from the injected clock."""
        return self._now().astimezone().date()

    def current_record_id(self) -> uuid.UUID | None:
        if self.form.editing is not None:
            return self.form.editing.id
        return self.records.selected_record_id()

    def open_record(self, record_id: uuid.UUID) -> None:
        self.entry.open_record(record_id)

    # --- set-up -----------------------------------------------------------------------------

    def _build_actions(self) -> None:
        form = self.form
        self.act_new = make_action(self, "act_new", QKeySequence.StandardKey.New,
                                   self.entry.new_record)
        self.act_save = make_action(self, "act_save", QKeySequence.StandardKey.Save,
                                    lambda: form.request_save(final=True, next_after=False))
        self.act_save_next = make_action(
            self, "act_save_next", ["Ctrl+Enter", "Ctrl+Return"],
            lambda: form.request_save(final=True, next_after=True))
        self.act_save_draft = make_action(
            self, "act_save_draft", "Ctrl+Shift+S",
            lambda: form.request_save(final=False, next_after=False))
        self.act_history = make_action(self, "act_history", "Ctrl+H", self.show_history)
        self.act_find = make_action(self, "act_find", QKeySequence.StandardKey.Find,
                                    self.records.focus_search)
        self.act_list = make_action(self, "act_list", "Ctrl+L", self.table.setFocus)
        self.act_quit = make_action(self, "act_quit", QKeySequence.StandardKey.Quit,
                                    self.close)
        self.act_settings = make_action(self, "act_settings", "Ctrl+,", self.show_settings)
        self.act_about = make_action(self, "act_about", "F1", self.show_about)
        self.act_log_folder = make_action(self, "act_log_folder", None, open_log_folder)
        self.language_group, self.act_vi, self.act_en = language_actions(
            self, self.set_language, current_language())
        for part in (self.sync_panel, self.undo, self.consent, self.meetings, self.files):
            self.addActions(part.actions())
        self.act_sync = self.sync_panel.act_sync
        self.act_sync_history = self.sync_panel.act_sync_history
        self.act_export_bundle = self.sync_panel.act_export_bundle
        self.act_undo, self.act_delete = self.undo.act_undo, self.undo.act_delete
        self.act_withdraw_consent = self.consent.act_withdraw
        # The list's context menu: what can be done to the record under the mouse.
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.table.addActions([self.act_history, self.act_delete, self.act_withdraw_consent])
        self.act_meeting_start = self.meetings.act_start
        self.act_meeting_end = self.meetings.act_end
        self.act_follow_ups = self.meetings.act_follow_ups
        self.act_import, self.act_export = self.files.act_import, self.files.act_export

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.menus = Menus(file=bar.addMenu(""), record=bar.addMenu(""),
                           meeting=bar.addMenu(""), view=bar.addMenu(""),
                           language=QMenu(self), help=bar.addMenu(""))
        self.menu_file, self.menu_record = self.menus.file, self.menus.record
        self.menu_meeting, self.menu_view = self.menus.meeting, self.menus.view
        self.menu_language, self.menu_help = self.menus.language, self.menus.help
        fill(self.menus.file, [self.act_import, self.act_export, None, self.act_sync,
                               self.act_export_bundle, None, self.act_settings, None,
                               self.act_quit])
        fill(self.menus.record, [self.act_new, self.act_save, self.act_save_next,
                                 self.act_save_draft, None, self.act_undo, self.act_delete,
                                 self.act_history, self.act_withdraw_consent, None,
                                 self.act_find, self.act_list])
        fill(self.menus.meeting, [self.act_meeting_start, self.act_meeting_end])
        fill(self.menus.language, [self.act_vi, self.act_en])
        fill(self.menus.view, [self.act_follow_ups, self.act_sync_history,
                               self.menus.language])
        fill(self.menus.help, [self.act_log_folder, None, self.act_about])

    def _connect(self) -> None:
        self.records.record_activated.connect(self.open_record)
        self.meetings.meeting_changed.connect(self.entry.set_meeting)
        self.translations.language_changed.connect(self._on_language_changed)
        self.tasks.changed.connect(self._on_changed)

    def retranslate_ui(self) -> None:
        profile = self.app.profile.current
        self.setWindowTitle(self.tr("Hỗ trợ số — {name}").format(
            name=profile.volunteer_name if profile else ""))
        retranslate_menus(self.menus)
        texts = {
            self.act_new: self.tr("&New record"),
            self.act_save: self.tr("&Save"),
            self.act_save_next: self.tr("Save && &next"),
            self.act_save_draft: self.tr("Save as &draft"),
            self.act_history: self.tr("Record &history…"),
            self.act_find: self.tr("&Find"),
            self.act_list: self.tr("Go to the &list"),
            self.act_quit: self.tr("&Quit"),
            self.act_settings: self.tr("Se&ttings…"),
            self.act_about: self.tr("&About Hỗ trợ số"),
            self.act_log_folder: self.tr("Open the &log folder"),
        }
        for act, text in texts.items():
            act.setText(text)
        for part in (self.sync_panel, self.undo, self.consent, self.meetings, self.files):
            part.retranslate_ui()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._splitter_restored:
            # Once the window has its real size: the split restored before that would be
            # stretched again by the first resize.
            self._splitter_restored = True
            state = self.settings.splitter_state
            if state is not None:
                self.splitter.restoreState(state)

    def _on_changed(self, change: Change) -> None:
        if change.language:
            # The one place of the language is the profile; the UI follows it. Qt then sends
            # every window one LanguageChange, which retranslates all its parts at once.
            self.translations.set_language(self.app.profile.language)
        elif change.profile:
            self.retranslate_ui()  # the volunteer's name in the title

    # --- start-up ---------------------------------------------------------------------------

    def show_first(self) -> None:
        """Show the window at its first start: maximised on a laptop screen (1366×768 and
        the like, where a window with a title bar at 1280×720 would hang below the taskbar),
        else at its opening size; later starts restore what the volunteer left."""
        screen = self.screen()
        if not self._geometry_restored and screen is not None:
            available = screen.availableGeometry()
            if available.width() <= SMALL_SCREEN[0] or available.height() <= SMALL_SCREEN[1]:
                self.showMaximized()
                return
        self.show()

    def start(self) -> None:
        """Load the list and counts, resume a running meeting, offer back an autosaved form,
        and learn whether this laptop can sync (which starts the periodic probe)."""
        self.records.refresh()
        self.sync_panel.start()
        self.meetings.load()
        self.entry.restore_autosave()
        self.form.setFocus()
        # Queued after the list and meeting jobs, so it never delays the window.
        self.tasks.run_db(lambda ctx: self.app.records.warm_up(),
                          on_failure=self._on_warm_up_failed)

    @staticmethod
    def _on_warm_up_failed(exc: BaseException) -> None:
        # Only a head start for the first save: that save reports any real problem itself.
        log.warning("warming up the first save failed", exc_info=exc)

    # --- menus ------------------------------------------------------------------------------

    def refresh_list(self, *, select: uuid.UUID | None = None) -> None:
        self.records.refresh(select=select)

    def show_history(self) -> None:
        record_id = self.current_record_id()
        if record_id is None:
            self.show_status(self.tr("Choose a record in the list first."), 4000)
            return
        from desktop.gui.history_dialog import HistoryDialog

        def loaded(entries: list[Any]) -> None:
            dialog = HistoryDialog(entries, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()

        self.tasks.run_db(lambda ctx: self.app.records.history(record_id), on_success=loaded)

    def sync_now(self) -> None:
        self.sync_panel.sync_now()

    def show_sync_history(self) -> None:
        self.sync_panel.show_history()

    def show_settings(self) -> None:
        from desktop.gui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.app, self.tasks, today=self.today(), parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.profile_saved.connect(self.profile_changed)
        dialog.open()

    def set_language(self, language: str) -> None:
        """The Language menu: stored in the profile; the UI follows the change."""
        self.tasks.run_db(lambda ctx: self.app.profile.set_language(language))

    def _on_language_changed(self, language: str) -> None:
        self.act_vi.setChecked(language == "vi")
        self.act_en.setChecked(language == "en")

    def show_about(self) -> None:
        from desktop.gui.about import show_about

        show_about(self, self.app.data_dir)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.sync_panel.stop()
        self.entry.close()
        self.settings.main_window_geometry = self.saveGeometry()
        self.settings.splitter_state = self.splitter.saveState()
        self.settings.sync()
        super().closeEvent(event)

