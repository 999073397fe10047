"""The staff window: the review queue on the left, the selected record's versions,
correction form and conflict on the right. Fits 1280×720 and 1366×768.

The screens follow the role: a team lead reads and sends records back with a comment; staff
and admins also approve, reject, correct and resolve conflicts. Every request runs on the
network worker of the one background-work helper; when the server cannot be reached a banner
says so and nothing typed is lost (forms are never cleared by a failure).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.app.queue import QueueClient, QueueFilters, QueuePage
from desktop.app.residents import PairsClient
from desktop.app.staff import (
    Identity,
    RecordSummary,
    ResolveOutcome,
    SignedOut,
    StaffClient,
    StaffError,
    StaffUnreachable,
    Version,
    check_correction,
)
from desktop.gui.errors import known_message, report_failure
from desktop.gui.i18n import current_language, pick
from desktop.gui.staff.conflict import ConflictView
from desktop.gui.staff.detail import CorrectionForm, VersionsView
from desktop.gui.staff.duplicates import DuplicatesWindow
from desktop.gui.staff.failures import staff_failure
from desktop.gui.staff.link_found import FoundLinkController
from desktop.gui.staff.queue_filters import QueueFilterRow
from desktop.gui.staff.queue_model import Deliver, QueueFilter, ReviewQueueModel
from desktop.gui.staff.sign_in import SignInDialog
from desktop.gui.staff.values import VIETNAM, correction_note
from desktop.gui.tasks import TaskContext, TaskRunner
from desktop.gui.window_fit import fit_screen
from sync.contract.labels import Lang, field_label
from sync.contract.reference import ReferenceData

USER_INPUT = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel}


class CommentDialog(QDialog):
    """A required comment (needs fixing) or reason (reject); own buttons, since Qt ships no
    Vietnamese catalogue for the standard ones."""

    def __init__(self, title: str, prompt: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("staff_comment_dialog")
        self.setWindowTitle(title)
        self.text = QPlainTextEdit()
        self.text.setObjectName("staff_comment_text")
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b00020;")
        self.ok = QPushButton(self.tr("&Send"))
        self.ok.setObjectName("staff_comment_ok")
        self.ok.setDefault(True)
        self.ok.clicked.connect(self._accept)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.problem, 1)
        buttons.addWidget(self.ok)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        label = QLabel(prompt)
        label.setWordWrap(True)
        layout.addWidget(label)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        self.resize(480, 240)

    def comment(self) -> str:
        return self.text.toPlainText().strip()

    def _accept(self) -> None:
        if not self.comment():
            self.problem.setText(self.tr("This cannot be empty."))
            self.text.setFocus()
            return
        self.accept()


class _ActivityWatch(QObject):
    """Any key or click in the app counts as activity for the idle sign-out."""

    def __init__(self, touch: Callable[[], None]) -> None:
        super().__init__()
        self._touch = touch

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in USER_INPUT:
            self._touch()
        return False


class StaffWindow(QMainWindow):
    """Signals:
        reviewed(list): record ids whose review state changed (tests wait on it).
        undone(list): record ids whose previous state an undo restored.
        detail_shown(str): the selected record's detail arrived.
        corrected(str), resolved(str): a correction / a conflict resolution was stored.
        signed_out(): the session ended (idle, sign-out, refused token).
    """

    reviewed = Signal(list)
    undone = Signal(list)
    detail_shown = Signal(str)
    corrected = Signal(str)
    resolved = Signal(str)
    signed_out = Signal()
    action_failed = Signal(str)

    def __init__(self, client: StaffClient, identity: Identity, tasks: TaskRunner,
                 reference: ReferenceData, *, now: Callable[[], datetime] | None = None,
                 idle_check_ms: int = 15_000, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("staff_window")
        self.client = client
        self.identity = identity
        self.tasks = tasks
        self.reference = reference
        self._now = now or (lambda: datetime.now(VIETNAM))
        self._undo: list[tuple[str, str, str]] = []  # (id, state, comment) before the bulk
        # What the Undo button takes back: the last review or the last link made here.
        self._undo_kind: str | None = None
        self._detail: RecordSummary | None = None
        self._wanted: str | None = None  # the record whose detail the pane should show
        self._closing = False
        self._reauth: SignInDialog | None = None
        self.pairs_window: DuplicatesWindow | None = None
        self.queue_client = QueueClient(client)
        self._total: int | None = None  # records matching the server-side filters
        self._build()
        self.retranslate_ui()
        self.apply_role()
        fit_screen(self)
        self._activity = _ActivityWatch(self.client.touch)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self._activity)
        self._idle_timer = QTimer(self)
        self._idle_timer.timeout.connect(self.check_idle)
        self._idle_timer.start(idle_check_ms)
        self.refresh()

    # --- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.banner = QLabel()
        self.banner.setObjectName("staff_banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #fdecea; color: #611a15; padding: 6px;")
        self.retry_button = QPushButton()
        self.retry_button.setObjectName("staff_retry")
        self.retry_button.clicked.connect(self.refresh)
        banner_row = QWidget()
        banner_layout = QHBoxLayout(banner_row)
        banner_layout.setContentsMargins(0, 0, 0, 0)
        banner_layout.addWidget(self.banner, 1)
        banner_layout.addWidget(self.retry_button)
        self.banner_row = banner_row
        banner_row.hide()

        self.state_filter = QComboBox()
        self.state_filter.setObjectName("staff_state_filter")
        self.flag_filter = QComboBox()
        self.flag_filter.setObjectName("staff_flag_filter")
        self.search = QLineEdit()
        self.search.setObjectName("staff_search")
        self.search.setClearButtonEnabled(True)
        self.refresh_button = QPushButton()
        self.refresh_button.setObjectName("staff_refresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.count_label = QLabel()
        self._filter_labels = [QLabel(), QLabel()]
        filters = QHBoxLayout()
        filters.addWidget(self._filter_labels[0])
        filters.addWidget(self.state_filter)
        filters.addWidget(self._filter_labels[1])
        filters.addWidget(self.flag_filter)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.refresh_button)

        self.more_filters = QueueFilterRow(self.reference, lambda: self._now().date())
        self.more_filters.changed.connect(self.refresh)
        self.search.returnPressed.connect(self.refresh)  # Enter: search every record
        self.model = ReviewQueueModel(self.reference, self._loader(QueueFilters()))
        self.proxy = QueueFilter()
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("staff_queue")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((92, 135, 112, 140, 110, 72)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.search.textChanged.connect(self._search_changed)
        self.model.rowsInserted.connect(self._update_count)
        self.model.modelReset.connect(self._update_count)

        self.approve_button = QPushButton()
        self.approve_button.setObjectName("staff_approve")
        self.approve_button.clicked.connect(self.approve_selected)
        self.fix_button = QPushButton()
        self.fix_button.setObjectName("staff_needs_fixing")
        self.fix_button.clicked.connect(self.ask_needs_fixing)
        self.reject_button = QPushButton()
        self.reject_button.setObjectName("staff_reject")
        self.reject_button.clicked.connect(self.ask_reject)
        self.undo_button = QPushButton()
        self.undo_button.setObjectName("staff_undo")
        self.undo_button.setEnabled(False)
        self.undo_button.clicked.connect(self.undo_bulk)
        self.feedback = QLabel()
        self.feedback.setObjectName("staff_feedback")
        self.feedback.setWordWrap(True)
        self.found_link = FoundLinkController(
            self, PairsClient(self.client), self.tasks, self.reference,
            say=self.feedback.setText, on_failure=self.on_failure)
        self.found_link.linked.connect(lambda _id: self._undo_now("link"))
        self.found_link.link_undone.connect(lambda _id: self._undo_now(None))
        self.link_button = QPushButton()
        self.link_button.setObjectName("staff_link_found")
        self.link_button.setEnabled(False)
        self.link_button.clicked.connect(self.ask_link)
        actions = QHBoxLayout()
        for button in (self.approve_button, self.fix_button, self.reject_button,
                       self.link_button, self.undo_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.count_label)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.more_filters)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(actions)
        left_layout.addWidget(self.feedback)

        self.versions = VersionsView(self.reference)
        self.correction = CorrectionForm(self.reference, self._now().date())
        self.correction.send_requested.connect(self.send_correction)
        self.conflict = ConflictView(self.reference)
        self.conflict.keep_requested.connect(self.keep_result)
        self.record_title = QLabel()
        self.record_title.setObjectName("staff_record_title")
        self.record_title.setWordWrap(True)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("staff_tabs")
        self.tabs.addTab(self.versions, "")
        self.tabs.addTab(self.correction, "")
        self.tabs.addTab(self.conflict, "")
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.record_title)
        right_layout.addWidget(self.tabs, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([700, 660])
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(banner_row)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.who = QLabel()
        self.sign_out_button = QPushButton()
        self.sign_out_button.setObjectName("staff_sign_out")
        self.sign_out_button.clicked.connect(self.sign_out)
        self.statusBar().addWidget(self.who, 1)
        self.pairs_button = QPushButton()
        self.pairs_button.setObjectName("staff_pairs")
        self.pairs_button.clicked.connect(self.open_pairs)
        self.statusBar().addPermanentWidget(self.pairs_button)
        self.statusBar().addPermanentWidget(self.sign_out_button)
        from desktop.gui.staff.launchers import Launchers

        # Reports; administration for administrators.
        self.launchers = Launchers(self, self.client, self.identity, self.tasks,
                                   self.reference, lambda: self._now().date(),
                                   self.selected_summaries)
        QShortcut(QKeySequence.StandardKey.Refresh, self, self.refresh)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        self._fill_filters()
        self.state_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.flag_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self._show_detail_tabs(False)

    def _fill_filters(self) -> None:
        from desktop.gui.staff.queue_model import review_state_label

        blocked = [self.state_filter.blockSignals(True), self.flag_filter.blockSignals(True)]
        state, flag = self.state_filter.currentIndex(), self.flag_filter.currentIndex()
        self.state_filter.clear()
        self.state_filter.addItem(self.tr("All"), None)
        for value in ("received", "has_issues", "fixed", "approved", "rejected"):
            self.state_filter.addItem(review_state_label(value), value)
        self.flag_filter.clear()
        self.flag_filter.addItem(self.tr("All"), None)
        self.flag_filter.addItem(self.tr("Conflicts only"), True)
        self.flag_filter.addItem(self.tr("No conflict"), False)
        self.state_filter.setCurrentIndex(max(0, state))
        self.flag_filter.setCurrentIndex(max(0, flag))
        self.state_filter.blockSignals(blocked[0])
        self.flag_filter.blockSignals(blocked[1])

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Hỗ trợ số — ward staff"))
        self.retry_button.setText(self.tr("&Try again"))
        self._filter_labels[0].setText(self.tr("Review:"))
        self._filter_labels[1].setText(self.tr("Conflict:"))
        self.search.setPlaceholderText(self.tr("Search: typing filters the loaded records, "
                                               "Enter searches them all (name, phone, CCCD) "
                                               "— Ctrl+F"))
        self.refresh_button.setText(self.tr("&Refresh"))
        self.approve_button.setText(self.tr("&Approve selected"))
        self.fix_button.setText(self.tr("Needs &fixing…"))
        self.reject_button.setText(self.tr("Re&ject…"))
        self.link_button.setText(self.tr("Same &person…"))
        self.link_button.setToolTip(self.tr(
            "Select the two records of one resident the engine did not propose (another "
            "name, a new phone) and link them"))
        self._update_undo()
        self.tabs.setTabText(0, self.tr("&Versions"))
        self.tabs.setTabText(1, self.tr("&Correct"))
        self.tabs.setTabText(2, self.tr("Co&nflict"))
        self.sign_out_button.setText(self.tr("Sign &out"))
        self.launchers.retranslate_ui()
        self.pairs_button.setText(self.tr("Same &resident…"))
        self._fill_filters()
        roles = {"admin": self.tr("administrator"), "staff": self.tr("ward staff"),
                 "team_lead": self.tr("team lead"), "reviewer": self.tr("reviewer")}
        who = self.tr("Signed in as %1 (%2) at %3").replace(
            "%1", self.identity.full_name or self.identity.username).replace(
            "%2", roles.get(self.identity.role, self.identity.role)).replace(
            "%3", self.client.server_url)
        self.who.setText(who)
        self._update_count()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def apply_role(self) -> None:
        """A team lead reads and comments; staff and admins do everything here."""
        identity = self.identity
        if self.pairs_window is not None:
            self.pairs_window.identity = identity
            self.pairs_window.apply_role()
        self.approve_button.setVisible(identity.may_decide)
        self.reject_button.setVisible(identity.may_decide)
        self.undo_button.setVisible(identity.may_review)
        self.link_button.setVisible(identity.may_correct)
        self.fix_button.setVisible(identity.may_review)
        self.tabs.setTabVisible(1, identity.may_correct)
        if not identity.may_correct:
            self.tabs.setTabVisible(2, False)

    # --- loading ----------------------------------------------------------------------------

    def _loader(self, filters: QueueFilters) -> Callable[[int, int, Deliver], None]:
        def load(offset: int, limit: int, deliver: Deliver) -> None:
            def work(_ctx: TaskContext) -> QueuePage:
                return self.queue_client.page(filters, limit=limit, offset=offset)

            def done(page: QueuePage) -> None:
                self.hide_banner()
                self._total = page.total
                deliver(page.items)

            def failed(exc: BaseException) -> None:
                deliver(None)
                self.on_failure(exc)

            self.tasks.run_net(work, on_success=done, on_failure=failed, parent=self)

        return load

    def refresh(self) -> None:
        self._total = None
        self.model.reset(self._loader(self.more_filters.filters(
            review_state=self.state_filter.currentData(),
            flagged=self.flag_filter.currentData(), search=self.search.text())))
        self.model.fetchMore()

    def _search_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        self._update_count()

    def _update_count(self, *_args: Any) -> None:
        loaded, shown = self.model.rowCount(), self.proxy.rowCount()
        more = self.tr(" (scroll for more)") if self.model.has_more and loaded else ""
        text = self.tr("%1 of %2 loaded records shown").replace("%1", str(shown)).replace(
            "%2", str(loaded)) + more
        if self._total is not None:
            text += self.tr("; %1 match on the server").replace("%1", f"{self._total:,}")
        self.count_label.setText(text)

    # --- failures ---------------------------------------------------------------------------

    def show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner_row.show()

    def hide_banner(self) -> None:
        self.banner_row.hide()

    def on_failure(self, exc: BaseException) -> bool:
        """Show a failure where it belongs; True when it was a known one."""
        failure = staff_failure(exc)
        if failure is None:
            report_failure(self, exc)
            self.action_failed.emit("bug")
            return False
        if failure.unreachable:
            self.show_banner(failure.message)
            self.action_failed.emit(failure.code)
        elif failure.signed_out:
            self.action_failed.emit(failure.code)
            self.session_ended(failure.message)
        else:
            self.feedback.setText(failure.message)
            self.action_failed.emit(failure.code)
            if failure.forbidden:
                # The role changed on the server: show only what it still allows.
                self.identity = self.client.identity or self.identity
                self.apply_role()
        return True

    # --- session ----------------------------------------------------------------------------

    def check_idle(self) -> None:
        if self.client.identity is not None and not self.client.signed_in:
            self.client.sign_out()
            self.session_ended(pick(
                f"Phiên làm việc đã kết thúc sau {self.client.idle_minutes} phút không thao "
                "tác. Hãy đăng nhập lại; những gì bạn đang nhập vẫn còn.",
                f"The session ended after {self.client.idle_minutes} minutes without "
                "activity. Sign in again; what you were typing is kept."))

    def session_ended(self, message: str) -> None:
        """Ask for the password again over the window, which keeps everything typed."""
        if self._closing or (self._reauth is not None and self._reauth.isVisible()):
            return  # one password prompt, however many requests were refused
        self._idle_timer.stop()
        self.signed_out.emit()
        dialog = SignInDialog(self.tasks, lambda _url: self.client,
                              server_url=self.client.server_url,
                              username=self.identity.username, message=message, parent=self)
        dialog.server.setReadOnly(True)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self._reauth = dialog

        def finished(code: int) -> None:
            if code == QDialog.DialogCode.Accepted and dialog.identity is not None:
                self.identity = dialog.identity
                self.apply_role()
                self._idle_timer.start()
                self.hide_banner()
            else:
                self._closing = True
                self.close()

        dialog.finished.connect(finished)
        dialog.open()

    def sign_out(self) -> None:
        self.client.sign_out()
        self._closing = True
        self.signed_out.emit()
        self.close()

    def open_pairs(self) -> DuplicatesWindow:
        """The proposed resident pairs, in a window of their own (one per staff window)."""
        if self.pairs_window is None:
            self.pairs_window = DuplicatesWindow(PairsClient(self.client), self.identity,
                                                 self.tasks, self.reference, parent=self)
            self.pairs_window.session_lost.connect(self.session_ended)
        if self.pairs_window.isVisible():
            self.pairs_window.raise_()
        else:
            self.pairs_window.show()
        return self.pairs_window

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.pairs_window is not None:
            self.pairs_window.close()
        self._idle_timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self._activity)
        super().closeEvent(event)

    # --- selection and detail ---------------------------------------------------------------

    def selected_summaries(self) -> list[RecordSummary]:
        rows = sorted({self.proxy.mapToSource(i).row()
                       for i in self.table.selectionModel().selectedRows()})
        return [self.model.summary(r) for r in rows]

    def select_all(self) -> None:
        self.table.selectAll()

    def _selection_changed(self, *_args: Any) -> None:
        chosen = self.selected_summaries()
        self._wanted = chosen[0].id if len(chosen) == 1 else None
        self.link_button.setEnabled(len(chosen) == 2)
        if len(chosen) == 1:
            self.load_detail(chosen[0].id)
        else:
            self._detail = None
            self._show_detail_tabs(False)
            self.record_title.setText(self.tr("%1 records selected").replace(
                "%1", str(len(chosen))) if chosen else "")

    def _show_detail_tabs(self, on: bool) -> None:
        self.tabs.setEnabled(on)
        if not on:
            self.versions.clear()
            self.conflict.clear()

    def load_detail(self, record_id: str) -> None:
        def work(_ctx: TaskContext) -> RecordSummary:
            return self.client.get_record(record_id)

        def done(summary: RecordSummary) -> None:
            self.hide_banner()
            self.model.replace_summary(summary)
            if summary.id == self._wanted:  # an answer for a row no longer selected waits
                self.show_detail(summary)

        self.tasks.run_net(work, on_success=done, on_failure=self.on_failure, parent=self)

    def show_detail(self, summary: RecordSummary) -> None:
        same = self._detail is not None and self._detail.id == summary.id
        self._detail = summary
        self.model.replace_summary(summary)
        self._show_detail_tabs(True)
        record = summary.record
        lang: Lang = "vi" if current_language() == "vi" else "en"
        from desktop.gui.staff.queue_model import review_state_label
        from desktop.gui.staff.values import show_value

        title = f"{record.get('full_name') or '—'} · " + show_value(
            "category", record.get("category"), self.reference, lang) + " · " + \
            review_state_label(summary.review_state)
        if summary.review_comment:
            title += f" — “{summary.review_comment}”"
        self.record_title.setText(title)
        self.versions.show_summary(summary)
        self.correction.load(dict(record), keep_typed=same)
        head, other = summary.head(), summary.conflicting()
        has_conflict = summary.flagged and head is not None and other is not None
        self.tabs.setTabVisible(2, has_conflict and self.identity.may_correct)
        if has_conflict and head is not None and other is not None:
            self.conflict.show_versions([head, other])
        else:
            self.conflict.clear()
        self.detail_shown.emit(summary.id)

    # --- review -----------------------------------------------------------------------------

    def approve_selected(self) -> None:
        chosen = self.selected_summaries()
        if chosen:
            self._review(chosen, "approved", "", undoable=True)

    def ask_needs_fixing(self) -> None:
        chosen = self.selected_summaries()
        if not chosen:
            return
        dialog = CommentDialog(self.tr("Send back for fixing"), self.tr(
            "What must the volunteer fix? They see this comment on their laptop at the next "
            "sync."), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.send_back(chosen, dialog.comment())

    def send_back(self, chosen: list[RecordSummary], comment: str) -> None:
        self._review(chosen, "has_issues", comment, undoable=True)

    def ask_reject(self) -> None:
        chosen = self.selected_summaries()
        if not chosen:
            return
        dialog = CommentDialog(self.tr("Reject"), self.tr(
            "Why is this record rejected? The volunteer sees the reason."), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reject_records(chosen, dialog.comment())

    def reject_records(self, chosen: list[RecordSummary], reason: str) -> None:
        self._review(chosen, "rejected", reason, undoable=True)

    def _review(self, chosen: list[RecordSummary], state: str, comment: str, *,
                undoable: bool) -> None:
        before = [(s.id, s.review_state, s.review_comment) for s in chosen]

        def work(ctx: TaskContext) -> tuple[list[str], BaseException | None]:
            return self._send_reviews([(b[0], state, comment) for b in before], ctx)

        def finished(outcome: tuple[list[str], BaseException | None]) -> None:
            done, error = outcome
            for record_id in done:
                self.model.set_review(record_id, state, comment)
            if undoable and done:
                self._undo = [b for b in before if b[0] in set(done)]
                self._undo_kind = "review"
            self._update_undo()
            self.feedback.setText(self.tr("%1 record(s) marked “%2”.").replace(
                "%1", str(len(done))).replace("%2", self._state_word(state)))
            if error is not None:
                self.on_failure(error)
            else:
                self.hide_banner()
            if self._detail is not None and self._detail.id in done:
                self.load_detail(self._detail.id)
            self.reviewed.emit(done)

        self.tasks.run_net(work, on_success=finished, on_failure=self.on_failure,
                           label=self.tr("Saving the review…") if len(before) > 20 else "",
                           parent=self)

    def _send_reviews(self, reviews: list[tuple[str, str, str]], ctx: TaskContext,
                      ) -> tuple[list[str], BaseException | None]:
        """Send (record, state, comment) reviews one by one (on the network worker); stop at
        the first refusal and say which were stored, so the screen shows exactly those."""
        done: list[str] = []
        for number, (record_id, state, comment) in enumerate(reviews):
            ctx.update(number, len(reviews))
            try:
                self.client.review(record_id, state, comment)
            except StaffError as exc:
                return done, exc
            done.append(record_id)
        return done, None

    def _state_word(self, state: str) -> str:
        from desktop.gui.staff.queue_model import review_state_label

        return review_state_label(state)

    def _update_undo(self) -> None:
        if self._undo_kind == "link" and self.found_link.last_link is not None:
            self.undo_button.setEnabled(True)
            self.undo_button.setText(self.tr("&Undo the link"))
            return
        self.undo_button.setEnabled(bool(self._undo))
        self.undo_button.setText(self.tr("&Undo last review (%1)").replace(
            "%1", str(len(self._undo))) if self._undo else self.tr("&Undo last review"))

    def _undo_now(self, kind: str | None) -> None:
        """The Undo button takes back ``kind`` now (None: the review before it, if any)."""
        self._undo_kind = kind or ("review" if self._undo else None)
        self._update_undo()

    def ask_link(self) -> None:
        """Two selected records are one resident: confirm naming both, then link them."""
        chosen = self.selected_summaries()
        if len(chosen) == 2 and self.identity.may_correct:
            self.found_link.ask(chosen[0], chosen[1])

    def undo_bulk(self) -> None:
        """Take back the last link made here, or put each record of the last review (a bulk
        approval, a send-back, a rejection) back in the state and comment it had."""
        if self._undo_kind == "link" and self.found_link.last_link is not None:
            self.found_link.undo()
            return
        undo = list(self._undo)
        if not undo:
            return

        def work(ctx: TaskContext) -> tuple[list[str], BaseException | None]:
            return self._send_reviews(undo, ctx)

        def finished(outcome: tuple[list[str], BaseException | None]) -> None:
            done, error = outcome
            for record_id, state, comment in undo:
                if record_id in done:
                    self.model.set_review(record_id, state, comment)
            self._undo = [u for u in undo if u[0] not in set(done)]
            self._update_undo()
            self.feedback.setText(self.tr("Review undone for %1 record(s).").replace(
                "%1", str(len(done))))
            if error is not None:
                self.on_failure(error)
            self.undone.emit(done)

        self.tasks.run_net(work, on_success=finished, on_failure=self.on_failure, parent=self)

    # --- correction -------------------------------------------------------------------------

    def send_correction(self, changes: dict[str, Any], comment: str) -> None:
        if self._detail is None:
            return
        record_id = self._detail.id
        note = correction_note(comment, self._detail.record, changes, self.reference)
        self.correction.set_busy(True)

        def work(_ctx: TaskContext) -> dict[str, Any]:
            return self.client.correct(record_id, changes, note)

        def done(_record: dict[str, Any]) -> None:
            self.correction.set_busy(False)
            self.correction.sent(sorted(changes))
            self.hide_banner()
            self.load_detail(record_id)
            self.corrected.emit(record_id)

        def failed(exc: BaseException) -> None:
            self.correction.set_busy(False)
            if isinstance(exc, StaffError) and not isinstance(exc, StaffUnreachable | SignedOut):
                self.correction.show_problems(exc.problems, known_message(exc) or "")
                self.action_failed.emit(exc.code or "refused")
                if exc.status == 403:
                    self.identity = self.client.identity or self.identity
                    self.apply_role()
                return
            self.on_failure(exc)

        self.tasks.run_net(work, on_success=done, on_failure=failed, parent=self)

    # --- conflict ---------------------------------------------------------------------------

    def keep_result(self, versions: list[Version], picks: dict[str, Any], comment: str) -> None:
        if self._detail is None:
            return
        record_id = self._detail.id
        base = dict(versions[0].record)
        typed = {n: p[1] for n, p in picks.items() if isinstance(p, tuple)}
        chosen = {n: versions[p].record.get(n) for n, p in picks.items() if isinstance(p, int)}
        problems = check_correction(base, {**chosen, **typed}, self.reference,
                                    today=self._now().date())
        blocking = [p for p in problems if set(p.all_fields) & set(picks)]
        if blocking:
            lang: Lang = "vi" if current_language() == "vi" else "en"
            self.conflict.message.setText("\n".join(
                f"{field_label(p.field, lang)}: {p.message(lang)}" for p in blocking))
            return
        self.conflict.set_busy(True)

        def work(_ctx: TaskContext) -> ResolveOutcome:
            return self.client.resolve_fields(
                record_id, versions, picks, comment,
                note=lambda base, changes: correction_note(comment, base, changes,
                                                           self.reference))

        def done(_outcome: ResolveOutcome) -> None:
            self.conflict.set_busy(False)
            self.feedback.setText(self.tr("The conflict is resolved; every laptop holding the "
                                          "record receives the result at its next sync."))
            self.hide_banner()
            self.load_detail(record_id)
            self.resolved.emit(record_id)

        def failed(exc: BaseException) -> None:
            self.conflict.set_busy(False)
            if isinstance(exc, StaffError) and not isinstance(exc, StaffUnreachable | SignedOut):
                self.conflict.message.setText(known_message(exc) or "")
                self.action_failed.emit(exc.code or "refused")
                return
            self.on_failure(exc)

        self.tasks.run_net(work, on_success=done, on_failure=failed, parent=self)
