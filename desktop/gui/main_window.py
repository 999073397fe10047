"""The main window: records list with search and filters on the left, the entry form on the right.

Every store call goes through the background-work helper (``self.tasks``): the window only
reacts to results. Menus carry every action with its shortcut, so the whole app works from
the keyboard.

Signals:
    list_updated(): the records list shows the result of the latest query or save.
    record_saved(object): an AssistanceRecord the store has just stored.
    exported(object, int): a file path and how many records were written to it.
    sync_finished(object): the ``SyncReport`` of a sync run that ended, once the window shows
        it (list refreshed, messages shown).
    profile_changed(object): the volunteer profile was edited in Settings.

The window keeps its layout, the records list, opening and saving records, and settings;
its other parts live beside it: :mod:`~desktop.gui.main_actions` (actions, shortcuts,
menus), :mod:`~desktop.gui.main_sync` (sync controls and what a sync run changes),
:mod:`~desktop.gui.main_undo` (delete and undo) and :mod:`~desktop.gui.main_meetings`
(meetings and follow-ups).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.autosave import FormAutosave
from desktop.gui.filter_bar import FilterBar
from desktop.gui.form_duplicates import IdentityKey, duplicate_hints
from desktop.gui.i18n import Translations, current_language
from desktop.gui.icons import app_icon
from desktop.gui.main_actions import build_actions, build_menus, retranslate_actions
from desktop.gui.main_meetings import MainWindowMeetings
from desktop.gui.main_sync import MainWindowSync
from desktop.gui.main_undo import MainWindowUndo
from desktop.gui.record_form import FormProfile, RecordForm
from desktop.gui.records_model import COLUMNS, RecordsTableModel
from desktop.gui.services import ListResult, StoreServices
from desktop.gui.settings import UiSettings
from desktop.gui.staff.entry import install_staff_entry
from desktop.gui.sync_controller import SyncController
from desktop.gui.sync_service import SyncServices, message_text
from desktop.gui.sync_widgets import SyncBar
from desktop.gui.tasks import TaskContext, TaskRunner
from desktop.store.queries import RecordSort, SortKey
from sync.contract.record import AssistanceRecord
from sync.contract.reference import ReferenceData
from sync.contract.validation import ValidationError

log = logging.getLogger(__name__)

_SORT_KEYS = {
    "assisted_on": SortKey.ASSISTED_ON, "full_name": SortKey.FULL_NAME,
    "birth_year": SortKey.BIRTH_YEAR, "neighbourhood_name": SortKey.NEIGHBOURHOOD,
    "category": SortKey.CATEGORY, "result": SortKey.RESULT, "status": SortKey.STATUS,
    "sync_state": SortKey.SYNC_STATE,
}


class MainWindow(QMainWindow):
    list_updated = Signal()
    record_saved = Signal(object)
    exported = Signal(object, int)
    sync_finished = Signal(object)
    profile_changed = Signal(object)

    # Made by desktop.gui.main_actions (build_actions, build_menus).
    act_new: QAction
    act_save: QAction
    act_save_next: QAction
    act_save_draft: QAction
    act_undo: QAction
    act_delete: QAction
    act_history: QAction
    act_find: QAction
    act_list: QAction
    act_import: QAction
    act_export: QAction
    act_quit: QAction
    act_meeting_start: QAction
    act_meeting_end: QAction
    act_follow_ups: QAction
    act_sync: QAction
    act_sync_history: QAction
    act_export_bundle: QAction
    act_settings: QAction
    act_about: QAction
    act_vi: QAction
    act_en: QAction
    language_group: QActionGroup
    menu_file: QMenu
    menu_record: QMenu
    menu_meeting: QMenu
    menu_view: QMenu
    menu_language: QMenu
    menu_help: QMenu

    def __init__(self, services: StoreServices, tasks: TaskRunner, translations: Translations,
                 settings: UiSettings, profile: FormProfile, *,
                 now: Callable[[], datetime], data_dir: Path,
                 sync_services: SyncServices | None = None,
                 probe_interval_ms: int | None = None) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self.services = services
        self.tasks = tasks
        self.translations = translations
        self.settings = settings
        self.profile = profile
        self.reference: ReferenceData = services.store.reference
        self._now = now
        self._sort = RecordSort()
        self._list_generation = 0
        self.sync_services = sync_services or SyncServices(services.store, clock=now)
        self.sync = SyncController(self.sync_services, tasks, **(
            {"probe_interval_ms": probe_interval_ms} if probe_interval_ms else {}))
        tasks.set_failure_parent(self)
        self.setWindowIcon(app_icon())

        self.model = RecordsTableModel(self.reference, self._fetch_rows, today=self.today)
        self.filters = FilterBar(self.reference, today=self.today())
        self.table = QTableView()
        self.table.setObjectName("records_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        for column, width in enumerate((90, 180, 75, 70, 170, 150, 80, 140)):
            self.table.setColumnWidth(column, width)

        self.counts_label = QLabel()
        self.counts_label.setObjectName("counts")
        self.total_label = QLabel()
        self.total_label.setObjectName("total")
        self.sync_button = QPushButton()
        self.sync_button.setObjectName("sync_now")
        self.sync_button.setIcon(app_icon())
        self.revoked_banner = QLabel()
        self.revoked_banner.setObjectName("revoked_banner")
        self.revoked_banner.setWordWrap(True)
        self.revoked_banner.hide()

        self.form = RecordForm(self.reference, profile, now=now, today=self.today)
        self.autosave = FormAutosave(self.form, data_dir)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(6, 6, 6, 6)
        top = QHBoxLayout()
        top.addWidget(self.counts_label, 1)
        top.addWidget(self.sync_button)
        left_layout.addLayout(top)
        left_layout.addWidget(self.revoked_banner)
        left_layout.addWidget(self.filters)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.total_label)
        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.form)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([780, 500])
        self.setCentralWidget(self.splitter)
        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label)
        self.sync_bar = SyncBar()
        self.statusBar().addPermanentWidget(self.sync_bar)

        self.sync_wiring = MainWindowSync(self)
        self.undo = MainWindowUndo(self)
        self.meetings = MainWindowMeetings(self)
        build_actions(self)
        build_menus(self)
        install_staff_entry(self)  # staff mode (desktop.gui.staff): one File menu action
        self._connect()
        self.retranslate_ui()
        geometry = settings.main_window_geometry
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)

    # --- set-up -----------------------------------------------------------------------------

    def _connect(self) -> None:
        self.filters.filter_changed.connect(self.refresh_list)
        self.filters.search.returnPressed.connect(self._on_search_return)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._on_sort_changed)
        self.table.activated.connect(self._on_row_activated)
        self.form.save_requested.connect(self._on_form_save_requested)
        self.form.identity_changed.connect(self._on_form_identity_changed)
        self.form.open_record_requested.connect(self.open_record)
        self.sync_wiring.connect_signals()
        self.translations.language_changed.connect(self._on_language_changed)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Hỗ trợ số — {name}").format(
            name=self.profile.volunteer_name))
        retranslate_actions(self)
        self.sync_button.setText(self.tr("Sync now"))
        self.sync_bar.cancel_button.setText(self.tr("Cancel"))
        self.model.retranslate()
        self.sync_wiring.update_availability()
        self._update_total()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # --- start-up ---------------------------------------------------------------------------

    def start(self) -> None:
        """Load the list and counts, resume a running meeting, offer back an autosaved form,
        and learn whether this laptop can sync (which starts the periodic probe)."""
        self.refresh_list()
        self.sync.refresh_status(then=lambda status: self.sync.probe())
        self.tasks.run_db(lambda ctx: self.services.current_meeting(),
                          on_success=self._on_meeting_loaded)
        snapshot = self.autosave.load()
        if snapshot:
            self.form.restore_snapshot(snapshot)
            self.form.show_notice(self.tr(
                "What you were typing when the app closed has been put back. Save it or "
                "press New record to discard it."))
        self.form.setFocus()
        # Queued after the list and meeting jobs, so it never delays the window.
        self.tasks.run_db(lambda ctx: self.services.warm_up(), on_failure=self._on_warm_up_failed)

    @staticmethod
    def _on_warm_up_failed(exc: BaseException) -> None:
        # Only a head start for the first save: that save reports any real problem itself.
        log.warning("warming up the first save failed", exc_info=exc)

    def today(self) -> date:
        """Today's local date, from the injected clock."""
        return self._now().astimezone().date()

    # --- list -------------------------------------------------------------------------------

    def _fetch_rows(self, ids: list[uuid.UUID], deliver: Callable[[list[Any]], None]) -> None:
        self.tasks.run_db(lambda ctx: self.services.fetch_rows(ids), on_success=deliver)

    def refresh_list(self, *, select: uuid.UUID | None = None) -> None:
        self._list_generation += 1
        generation = self._list_generation
        flt = self.filters.current_filter()
        sort = self._sort
        label = self.tr("Sorting the list…") if sort.key is SortKey.FULL_NAME else ""
        self.tasks.run_db(
            lambda ctx: self.services.list_records(flt, sort, ctx.progress),
            on_success=lambda result: self._on_list_loaded(generation, result, select),
            label=label, cancellable=bool(label))

    def _on_list_loaded(self, generation: int, result: ListResult,
                        select: uuid.UUID | None) -> None:
        if generation != self._list_generation:
            return  # a newer search was typed meanwhile
        self.model.set_ids(result.ids)
        ids = result.ids
        if not self.tasks.closed:  # a list delivered while the app shuts down
            self.tasks.run_db(lambda ctx: self.services.index_ids(ids))
        self._show_counts(result.counts)
        self._update_total()
        if select is not None:
            self.select_record(select)
        self.list_updated.emit()

    def _show_counts(self, counts: Any) -> None:
        self.counts_label.setText(self.tr(
            "Helped today: {today} · this week: {week} · this month: {month}").format(
                today=counts.today, week=counts.week, month=counts.month))

    def _update_total(self) -> None:
        self.total_label.setText(self.tr("{count} records in the list").format(
            count=f"{self.model.rowCount():,}".replace(",", ".")))

    def select_record(self, record_id: uuid.UUID) -> None:
        row = self.model.row_of(record_id)
        if row < 0:
            return
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)

    def _on_sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        key = _SORT_KEYS.get(COLUMNS[column][0], SortKey.ASSISTED_ON)
        self._sort = RecordSort(key=key, descending=order == Qt.SortOrder.DescendingOrder)
        self.refresh_list()

    def focus_search(self) -> None:
        self.filters.search.setFocus()
        self.filters.search.selectAll()

    def _on_search_return(self) -> None:
        self.filters.flush()
        self.table.setFocus()
        if self.model.rowCount():
            self.table.selectRow(0)

    def _on_row_activated(self, index: QModelIndex) -> None:
        record_id = self.model.record_id(index.row())
        if record_id is not None:
            self.open_record(record_id)

    def current_record_id(self) -> uuid.UUID | None:
        if self.form.editing is not None:
            return self.form.editing.id
        index = self.table.currentIndex()
        return self.model.record_id(index.row()) if index.isValid() else None

    # --- records ----------------------------------------------------------------------------

    def open_record(self, record_id: uuid.UUID) -> None:
        def loaded(result: tuple[AssistanceRecord | None, Any]) -> None:
            record, summary = result
            if record is None or record.deleted:
                self.statusBar().showMessage(self.tr("That record no longer exists."), 5000)
                return
            self.form.load_record(record)
            self.show_server_message(summary)
            self.form.setFocus()

        def job(ctx: Any) -> tuple[AssistanceRecord | None, Any]:
            rows = self.services.fetch_rows([record_id])
            return self.services.get(record_id), rows[0] if rows else None

        self.tasks.run_db(job, on_success=loaded)

    def show_server_message(self, summary: Any) -> None:
        """What the ward said about the record in the form (rejected, conflict, a review)."""
        if summary is None or summary.sync_state != "attention":
            self.form.show_attention("")
            return
        text = message_text(summary.server_message, current_language()) \
            or self.tr("The ward server did not accept this record.")
        self.form.show_attention(self.tr(
            "Needs attention — the ward says: {message}\nCorrect the record and save it: it "
            "is sent again at the next sync.").format(message=text))

    def _on_form_save_requested(self, record: AssistanceRecord, next_after: bool) -> None:
        actor = self.profile.volunteer_name
        was_new = self.form.editing is None

        def save(ctx: TaskContext) -> tuple[AssistanceRecord, Any]:
            stored = self.services.save(record, actor)
            # The list row read in the same trip, so the list draws it without a page fetch.
            rows = self.services.fetch_rows([stored.id])
            return stored, rows[0] if rows else None

        def saved(result: tuple[AssistanceRecord, Any]) -> None:
            stored, summary = result
            self.autosave.clear()
            self.undo.remember(stored.id)
            self.form.saved(stored, next_after=next_after)
            self.form.show_attention("")  # fixed and waiting to be sent again
            self._after_change(stored.id, new=was_new, summary=summary)
            self.statusBar().showMessage(self.tr("Saved: {name}").format(
                name=stored.full_name or self.tr("(no name)")), 4000)
            self.record_saved.emit(stored)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ValidationError):
                self.form.request_save(final=True, next_after=next_after)
                return
            from desktop.gui.errors import report_failure

            self.autosave.write_now()
            report_failure(self, exc)

        self.tasks.run_db(save, on_success=saved, on_failure=failed)

    def _after_change(self, record_id: uuid.UUID, *, new: bool,
                      summary: Any | None = None) -> None:
        """Bring the list and counts up to date after one record changed (``summary``: its
        list row, when the caller read it already)."""
        if not new and self.model.row_of(record_id) >= 0:
            self.model.invalidate([record_id], summary)
            self.list_updated.emit()
        elif new and self.filters.is_default() and self._sort == RecordSort():
            # Newest help first: a new record of today goes on top; no need to re-query.
            self.model.prepend(record_id, summary)
            self._update_total()
            self.list_updated.emit()
        else:
            self.refresh_list(select=record_id)
            return
        self.tasks.run_db(lambda ctx: self.services.counts(), on_success=self._show_counts)

    def delete_current(self) -> None:
        self.undo.delete_current()

    def undo_last(self) -> None:
        self.undo.undo_last()

    def show_history(self) -> None:
        record_id = self.current_record_id()
        if record_id is None:
            self.statusBar().showMessage(self.tr("Choose a record in the list first."), 4000)
            return
        from desktop.gui.history_dialog import HistoryDialog

        def loaded(entries: list[Any]) -> None:
            dialog = HistoryDialog(entries, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()

        self.tasks.run_db(lambda ctx: self.services.history(record_id), on_success=loaded)

    # --- duplicates -------------------------------------------------------------------------

    def _on_form_identity_changed(self, key: IdentityKey) -> None:
        def found(rows: Sequence[Any]) -> None:
            if self.form.identity() != key:
                return  # the volunteer kept typing; a newer lookup is on its way
            self.form.show_duplicates(duplicate_hints(key, rows))

        self.tasks.run_db(
            lambda ctx: self.services.find_duplicates(key.cccd, key.name_key, key.birth_year,
                                                      key.exclude_id),
            on_success=found)

    # --- meetings and follow-ups ------------------------------------------------------------

    def _on_meeting_loaded(self, meeting: Any | None) -> None:
        self.meetings.on_loaded(meeting)

    def start_meeting(self) -> None:
        self.meetings.start()

    def end_meeting(self) -> None:
        self.meetings.end()

    def show_meeting_summary(self, summary: Any) -> None:
        self.meetings.show_summary(summary)

    def show_follow_ups(self) -> None:
        self.meetings.show_follow_ups()

    # --- import / export / sync -------------------------------------------------------------

    def import_file(self) -> None:
        from desktop.gui.transfer import run_import

        run_import(self)

    def export_file(self) -> None:
        from desktop.gui.transfer import run_export

        run_export(self)

    def sync_now(self) -> None:
        """The Sync now button/menu: sync, or explain what is missing."""
        self.sync_wiring.sync_now()

    def show_sync_history(self) -> None:
        self.sync_wiring.show_history()

    def export_bundle(self) -> None:
        from desktop.gui.transfer import run_export_bundle

        run_export_bundle(self)

    def show_settings(self) -> None:
        from desktop.gui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.services, self.sync_services, self.tasks,
                                today=self.today(), parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.profile_saved.connect(self._on_profile_saved)
        dialog.enrolled.connect(self.sync_wiring.on_enrolled)
        dialog.open()

    def _on_profile_saved(self, profile: Any) -> None:
        self.profile = FormProfile(device_id=str(profile.device_id),
                                   volunteer_name=profile.volunteer_name,
                                   neighbourhood_code=profile.neighbourhood_code)
        self.form.set_profile(self.profile)
        if profile.language != current_language():
            self.translations.set_language(profile.language)
            self.settings.language = profile.language
        self.retranslate_ui()
        self.profile_changed.emit(profile)

    # --- language, about, closing -----------------------------------------------------------

    def set_language(self, language: str) -> None:
        self.translations.set_language(language)
        self.settings.language = language
        name, code = self.profile.volunteer_name, self.profile.neighbourhood_code
        self.tasks.run_db(lambda ctx: self.services.profiles.save(
            volunteer_name=name, neighbourhood_code=code, language=language))

    def _on_language_changed(self, language: str) -> None:
        self.act_vi.setChecked(language == "vi")
        self.act_en.setChecked(language == "en")

    def show_about(self) -> None:
        from desktop.gui.about import show_about

        show_about(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.sync.stop()
        self.form.stop_timers()
        if not self.form.is_blank():
            self.autosave.write_now()
        self.settings.main_window_geometry = self.saveGeometry()
        self.settings.sync()
        super().closeEvent(event)
