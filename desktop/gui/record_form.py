"""The entry form: one resident's assistance, every contract field, validated while typing.

The form talks to nobody: it turns what is typed into an :class:`AssistanceRecord`, runs the
contract's validation, shows each problem beside its field in the UI language, and emits
signals (``save_requested``, ``identity_changed``…) that the entry controller
(:mod:`desktop.gui.entry`) answers through the background-work helper. That keeps it testable
with no store at all.

It keeps no copy of the reference data: it asks its ``reference`` source each time it
validates or builds a record, and refills its lists when told new data is in force
(:meth:`RecordForm.reference_changed`), so a save never uses the data of yesterday.

Its states: a new record, an existing record being edited, and a record just saved with
"Lưu" (:attr:`RecordForm.viewing`): then the fields are locked and a banner says the record
is saved, with "Sửa phiếu này" and "Phiếu mới", so the next resident is never typed over the
previous one by mistake. A failed save lists its problems above the form and moves to the
first one.

Signals:
    save_requested(object, bool): a record to save, and whether to start the next one after.
    identity_changed(object): a :class:`IdentityKey` to look for duplicates of.
    open_record_requested(object): the UUID of an existing record (duplicate link).
    new_requested(): the volunteer asked for a new record ("Phiếu mới"; the controller asks
        first when there are unsaved edits).
    edited(): anything in the form changed (the autosave listens).

Its parts live beside it: :mod:`~desktop.gui.form_rows` (a field with its label and
message, the section boxes), :mod:`~desktop.gui.form_values` (widgets to record and
autosave snapshot, and back), :mod:`~desktop.gui.form_messages` (problems shown beside their
fields) and :mod:`~desktop.gui.form_duplicates` (the duplicate warning).
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.date_field import DATE_FORMAT_QT, DateField, qdate
from desktop.gui.form_duplicates import (
    DuplicateHint,
    IdentityKey,
    duplicate_text,
    identity_key,
)
from desktop.gui.form_messages import show_field_messages, unreadable_dates
from desktop.gui.form_rows import FieldRow, align_label_column, enum_combo, section, set_combo
from desktop.gui.form_values import (
    apply_snapshot,
    record_from_form,
    show_record,
    snapshot_of,
)
from desktop.gui.i18n import current_language, pick
from desktop.gui.procedure_picker import ProcedurePicker
from desktop.gui.wheel_guard import guard_wheel, open_calendar
from desktop.gui.window_fit import keep_wrapped_text_whole
from sync.contract.labels import field_label, label
from sync.contract.record import (
    GIVEN_CONSENT_METHODS,
    AssistanceRecord,
    Gender,
    OnlineLevel,
    Place,
    RecordStatus,
    Result,
)
from sync.contract.reference import ReferenceData
from sync.contract.validation import Problem, validate

LIVE_VALIDATION_DELAY_MS = 150
DUPLICATE_LOOKUP_DELAY_MS = 250

#: Where the form reads the reference data in force (the application layer's ``reference``).
ReferenceSource = Callable[[], ReferenceData]


@dataclass(frozen=True)
class FormProfile:
    """Who is entering records on this laptop (from the store's profile)."""

    device_id: str
    volunteer_name: str
    neighbourhood_code: str


class RecordForm(QWidget):
    """Entry and edit form for one record (see module docstring)."""

    save_requested = Signal(object, bool)
    identity_changed = Signal(object)
    open_record_requested = Signal(object)
    new_requested = Signal()
    edited = Signal()

    def __init__(self, reference: ReferenceSource, profile: FormProfile, *,
                 now: Callable[[], datetime], today: Callable[[], date],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("record_form")
        self._reference = reference
        self.profile = profile
        self._now = now
        self._today = today
        self._editing: AssistanceRecord | None = None
        self._meeting_id: uuid.UUID | None = None
        self._meeting_title = ""
        self._strict = False  # after a "save final" attempt, completeness is checked live too
        self._loading = False
        self._viewing = False  # a record just saved with "Lưu": locked until Sửa / Phiếu mới
        self._baseline: dict[str, Any] = {}  # the snapshot when the form was (re)filled
        self.problems: list[Problem] = []
        self._save_problems: list[Problem] = []  # of the last failed save, for the summary
        # Problems the store found that the form's own check did not (it judged by newer
        # reference data): shown until the next edit.
        self._store_problems: list[Problem] = []

        self._build_widgets()
        self._build_layout()
        self._connect()
        self.retranslate_ui()
        self.new_record(keep=False)

    @property
    def reference(self) -> ReferenceData:
        """The reference data in force now (asked each time, never kept)."""
        return self._reference()

    # --- construction -----------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.assisted_on = QDateEdit()
        self.assisted_on.setObjectName("assisted_on")
        self.assisted_on.setDisplayFormat(DATE_FORMAT_QT)
        self.assisted_on.setCalendarPopup(True)
        self.neighbourhood = enum_combo("neighbourhood_code")
        self.place = enum_combo("place")
        self.full_name = QLineEdit()
        self.full_name.setObjectName("full_name")
        self.birth = DateField(allow_year_only=True)
        self.birth.setObjectName("birth")
        self.gender = enum_combo("gender")
        self.cccd = QLineEdit()
        self.cccd.setObjectName("cccd")
        self.cccd.setMaxLength(15)
        self.cmnd = QLineEdit()
        self.cmnd.setObjectName("cmnd")
        self.cmnd.setMaxLength(12)
        self.phone = QLineEdit()
        self.phone.setObjectName("phone")
        self.phone.setMaxLength(20)
        self.address = QLineEdit()
        self.address.setObjectName("address")
        self.category = enum_combo("category")
        self.category_detail = QLineEdit()
        self.category_detail.setObjectName("category_detail")
        self.procedure = ProcedurePicker()
        self.procedure.setObjectName("procedure_code")
        self.online_level = enum_combo("online_level")
        self.dossier_code = QLineEdit()
        self.dossier_code.setObjectName("dossier_code")
        self.result = enum_combo("result")
        self.follow_up_date = DateField()
        self.follow_up_date.setObjectName("follow_up_date")
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(70)
        self.consent = QCheckBox()
        self.consent.setObjectName("consent")
        self.consent_notice = QLabel()
        self.consent_notice.setObjectName("consent_notice")
        self.consent_notice.setMargin(6)  # counted in its height (QSS padding is not)
        self.consent_notice.setWordWrap(True)
        self.consent_method = enum_combo("consent_method")

        self.rows: dict[str, FieldRow] = {}
        for name, widget in (
            ("assisted_on", self.assisted_on), ("neighbourhood_code", self.neighbourhood),
            ("place", self.place), ("full_name", self.full_name), ("birth_date", self.birth),
            ("gender", self.gender), ("cccd", self.cccd), ("cmnd", self.cmnd),
            ("phone", self.phone), ("address", self.address), ("category", self.category),
            ("category_detail", self.category_detail), ("procedure_code", self.procedure),
            ("online_level", self.online_level), ("dossier_code", self.dossier_code),
            ("result", self.result), ("follow_up_date", self.follow_up_date),
            ("reason", self.reason), ("notes", self.notes), ("consent", self.consent),
            ("consent_method", self.consent_method),
        ):
            self.rows[name] = FieldRow(name, widget)
        # Problems about the birth year land on the one birth field.
        self.rows["birth_year"] = self.rows["birth_date"]
        self.rows["neighbourhood_name"] = self.rows["neighbourhood_code"]

        self.header = QLabel()
        self.header.setObjectName("form_header")
        self.meeting_banner = QLabel()
        self.meeting_banner.setObjectName("meeting_banner")
        self.meeting_banner.setMargin(6)  # counted in its height (QSS padding is not)
        self.meeting_banner.setWordWrap(True)
        self.meeting_banner.hide()
        self.duplicate_banner = QLabel()
        self.duplicate_banner.setObjectName("duplicate_banner")
        self.duplicate_banner.setMargin(6)  # counted in its height (QSS padding is not)
        self.duplicate_banner.setWordWrap(True)
        self.duplicate_banner.setTextFormat(Qt.TextFormat.RichText)
        self.duplicate_banner.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.duplicate_banner.hide()
        self.notice_banner = QLabel()
        self.notice_banner.setObjectName("notice_banner")
        self.notice_banner.setMargin(6)  # counted in its height (QSS padding is not)
        self.notice_banner.setWordWrap(True)
        self.notice_banner.hide()
        self.attention_banner = QLabel()
        self.attention_banner.setObjectName("attention_banner")
        self.attention_banner.setMargin(6)  # counted in its height (QSS padding is not)
        self.attention_banner.setWordWrap(True)
        self.attention_banner.hide()
        # Above the scrolling fields, so it is seen wherever the form is scrolled to.
        self.problem_summary = QLabel()
        self.problem_summary.setObjectName("problem_summary")
        self.problem_summary.setMargin(6)  # counted in its height (QSS padding is not)
        self.problem_summary.setProperty("role", "error")
        self.problem_summary.setWordWrap(True)
        self.problem_summary.setTextFormat(Qt.TextFormat.RichText)
        self.problem_summary.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.problem_summary.hide()
        self.saved_banner = QFrame()
        self.saved_banner.setObjectName("saved_banner")
        self.saved_text = QLabel()
        self.saved_text.setObjectName("saved_text")
        self.saved_text.setWordWrap(True)
        self.edit_button = QPushButton()
        self.edit_button.setObjectName("edit_saved")
        self.new_after_save_button = QPushButton()
        self.new_after_save_button.setObjectName("new_after_save")
        saved_line = QHBoxLayout(self.saved_banner)
        saved_line.setContentsMargins(8, 6, 8, 6)
        saved_line.addWidget(self.saved_text, 1)
        saved_line.addWidget(self.edit_button)
        saved_line.addWidget(self.new_after_save_button)
        self.saved_banner.hide()

        self.save_button = QPushButton()
        self.save_button.setObjectName("save")
        self.save_next_button = QPushButton()
        self.save_next_button.setObjectName("save_next")
        self.save_draft_button = QPushButton()
        self.save_draft_button.setObjectName("save_draft")
        self.clear_button = QPushButton()
        self.clear_button.setObjectName("clear")

        self._validate_timer = QTimer(self)
        self._validate_timer.setSingleShot(True)
        self._validate_timer.setInterval(LIVE_VALIDATION_DELAY_MS)
        self._identity_timer = QTimer(self)
        self._identity_timer.setSingleShot(True)
        self._identity_timer.setInterval(DUPLICATE_LOOKUP_DELAY_MS)
        self._last_identity: IdentityKey | None = None

    def _align_label_column(self) -> None:
        align_label_column(row.label for name, row in self.rows.items()
                           if name not in ("birth_year", "neighbourhood_name", "consent"))

    def _build_layout(self) -> None:
        self.when_box, self.when_form = section(
            self.rows, ["assisted_on", "neighbourhood_code", "place"])
        self.person_box, self.person_form = section(
            self.rows, ["full_name", "birth_date", "gender", "cccd", "cmnd", "phone", "address"])
        self.help_box, self.help_form = section(
            self.rows,
            ["category", "category_detail", "procedure_code", "online_level", "dossier_code"])
        self.result_box, self.result_form = section(
            self.rows, ["result", "follow_up_date", "reason", "notes"])
        # The notice and the long checkbox text span the box (a checkbox cannot wrap).
        self.consent_box, self.consent_form = section(
            self.rows, ["consent_method"],
            head=[self.consent_notice, self.rows["consent"].cell])

        inner = self.fields = QWidget()
        inner.setObjectName("form_inner")
        # The panel's width is decided by the splitter; long texts wrap instead of widening it.
        inner.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        column = QVBoxLayout(inner)
        column.addWidget(self.header)
        column.addWidget(self.meeting_banner)
        column.addWidget(self.notice_banner)
        column.addWidget(self.attention_banner)
        column.addWidget(self.person_box)
        column.addWidget(self.duplicate_banner)
        column.addWidget(self.help_box)
        column.addWidget(self.result_box)
        column.addWidget(self.consent_box)
        column.addWidget(self.when_box)
        column.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(inner)
        keep_wrapped_text_whole(inner)  # the page as tall as its wrapped texts need
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumWidth(460)

        buttons = QHBoxLayout()
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_draft_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.save_next_button)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.saved_banner)
        outer.addWidget(self.problem_summary)
        outer.addWidget(self.scroll_area, 1)
        outer.addLayout(buttons)

        # Tab order follows what the volunteer asks the resident, top to bottom.
        chain: list[QWidget] = [
            self.full_name, self.birth, self.gender, self.cccd, self.cmnd, self.phone,
            self.address, self.category, self.category_detail, self.procedure.search,
            self.online_level, self.dossier_code, self.result, self.follow_up_date, self.reason,
            self.notes, self.consent, self.consent_method, self.assisted_on, self.neighbourhood,
            self.place, self.save_draft_button, self.save_button, self.save_next_button,
            self.clear_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        for widget in chain:
            if isinstance(widget, (QLineEdit, QComboBox, QCheckBox, QPushButton, QDateEdit)):
                widget.installEventFilter(self)
        guard_wheel([self.assisted_on, self.neighbourhood, self.place, self.gender,
                     self.category, self.online_level, self.result, self.consent_method])
        self.setFocusProxy(self.full_name)

    def _connect(self) -> None:
        for line in (self.full_name, self.birth, self.cccd, self.cmnd, self.phone, self.address,
                     self.category_detail, self.dossier_code, self.follow_up_date, self.reason):
            line.textChanged.connect(self._on_field_edited)
        for combo in (self.neighbourhood, self.place, self.gender, self.online_level,
                      self.result, self.consent_method):
            combo.currentIndexChanged.connect(self._on_field_edited)
        self.category.currentIndexChanged.connect(self._on_category_changed)
        self.result.currentIndexChanged.connect(self._update_visibility)
        self.consent.toggled.connect(self._on_consent_toggled)
        self.notes.textChanged.connect(self._on_field_edited)
        self.assisted_on.dateChanged.connect(self._on_field_edited)
        self.procedure.procedure_changed.connect(self._on_procedure_changed)
        self._validate_timer.timeout.connect(self.validate_now)
        self._identity_timer.timeout.connect(self._emit_identity)
        self.save_button.clicked.connect(lambda: self.request_save(final=True, next_after=False))
        self.save_next_button.clicked.connect(
            lambda: self.request_save(final=True, next_after=True))
        self.save_draft_button.clicked.connect(
            lambda: self.request_save(final=False, next_after=False))
        self.clear_button.clicked.connect(self.new_requested)
        self.new_after_save_button.clicked.connect(self.new_requested)
        self.edit_button.clicked.connect(self.edit_saved)
        self.duplicate_banner.linkActivated.connect(self._on_duplicate_link)
        self.problem_summary.linkActivated.connect(self._on_problem_link)

    # --- language ---------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        lang = current_language()
        self._loading = True
        try:
            for name, row in self.rows.items():
                if name in ("birth_year", "neighbourhood_name"):
                    continue
                row.label.setText(field_label(name, "vi" if lang == "vi" else "en"))
            self.rows["birth_date"].label.setText(self.tr("Date or year of birth"))
            self.rows["consent"].label.setText("")
            self.birth.setToolTip(self.tr("dd/mm/yyyy, or only the year (yyyy)"))
            self.cccd.setPlaceholderText(self.tr("12 digits"))
            self.cmnd.setPlaceholderText(self.tr("9 digits (old card)"))
            self.phone.setPlaceholderText(self.tr("e.g. 0912 345 678"))
            self.procedure.search.setPlaceholderText(
                self.tr("Type to search: code or name, accents optional"))
            self._fill_combos(lang)
            self.when_box.setTitle(self.tr("When and where"))
            self.person_box.setTitle(self.tr("The resident"))
            self.help_box.setTitle(self.tr("Help given"))
            self.result_box.setTitle(self.tr("Result"))
            self.consent_box.setTitle(self.tr("Consent"))
            self.consent.setText(self.tr("The resident agrees, after hearing the notice above"))
            self.consent_notice.setText(self.reference.consent.text(lang))
            self.save_button.setText(self.tr("&Save"))
            self.save_button.setToolTip(self.tr("Save as final (Ctrl+S)"))
            self.save_next_button.setText(self.tr("Save && &next"))
            self.save_next_button.setToolTip(
                self.tr("Save, then start the next resident with the same neighbourhood, "
                        "help and meeting (Ctrl+Enter)"))
            self.save_draft_button.setText(self.tr("Save &draft"))
            self.save_draft_button.setToolTip(
                self.tr("Save what is there now, even if incomplete (Ctrl+Shift+S)"))
            self.clear_button.setText(self.tr("&New record"))
            self.clear_button.setToolTip(self.tr("Start an empty record (Ctrl+N)"))
            self.edit_button.setText(self.tr("&Edit this record"))
            self.new_after_save_button.setText(self.tr("&New record"))
            self._update_saved_banner()
            self._update_header()
            self._update_meeting_banner()
            self._align_label_column()
        finally:
            self._loading = False
        if self.problems:
            self._show_problems(self.problems)
        if self._save_problems:
            self._show_summary(self._save_problems)

    def reference_changed(self) -> None:
        """New reference data is in force: refill the lists and judge the form by it."""
        self._loading = True
        try:
            self._fill_combos(current_language())
            self.consent_notice.setText(self.reference.consent.text(current_language()))
        finally:
            self._loading = False
        self._update_visibility()
        if not self._viewing and not self.is_blank():
            self.validate_now()

    def _fill_combos(self, lang: str) -> None:
        def refill(combo: QComboBox, items: list[tuple[str, Any]], blank: bool) -> None:
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            if blank:
                combo.addItem("", None)
            for text, data in items:
                combo.addItem(text, data)
            index = combo.findData(current)
            combo.setCurrentIndex(index if index >= 0 else 0)
            combo.blockSignals(False)

        en: Any = "en" if lang == "en" else "vi"

        def members(enum_cls: type[Enum]) -> list[tuple[str, Any]]:
            return [(label(m, en), m) for m in enum_cls]

        today = self._today()
        refill(self.neighbourhood,
               [(n.name, n.code) for n in self.reference.current_neighbourhoods(today)], False)
        refill(self.place, members(Place), True)
        refill(self.gender, members(Gender), True)
        refill(self.online_level, members(OnlineLevel), True)
        refill(self.result, members(Result), True)
        # Only the ways of giving consent: "withdrawn" is set by the withdrawal, never chosen.
        refill(self.consent_method,
               [(label(m, en), m) for m in GIVEN_CONSENT_METHODS], False)
        refill(self.category,
               [(c.name(lang), c.code) for c in self.reference.categories.values()], True)
        self.procedure.set_procedures(self.reference.procedures.values(), lang)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # --- keyboard ---------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QDateEdit) and isinstance(event, QKeyEvent) \
                and event.type() == QEvent.Type.KeyPress and (
                    event.key() == Qt.Key.Key_F4 or (
                        event.key() == Qt.Key.Key_Down
                        and event.modifiers() & Qt.KeyboardModifier.AltModifier)):
            open_calendar(watched)  # as a combo box opens its list
            return True
        if isinstance(watched, QDateEdit) and isinstance(event, QKeyEvent) \
                and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            # QDateEdit uses Tab to step through day/month/year; in a form Tab must move on.
            self.focusNextPrevChild(event.key() == Qt.Key.Key_Tab)
            return True
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and not event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                             | Qt.KeyboardModifier.AltModifier):
            if isinstance(watched, QPushButton):
                watched.click()
                return True
            if isinstance(watched, QCheckBox):
                watched.toggle()
                return True
            if isinstance(watched, (QLineEdit, QComboBox, QDateEdit)):
                # Enter moves on, as on paper forms and in spreadsheets.
                self.focusNextChild()
                return True
        return super().eventFilter(watched, event)

    # --- state ------------------------------------------------------------------------------

    @property
    def editing(self) -> AssistanceRecord | None:
        return self._editing

    def set_meeting(self, meeting_id: uuid.UUID | None, title: str = "") -> None:
        untouched = not self.is_dirty()
        self._meeting_id = meeting_id
        self._meeting_title = title
        if meeting_id is not None and self._editing is None:
            set_combo(self.place, Place.MEETING)
        if untouched:
            self._baseline = self.snapshot()
        self._update_meeting_banner()

    def new_record(self, *, keep: bool) -> None:
        """Empty the form; with ``keep``, neighbourhood, category, place and date stay."""
        kept = (self.neighbourhood.currentData(), self.category.currentData(),
                self.place.currentData(), self.assisted_on.date()) if keep else None
        self._loading = True
        try:
            self._editing = None
            self._strict = False
            for line in (self.full_name, self.birth, self.cccd, self.cmnd, self.phone,
                         self.address, self.category_detail, self.dossier_code,
                         self.follow_up_date, self.reason):
                line.clear()
            self.notes.clear()
            for combo in (self.gender, self.online_level, self.result, self.category,
                          self.place):
                combo.setCurrentIndex(0)
            self.consent_method.setCurrentIndex(0)
            self.consent.setChecked(False)
            self.procedure.set_code(None)
            set_combo(self.neighbourhood, self.profile.neighbourhood_code)
            self.assisted_on.setDate(qdate(self._today()))
            if self._meeting_id is not None:
                set_combo(self.place, Place.MEETING)
            if kept is not None:
                set_combo(self.neighbourhood, kept[0])
                set_combo(self.category, kept[1])
                set_combo(self.place, kept[2])
                self.assisted_on.setDate(kept[3])
            self.notice_banner.hide()
            self.attention_banner.hide()
        finally:
            self._loading = False
        self._set_viewing(False)
        self._last_identity = None
        self.show_duplicates([])
        self._show_problems([])
        self._show_summary([])
        self._update_visibility()
        self._update_header()
        self._baseline = self.snapshot()
        self.go_to_top()

    def load_record(self, record: AssistanceRecord) -> None:
        """Show an existing record for editing (the top of the form, the name field)."""
        self.new_record(keep=False)
        self._loading = True
        try:
            self._editing = record
            show_record(self, record)
        finally:
            self._loading = False
        self._update_visibility()
        self._update_header()
        self.validate_now()
        self._baseline = self.snapshot()
        self.go_to_top()

    def go_to_top(self) -> None:
        """Scroll to the top and put the cursor in the first field (the resident's name)."""
        self.scroll_area.verticalScrollBar().setValue(0)
        if not self._viewing:
            self.full_name.setFocus()
        self.scroll_area.ensureWidgetVisible(self.full_name)

    # --- the "saved" state ------------------------------------------------------------------

    @property
    def viewing(self) -> bool:
        """True while a record just saved with "Lưu" is shown, locked (see module docstring)."""
        return self._viewing

    def _set_viewing(self, viewing: bool) -> None:
        self._viewing = viewing
        self.fields.setEnabled(not viewing)
        for button in (self.save_button, self.save_next_button, self.save_draft_button):
            button.setEnabled(not viewing)
        self.saved_banner.setVisible(viewing)
        self._update_saved_banner()
        self._update_header()

    def _update_saved_banner(self) -> None:
        if not self._viewing or self._editing is None:
            return
        name = self._editing.full_name or self.tr("no name")
        self.saved_text.setText(self.tr(
            "Saved: {name}. To enter the next resident press New record (Ctrl+N); to change "
            "this record press Edit.").format(name=name))

    def edit_saved(self) -> None:
        """Unlock the saved record shown ("Sửa phiếu này")."""
        if not self._viewing:
            return
        self._set_viewing(False)
        self.go_to_top()

    # --- unsaved edits ----------------------------------------------------------------------

    def is_dirty(self) -> bool:
        """Edits not saved yet: the fields differ from when the form was (re)filled."""
        return not self._viewing and self.snapshot() != self._baseline

    def _update_header(self) -> None:
        if self._editing is None:
            self.header.setText(self.tr("New record"))
        elif self._viewing:
            self.header.setText(self.tr("Saved: {name}").format(
                name=self._editing.full_name or self.tr("no name")))
        else:
            status = label(self._editing.status, "vi" if current_language() == "vi" else "en")
            self.header.setText(self.tr("Editing: {name} ({status})").format(
                name=self._editing.full_name or self.tr("no name"), status=status))

    def _update_meeting_banner(self) -> None:
        if self._meeting_id is None:
            self.meeting_banner.hide()
            return
        self.meeting_banner.setText(
            self.tr("Meeting in progress: {title}. New records belong to it.").format(
                title=self._meeting_title))
        self.meeting_banner.show()

    def show_attention(self, text: str) -> None:
        """The ward's message about the record being edited (rejected, conflict, review)."""
        self.attention_banner.setText(text)
        self.attention_banner.setVisible(bool(text))

    def stop_timers(self) -> None:
        """The window is closing: no delayed validation or duplicate lookup after that."""
        self._validate_timer.stop()
        self._identity_timer.stop()

    def set_profile(self, profile: FormProfile) -> None:
        """The volunteer's profile changed in Settings: new records use the new one."""
        self.profile = profile

    def show_notice(self, text: str) -> None:
        self.notice_banner.setText(text)
        self.notice_banner.setVisible(bool(text))

    # --- reacting to edits ------------------------------------------------------------------

    def _on_field_edited(self) -> None:
        if self._loading:
            return
        self._store_problems = []
        self._validate_timer.start()
        self._identity_timer.start()
        self.edited.emit()

    def _on_category_changed(self) -> None:
        self._update_visibility()
        self._on_field_edited()

    def _on_procedure_changed(self, _code: str) -> None:
        self._on_field_edited()

    def _on_consent_toggled(self, checked: bool) -> None:
        self.consent_method.setEnabled(checked)
        self._on_field_edited()

    def _update_visibility(self) -> None:
        code = self.category.currentData()
        category = self.reference.categories.get(code) if code else None
        requires = category.requires if category else ()
        needs_procedure = "procedure" in requires
        result = self.result.currentData()
        self.help_form.setRowVisible(self.rows["category_detail"].cell, "detail" in requires)
        for name in ("procedure_code", "online_level", "dossier_code"):
            self.help_form.setRowVisible(self.rows[name].cell, needs_procedure)
        self.result_form.setRowVisible(self.rows["follow_up_date"].cell,
                                       result == Result.FOLLOW_UP)
        self.result_form.setRowVisible(self.rows["reason"].cell,
                                       result in (Result.NOT_POSSIBLE, Result.DECLINED))
        self.consent_method.setEnabled(self.consent.isChecked())

    # --- building and validating ------------------------------------------------------------

    def _form_problems(self) -> list[Problem]:
        """Problems the contract cannot see because the text never became a value."""
        return unreadable_dates(self.birth.parsed(), self.follow_up_date.parsed())

    def build_record(self, status: RecordStatus) -> AssistanceRecord:
        """The record the form shows now (values the form cannot read are left empty)."""
        return record_from_form(self, status, base=self._editing, meeting_id=self._meeting_id,
                                now=self._now())

    def current_problems(self, status: RecordStatus) -> list[Problem]:
        record = self.build_record(status)
        return self._form_problems() + validate(record, self.reference, today=self._today())

    def validate_now(self) -> list[Problem]:
        self._validate_timer.stop()
        status = RecordStatus.FINAL if self._strict else RecordStatus.DRAFT
        problems = self.current_problems(status) + self._store_problems
        self._show_problems(problems)
        return problems

    def _show_problems(self, problems: list[Problem]) -> None:
        self.problems = problems
        show_field_messages(self.rows, problems)

    def request_save(self, *, final: bool, next_after: bool) -> bool:
        """Validate and, when acceptable, emit ``save_requested`` (True when it did).

        A draft is saved whatever its completeness; a value the form cannot read (a date like
        31/02/2000) still blocks it, because it would be silently lost otherwise. A blocked
        save lists its problems above the form and moves to the first one.
        """
        if self._viewing:
            return False  # nothing typed since the save
        status = RecordStatus.FINAL if final else RecordStatus.DRAFT
        if final:
            self._strict = True
        problems = self.current_problems(status)
        self._show_problems(problems)
        blocking = [p for p in problems if p.severity == "error"] if final \
            else self._form_problems()
        if blocking:
            self.show_save_problems(blocking)
            return False
        self._show_summary([])
        self.save_requested.emit(self.build_record(status), next_after)
        return True

    def show_save_problems(self, problems: list[Problem]) -> None:
        """A save that did not happen: each problem beside its field, a summary above the
        form, and the cursor on the first one. Also for problems the store found (reference
        data newer than the form's last check): shown, never retried by itself."""
        self._strict = True
        self._validate_timer.stop()
        self._store_problems = [p for p in problems if p not in self.problems]
        self._show_problems(list(problems) + [p for p in self.problems if p not in problems])
        self._show_summary(problems)
        first = next((self.rows[p.field] for p in problems if p.field in self.rows), None)
        if first is not None:
            self._reveal(first.widget)

    def _show_summary(self, problems: list[Problem]) -> None:
        self._save_problems = problems
        if not problems:
            self.problem_summary.hide()
            self.problem_summary.clear()
            return
        lines = []
        lang: Any = "vi" if current_language() == "vi" else "en"
        for problem in problems:
            row = self.rows.get(problem.field)
            name = (row.label.text() if row is not None else "") \
                or field_label(problem.field, lang)
            lines.append(f"• <a href=\"{_html(problem.field)}\">{_html(name)}</a>: "
                         f"{_html(pick(problem.message_vi, problem.message_en))}")
        title = self.tr("Not saved yet: %n thing(s) to fix.", "", len(problems))
        self.problem_summary.setText(f"<b>{_html(title)}</b><br>" + "<br>".join(lines))
        self.problem_summary.show()

    def _on_problem_link(self, field_name: str) -> None:
        row = self.rows.get(field_name)
        if row is not None:
            self._reveal(row.widget)

    def _reveal(self, widget: QWidget) -> None:
        self.scroll_area.ensureWidgetVisible(widget)
        widget.setFocus()

    def saved(self, record: AssistanceRecord, *, next_after: bool) -> None:
        """The store has the record: start the next one (Lưu & nhập tiếp), or show this one
        saved and locked (Lưu) until the volunteer chooses Sửa or Phiếu mới."""
        if next_after:
            self.new_record(keep=True)
            return
        self.load_record(record)
        self._set_viewing(True)
        self.new_after_save_button.setFocus()

    # --- duplicates -------------------------------------------------------------------------

    def identity(self) -> IdentityKey:
        return identity_key(cccd_text=self.cccd.text(), name_text=self.full_name.text(),
                            birth=self.birth.parsed(),
                            exclude_id=self._editing.id if self._editing else None)

    def _emit_identity(self) -> None:
        key = self.identity()
        if key == self._last_identity:
            return
        self._last_identity = key
        if not key.searchable:
            self.show_duplicates([])
            return
        self.identity_changed.emit(key)

    def show_duplicates(self, hints: list[DuplicateHint]) -> None:
        if not hints:
            self.duplicate_banner.hide()
            self.duplicate_banner.clear()
            return
        self.duplicate_banner.setText(duplicate_text(hints[0]))
        self.duplicate_banner.show()

    def _on_duplicate_link(self, href: str) -> None:
        self.open_record_requested.emit(uuid.UUID(href))

    # --- autosave ---------------------------------------------------------------------------

    def snapshot(self) -> dict[str, Any]:
        """Everything typed, as plain JSON-able values (for the autosave file)."""
        return snapshot_of(self, self._editing.id if self._editing else None)

    def is_blank(self) -> bool:
        snap = self.snapshot()
        return not any(snap[k] for k in ("full_name", "birth", "cccd", "cmnd", "phone",
                                         "address", "notes", "dossier_code", "reason"))

    def restore_snapshot(self, snap: dict[str, Any]) -> None:
        """Put an autosaved snapshot back (a new record; an edit is restored as new text)."""
        self.new_record(keep=False)
        self._loading = True
        try:
            apply_snapshot(self, snap)
        finally:
            self._loading = False
        self._update_visibility()
        self.validate_now()



def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") \
        .replace('"', "&quot;")
