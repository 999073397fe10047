"""A conflict (two versions made from the same base on different laptops) side by side:
author and time over each, the differing fields highlighted, and a choice per field — this
version, that one, or a value typed here. No hashes: people pick by content."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.app.staff import Version
from desktop.gui.i18n import current_language
from desktop.gui.staff.detail import author
from desktop.gui.staff.values import (
    SHOWN_FIELDS,
    differing_fields,
    edit_text,
    parse_input,
    show_time,
    show_value,
)
from sync.contract.labels import Lang, field_label
from sync.contract.reference import ReferenceData

translate = QCoreApplication.translate
DIFFERENT = QColor("#ffe0cc")
TYPED = 2


def _lang() -> Lang:
    return "vi" if current_language() == "vi" else "en"


class ConflictView(QWidget):
    """``keep_requested(versions, picks, comment)``: picks maps a field to the index of the
    version it comes from or to ``("typed", value)``."""

    keep_requested = Signal(list, dict, str)

    def __init__(self, reference: ReferenceData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._reference = reference
        self._versions: list[Version] = []
        self._fields: list[str] = []
        self._groups: dict[str, QButtonGroup] = {}
        self.typed: dict[str, QLineEdit] = {}
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.all_fields = QCheckBox()
        self.all_fields.toggled.connect(lambda _on: self._rebuild())
        self.table = QTableWidget()
        self.table.setObjectName("staff_conflict")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.comment = QPlainTextEdit()
        self.comment.setObjectName("conflict_comment")
        self.comment.setMaximumHeight(60)
        self.message = QLabel()
        self.message.setObjectName("conflict_message")
        self.message.setWordWrap(True)
        self.keep_button = QPushButton()
        self.keep_button.setObjectName("conflict_keep")
        self.keep_button.clicked.connect(self.submit)
        self.comment_label = QLabel()
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.keep_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.intro)
        layout.addWidget(self.all_fields)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.comment_label)
        layout.addWidget(self.comment)
        layout.addLayout(bottom)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.intro.setText(self.tr(
            "Two laptops changed this record from the same version. Pick, for each field "
            "that differs, which value is right (or type it), then keep the result: it "
            "reaches every laptop holding the record."))
        self.all_fields.setText(self.tr("Show the fields that agree too"))
        self.comment_label.setText(self.tr("Comment for the volunteers (optional):"))
        self.keep_button.setText(self.tr("&Keep this result"))
        if self._versions:
            self._rebuild()

    def clear(self) -> None:
        self._versions = []
        self.table.clear()
        self.table.setRowCount(0)
        self.message.clear()

    def show_versions(self, versions: list[Version]) -> None:
        """``versions``: the head first, then the version kept beside it."""
        self._versions = list(versions[:2])
        self.message.clear()
        self._rebuild()

    def _rebuild(self) -> None:
        if len(self._versions) < 2:
            return
        lang = _lang()
        a, b = self._versions
        previous = {name: self._pick(name) for name in self._fields}
        previous_typed = {name: edit.text() for name, edit in self.typed.items()}
        differing = differing_fields(a.record, b.record)
        if self.all_fields.isChecked():
            self._fields = [n for n in SHOWN_FIELDS if n in a.record or n in b.record]
        else:
            self._fields = differing
        self.table.clear()
        self.table.setColumnCount(3)
        self.table.setRowCount(len(self._fields))
        title_a, title_b = self.tr("Version A"), self.tr("Version B")
        self.table.setHorizontalHeaderLabels([
            f"{title_a}\n{author(a, lines=True)}\n{show_time(a.received_at)}",
            f"{title_b}\n{author(b, lines=True)}\n{show_time(b.received_at)}",
            self.tr("Or type the right value"),
        ])
        self.table.setVerticalHeaderLabels([field_label(n, lang) for n in self._fields])
        self._groups, self.typed = {}, {}
        for row, name in enumerate(self._fields):
            group = QButtonGroup(self.table)
            self._groups[name] = group
            for col, version in enumerate((a, b)):
                radio = QRadioButton(show_value(name, version.record.get(name),
                                                self._reference, lang))
                radio.setObjectName(f"pick_{name}_{col}")
                radio.setToolTip(radio.text())
                group.addButton(radio, col)
                self.table.setCellWidget(row, col, radio)
                item = QTableWidgetItem()
                if name in differing:
                    item.setBackground(QBrush(DIFFERENT))
                self.table.setItem(row, col, item)
            cell = QWidget()
            box = QHBoxLayout(cell)
            box.setContentsMargins(4, 0, 4, 0)
            radio = QRadioButton()
            radio.setObjectName(f"pick_{name}_typed")
            group.addButton(radio, TYPED)
            edit = QLineEdit(previous_typed.get(name, edit_text(name, a.record.get(name))))
            edit.setObjectName(f"typed_{name}")
            edit.textEdited.connect(lambda _t, r=radio: r.setChecked(True))
            box.addWidget(radio)
            box.addWidget(edit, 1)
            self.typed[name] = edit
            self.table.setCellWidget(row, TYPED, cell)
            kept = previous.get(name)
            chosen = TYPED if isinstance(kept, tuple) else kept if isinstance(kept, int) else 0
            button = group.button(chosen)
            if button is not None:
                button.setChecked(True)
        header = self.table.horizontalHeader()
        # Three equal columns that fit the pane: the typed value must stay in sight.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        if not differing:
            self.message.setText(self.tr("The two versions hold the same values; keeping the "
                                         "result clears the conflict."))

    def _pick(self, name: str) -> int | tuple[str, Any]:
        group = self._groups.get(name)
        chosen = group.checkedId() if group is not None else 0
        if chosen == TYPED:
            return ("typed", parse_input(name, self.typed[name].text()))
        return max(0, chosen)

    def pick(self, name: str, choice: int) -> None:
        """Choose version ``choice`` (0, 1) or the typed value (2) for ``name``."""
        button = self._groups[name].button(choice)
        button.setChecked(True)

    def picks(self) -> dict[str, int | tuple[str, Any]]:
        return {name: self._pick(name) for name in self._fields}

    def set_busy(self, busy: bool) -> None:
        self.keep_button.setEnabled(not busy)

    def submit(self) -> None:
        if len(self._versions) < 2:
            return
        self.keep_requested.emit(self._versions, self.picks(),
                                 self.comment.toPlainText().strip())
