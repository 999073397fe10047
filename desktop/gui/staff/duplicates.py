"""The same resident across records: the ward server's proposed pairs, and a pair side by
side, field by field, with its score, level and reasons in words.

Staff decide: **Cùng một người** (the records become one resident), **Khác người** (never
proposed again) or, for one help recorded twice, **Lần nhập trùng** (one record leaves the
counts). Every decision has an undo (Hoàn tác) that asks the server to take it back. Team
leads read the pairs of their neighbourhood and decide nothing. Requests run on the network
worker of the background-work helper; when the server cannot be reached a banner says so.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.app.residents import (
    PairsClient,
    ProposalDecision,
    ProposalDetail,
    ProposalInfo,
    ProposalPageResponse,
)
from desktop.app.staff import Identity
from desktop.gui.errors import report_failure
from desktop.gui.i18n import current_language
from desktop.gui.staff.failures import staff_failure
from desktop.gui.staff.pairs_model import (
    Deliver,
    PairsModel,
    kind_label,
    level_label,
    state_label,
)
from desktop.gui.staff.values import SHOWN_FIELDS, show_value
from desktop.gui.tasks import TaskContext, TaskRunner
from desktop.gui.window_fit import fit_screen
from sync.contract.labels import Lang, field_label
from sync.contract.reference import ReferenceData

DIFFERS = QColor("#fff3cd")
# Fields that say nothing about the person or the help: not shown side by side.
HIDDEN = frozenset({"id", "device_id", "revision", "created_at", "updated_at", "ward_code",
                    "ward_name", "consent_at", "consent_notice_version", "status",
                    "neighbourhood_name"})
# The neighbourhood is shown by its code's name, where the record's own name of it would be.
ORDER = tuple("neighbourhood_code" if n == "neighbourhood_name" else n for n in SHOWN_FIELDS)


def _lang() -> Lang:
    return "vi" if current_language() == "vi" else "en"


class PairView(QWidget):
    """One pair side by side: a row per field, the fields that differ highlighted."""

    def __init__(self, reference: ReferenceData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reference = reference
        self.detail: ProposalDetail | None = None
        self.title = QLabel()
        self.title.setObjectName("pair_title")
        self.title.setWordWrap(True)
        self.reasons = QLabel()
        self.reasons.setObjectName("pair_reasons")
        self.reasons.setWordWrap(True)
        self.reasons.setTextFormat(Qt.TextFormat.PlainText)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("pair_fields")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.reasons)
        layout.addWidget(self.table, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [self.tr("Field"), self.tr("Record A"), self.tr("Record B")])
        if self.detail is not None:
            self.show_pair(self.detail)
        else:
            self.title.setText(self.tr("Choose a pair on the left to compare its two records."))
            self.reasons.clear()

    def clear(self) -> None:
        self.detail = None
        self.table.setRowCount(0)
        self.retranslate_ui()

    def show_pair(self, detail: ProposalDetail) -> None:
        self.detail = detail
        lang = _lang()
        pair = detail.proposal
        self.title.setText(
            self.tr("%1 · score %2 of 100 · %3 · %4")
            .replace("%1", kind_label(pair.kind)).replace("%2", str(pair.score))
            .replace("%3", level_label(pair.level)).replace("%4", state_label(pair.state)))
        self.title.setStyleSheet("font-weight: bold;")
        lines = []
        for reason in pair.reasons:
            # An agreeing CCCD decides by rule (no weight) and is the strongest reason of all.
            agrees = reason.weight > 0 or reason.code == "cccd_same"
            mark = "✔" if agrees else ("✘" if reason.weight < 0 else "•")
            lines.append(f"{mark} {reason.vi if lang == 'vi' else reason.en}")
        self.reasons.setText(self.tr("Why:") + "\n" + "\n".join(lines) if lines else "")
        a, b = detail.record_a, detail.record_b
        names = [n for n in ORDER if (n in a or n in b) and n not in HIDDEN]
        names += sorted((set(a) | set(b)) - set(names) - HIDDEN)
        names = [n for n in names if a.get(n) not in (None, "") or b.get(n) not in (None, "")]
        differing = set(detail.differing)
        self.table.setRowCount(len(names) + 1)
        bold = QFont(self.table.font())
        bold.setBold(True)
        ids = [self.tr("Record"), self._side_text(pair, "a"), self._side_text(pair, "b")]
        for column, text in enumerate(ids):
            self.table.setItem(0, column, QTableWidgetItem(text))
        for row, name in enumerate(names, start=1):
            title = field_label("neighbourhood_name" if name == "neighbourhood_code" else name,
                                lang)
            cells = [title, show_value(name, a.get(name), self.reference, lang),
                     show_value(name, b.get(name), self.reference, lang)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if name in differing:
                    item.setBackground(QBrush(DIFFERS))
                    item.setFont(bold)
                    item.setToolTip(self.tr("The two records differ here."))
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()

    def _side_text(self, pair: ProposalInfo, side: str) -> str:
        info = pair.a if side == "a" else pair.b
        text = info.record_id[:8]
        if info.excluded:
            text += " — " + self.tr("left out of counts")
        if info.resident_id != info.record_id:
            text += " — " + self.tr("linked")
        return text


class DuplicatesWindow(QWidget):
    """Signals:
        pair_shown(int): the selected pair's detail arrived.
        decided(int, str): the server stored a decision (proposal id, its new state).
        undone(int, str): the server took a decision back (proposal id, its state now).
        session_lost(str): the session ended; the staff window asks for the password.
        action_failed(str): a request failed ("unreachable", an error code, "bug").
    """

    pair_shown = Signal(int)
    decided = Signal(int, str)
    undone = Signal(int, str)
    session_lost = Signal(str)
    action_failed = Signal(str)

    def __init__(self, pairs: PairsClient, identity: Identity, tasks: TaskRunner,
                 reference: ReferenceData, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("duplicates_window")
        self.pairs = pairs
        self.identity = identity
        self.tasks = tasks
        self.reference = reference
        self._wanted: int | None = None
        self._build()
        self.retranslate_ui()
        self.apply_role()
        fit_screen(self)
        self.refresh()

    def _build(self) -> None:
        self.banner = QLabel()
        self.banner.setObjectName("pairs_banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #fdecea; color: #611a15; padding: 6px;")
        self.banner.hide()

        self.level_filter = QComboBox()
        self.level_filter.setObjectName("pairs_level_filter")
        self.kind_filter = QComboBox()
        self.kind_filter.setObjectName("pairs_kind_filter")
        self.state_filter = QComboBox()
        self.state_filter.setObjectName("pairs_state_filter")
        self.refresh_button = QPushButton()
        self.refresh_button.setObjectName("pairs_refresh")
        self.refresh_button.clicked.connect(self.refresh)
        self._filter_labels = [QLabel(), QLabel(), QLabel()]
        filters = QHBoxLayout()
        for label, combo in zip(self._filter_labels,
                                (self.level_filter, self.kind_filter, self.state_filter),
                                strict=True):
            filters.addWidget(label)
            filters.addWidget(combo)
        filters.addStretch(1)
        filters.addWidget(self.refresh_button)

        self.model = PairsModel(self._loader())
        self.model.rowsInserted.connect(self._update_count)
        self.model.modelReset.connect(self._update_count)
        self.list = QTableView()
        self.list.setObjectName("pairs_list")
        self.list.setModel(self.model)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.verticalHeader().hide()
        self.list.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((44, 84, 112, 182, 182)):
            self.list.setColumnWidth(column, width)
        self.list.selectionModel().selectionChanged.connect(self._selection_changed)
        self.count_label = QLabel()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.count_label)

        self.view = PairView(self.reference)
        self.same_button = QPushButton()
        self.same_button.setObjectName("pairs_same")
        self.same_button.clicked.connect(self.decide_same)
        self.different_button = QPushButton()
        self.different_button.setObjectName("pairs_different")
        self.different_button.clicked.connect(self.decide_different)
        self.double_button = QPushButton()
        self.double_button.setObjectName("pairs_double")
        self.double_button.clicked.connect(self.decide_double)
        self.exclude_which = QComboBox()
        self.exclude_which.setObjectName("pairs_exclude_which")
        self.exclude_which.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.undo_button = QPushButton()
        self.undo_button.setObjectName("pairs_undo")
        self.undo_button.clicked.connect(self.undo)
        self.feedback = QLabel()
        self.feedback.setObjectName("pairs_feedback")
        self.feedback.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.same_button)
        buttons.addWidget(self.different_button)
        buttons.addWidget(self.double_button)
        buttons.addWidget(self.exclude_which)
        buttons.addStretch(1)
        buttons.addWidget(self.undo_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.view, 1)
        right_layout.addLayout(buttons)
        right_layout.addWidget(self.feedback)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([730, 610])
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)
        QShortcut(QKeySequence.StandardKey.Refresh, self, self.refresh)
        self._fill_filters()
        for combo in (self.level_filter, self.kind_filter, self.state_filter):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self._update_buttons()

    def _fill_filters(self) -> None:
        combos = (self.level_filter, self.kind_filter, self.state_filter)
        blocked = [c.blockSignals(True) for c in combos]
        current = [c.currentIndex() for c in combos]
        self.level_filter.clear()
        self.level_filter.addItem(self.tr("Certain and likely"), ("certain", "likely"))
        self.level_filter.addItem(self.tr("All levels"), ())
        for level in ("certain", "likely", "possible"):
            self.level_filter.addItem(level_label(level), (level,))
        self.kind_filter.clear()
        self.kind_filter.addItem(self.tr("All kinds"), None)
        for kind in ("same_person", "double_entry"):
            self.kind_filter.addItem(kind_label(kind), kind)
        self.state_filter.clear()
        self.state_filter.addItem(state_label("open"), ("open",))
        self.state_filter.addItem(self.tr("Decided"), ("linked", "different", "excluded"))
        self.state_filter.addItem(self.tr("All"), ("open", "linked", "different", "excluded"))
        for combo, index, block in zip(combos, current, blocked, strict=True):
            combo.setCurrentIndex(max(0, index))
            combo.blockSignals(block)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Hỗ trợ số — the same resident across records"))
        self._filter_labels[0].setText(self.tr("Level:"))
        self._filter_labels[1].setText(self.tr("Kind:"))
        self._filter_labels[2].setText(self.tr("Show:"))
        self.refresh_button.setText(self.tr("&Refresh"))
        self.same_button.setText(self.tr("&Same person"))
        self.same_button.setToolTip(self.tr(
            "The two records are about one resident: they count as one person in the "
            "reports. Both records and their histories are kept; Undo separates them again."))
        self.different_button.setText(self.tr("&Different people"))
        self.different_button.setToolTip(self.tr(
            "Two different residents: this pair is never proposed again."))
        self.double_button.setText(self.tr("Double &entry"))
        self.double_button.setToolTip(self.tr(
            "The same help recorded twice (same person, same service, same day): the chosen "
            "record is left out of the counts."))
        self.undo_button.setText(self.tr("&Undo decision"))
        self._fill_filters()
        self._fill_exclude_which()
        self.view.retranslate_ui()
        self._update_count()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def apply_role(self) -> None:
        """Team leads read; staff and administrators decide."""
        allowed = self.identity.may_correct
        for widget in (self.same_button, self.different_button, self.double_button,
                       self.exclude_which, self.undo_button):
            widget.setVisible(allowed)
        self._update_buttons()

    # --- loading ------------------------------------------------------------------------------

    def _loader(self) -> Callable[[tuple[int, int] | None, int, Deliver], None]:
        def load(after: tuple[int, int] | None, limit: int, deliver: Deliver) -> None:
            levels = self.level_filter.currentData() or ()
            kind = self.kind_filter.currentData()
            states = self.state_filter.currentData() or ("open",)

            def work(_ctx: TaskContext) -> ProposalPageResponse:
                return self.pairs.list_pairs(states=states, levels=levels, kind=kind,
                                             limit=limit, after=after)

            def done(page: ProposalPageResponse) -> None:
                self.banner.hide()
                deliver(page)

            def failed(exc: BaseException) -> None:
                deliver(None)
                self.on_failure(exc)

            self.tasks.run_net(work, on_success=done, on_failure=failed, parent=self)

        return load

    def refresh(self) -> None:
        self.model.reset(self._loader())
        self.view.clear()
        self._update_buttons()
        self.model.fetchMore()

    def _update_count(self, *_args: Any) -> None:
        more = self.tr(" (scroll for more)") if self.model.has_more and self.model.rowCount() \
            else ""
        self.count_label.setText(
            self.tr("%1 pairs loaded").replace("%1", str(self.model.rowCount())) + more)

    def selected_pair(self) -> ProposalInfo | None:
        rows = self.list.selectionModel().selectedRows()
        return self.model.pair(rows[0].row()) if rows else None

    def select_row(self, row: int) -> None:
        self.list.selectRow(row)

    def _selection_changed(self, *_args: Any) -> None:
        pair = self.selected_pair()
        self.feedback.clear()
        if pair is None:
            self.view.clear()
            self._update_buttons()
            return
        self.load_pair(pair.id)

    def load_pair(self, proposal_id: int) -> None:
        self._wanted = proposal_id

        def work(_ctx: TaskContext) -> ProposalDetail:
            return self.pairs.get_pair(proposal_id)

        def done(detail: ProposalDetail) -> None:
            if self._wanted != proposal_id:
                return  # another pair was chosen meanwhile
            self.banner.hide()
            self.model.replace_pair(detail.proposal)
            self.view.show_pair(detail)
            self._fill_exclude_which()
            self._update_buttons()
            self.pair_shown.emit(proposal_id)

        self.tasks.run_net(work, on_success=done, on_failure=self.on_failure, parent=self)

    def _fill_exclude_which(self) -> None:
        """Which record a double entry leaves out: the one recorded later, unless chosen."""
        self.exclude_which.clear()
        detail = self.view.detail
        if detail is None:
            return
        pair = detail.proposal
        self.exclude_which.addItem(self.tr("leave out record A"), pair.a.record_id)
        self.exclude_which.addItem(self.tr("leave out record B"), pair.b.record_id)
        later_a = str(detail.record_a.get("created_at") or "") > str(
            detail.record_b.get("created_at") or "")
        self.exclude_which.setCurrentIndex(0 if later_a else 1)

    def _update_buttons(self) -> None:
        detail = self.view.detail
        pair = detail.proposal if detail is not None else None
        is_open = pair is not None and pair.state == "open"
        self.same_button.setEnabled(is_open)
        self.different_button.setEnabled(is_open)
        double = is_open and pair is not None and pair.kind == "double_entry"
        self.double_button.setEnabled(double)
        self.exclude_which.setEnabled(double)
        self.undo_button.setEnabled(pair is not None and pair.state != "open")

    # --- deciding -----------------------------------------------------------------------------

    def decide_same(self) -> None:
        self._decide(lambda pair: self.pairs.same_person(pair.id))

    def decide_different(self) -> None:
        self._decide(lambda pair: self.pairs.different_people(pair.id))

    def decide_double(self) -> None:
        record_id = self.exclude_which.currentData()
        if record_id is None:
            return
        self._decide(lambda pair: self.pairs.double_entry(pair.id, str(record_id)))

    def undo(self) -> None:
        self._decide(self.pairs.undo, undo=True)

    def _decide(self, action: Callable[[ProposalInfo], ProposalDecision], *,
                undo: bool = False) -> None:
        detail = self.view.detail
        if detail is None or not self.identity.may_correct:
            return
        pair = detail.proposal
        for button in (self.same_button, self.different_button, self.double_button,
                       self.undo_button):
            button.setEnabled(False)  # one request at a time: no double clicks

        def work(_ctx: TaskContext) -> ProposalDecision:
            return action(pair)

        def done(answer: ProposalDecision) -> None:
            self.banner.hide()
            now = answer.proposal or pair.model_copy(update={"state": "open"})
            self.feedback.setText(self._done_text(now, undo))
            (self.undone if undo else self.decided).emit(pair.id, now.state)
            self.load_pair(pair.id)

        def failed(exc: BaseException) -> None:
            self._update_buttons()
            self.on_failure(exc)

        self.tasks.run_net(work, on_success=done, on_failure=failed, parent=self)

    def _done_text(self, pair: ProposalInfo, undo: bool) -> str:
        if undo:
            return self.tr("Decision undone: the pair is to decide again.")
        return {
            "linked": self.tr("Saved: the same person. The two records now count as one "
                              "resident (Undo separates them)."),
            "different": self.tr("Saved: different people. This pair will not be proposed "
                                 "again (Undo takes that back)."),
            "excluded": self.tr("Saved: double entry. The chosen record is left out of the "
                                "counts (Undo counts it again)."),
        }.get(pair.state, state_label(pair.state))

    # --- failures -----------------------------------------------------------------------------

    def on_failure(self, exc: BaseException) -> bool:
        failure = staff_failure(exc)
        if failure is None:
            report_failure(self, exc)
            self.action_failed.emit("bug")
            return False
        self.action_failed.emit(failure.code)
        if failure.unreachable:
            self.banner.setText(failure.message)
            self.banner.show()
        elif failure.signed_out:
            self.session_lost.emit(failure.message)
        else:
            self.feedback.setText(failure.message)
        return True
