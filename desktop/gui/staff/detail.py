"""A record's detail in staff mode: every version side by side with a field-by-field diff,
and the correction form."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.app.staff import FieldProblem, RecordSummary, Version, check_correction
from desktop.gui.i18n import current_language, pick
from desktop.gui.staff.values import (
    EDITABLE_FIELDS,
    SHOWN_FIELDS,
    describe_changes,
    differing_fields,
    edit_text,
    parse_input,
    show_time,
    show_value,
)
from sync.contract.labels import Lang, field_label
from sync.contract.reference import ReferenceData
from sync.contract.validation import Problem

translate = QCoreApplication.translate
CHANGED = QColor("#fff1b8")


def _lang() -> Lang:
    return "vi" if current_language() == "vi" else "en"


def author(version: Version, *, lines: bool = False) -> str:
    """Who made a version, in words: the ward, or the volunteer and their device
    (``lines``: on two lines, for a column header)."""
    if version.by_ward:
        return translate("StaffDetail", "the ward (phường)")
    name = str(version.record.get("volunteer_name") or "")
    device = (version.device_id or "")[:6]
    text = translate("StaffDetail", "%1 (device %2)").replace("%2", device)
    return text.replace("%1 ", name + "\n") if lines else text.replace("%1", name)


def version_title(version: Version, number: int) -> str:
    title = translate("StaffDetail", "Version %1").replace("%1", str(number))
    if version.outcome == "conflict":
        title += " " + translate("StaffDetail", "(conflict)")
    return f"{title}\n{author(version, lines=True)}\n{show_time(version.received_at)}"


class VersionsView(QWidget):
    """Every stored version in order, one column each; a cell that differs from the
    previous version is highlighted and says what it was."""

    def __init__(self, reference: ReferenceData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._reference = reference
        self.table = QTableWidget()
        self.table.setObjectName("staff_versions")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.changes = QPlainTextEdit()
        self.changes.setObjectName("staff_version_changes")
        self.changes.setReadOnly(True)
        self.changes.setMaximumHeight(120)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.changes)

    def clear(self) -> None:
        self.table.clear()
        self.table.setRowCount(0)
        self.table.setColumnCount(0)
        self.changes.clear()

    def show_summary(self, summary: RecordSummary) -> None:
        lang = _lang()
        versions = list(summary.versions)
        names = [n for n in SHOWN_FIELDS if any(n in v.record for v in versions)]
        self.table.clear()
        self.table.setColumnCount(len(versions))
        self.table.setRowCount(len(names))
        self.table.setVerticalHeaderLabels([field_label(n, lang) for n in names])
        self.table.setHorizontalHeaderLabels(
            [version_title(v, i + 1) for i, v in enumerate(versions)])
        bold = QFont()
        bold.setBold(True)
        lines: list[str] = []
        for col, version in enumerate(versions):
            # A version is compared with the one it was made from (a conflict's base is not
            # the column before it), else with the one before it.
            bases = [v for v in versions[:col] if v.revision == version.base_revision]
            before = (bases[-1].record if bases else versions[col - 1].record) if col else None
            changed = set(differing_fields(before, version.record)) if before else set()
            for row, name in enumerate(names):
                item = QTableWidgetItem(show_value(name, version.record.get(name),
                                                   self._reference, lang))
                if name in changed and before is not None:
                    item.setBackground(QBrush(CHANGED))
                    item.setFont(bold)
                    item.setToolTip(translate("StaffDetail", "Before: %1").replace(
                        "%1", show_value(name, before.get(name), self._reference, lang)))
                self.table.setItem(row, col, item)
            if before is not None:
                what = describe_changes(before, version.record, self._reference, lang)
                head = translate("StaffDetail", "Version %1 — %2, %3:").replace(
                    "%1", str(col + 1)).replace("%2", author(version)).replace(
                    "%3", show_time(version.received_at))
                lines.append(head)
                lines += [f"  • {line}" for line in what] or [
                    "  • " + translate("StaffDetail", "no change to the fields shown")]
        self.table.resizeColumnsToContents()
        for col in range(self.table.columnCount()):
            self.table.setColumnWidth(col, min(self.table.columnWidth(col), 230))
        self.table.resizeRowsToContents()
        self.changes.setPlainText("\n".join(lines) if lines else translate(
            "StaffDetail", "Only one version: nothing has changed since the record arrived."))


class CorrectionForm(QWidget):
    """Edit fields of the record's current version, with a required comment.

    ``send_requested(changes, comment)`` is emitted only when the contract's validation
    finds nothing wrong with the changed fields; the window sends it and calls
    :meth:`show_problems` with the server's per-field answer, or :meth:`sent`.
    Nothing typed is cleared on a failure.
    """

    send_requested = Signal(dict, str)

    def __init__(self, reference: ReferenceData, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._reference = reference
        self._today = today
        self._current: dict[str, Any] = {}
        self.editors: dict[str, QLineEdit | QComboBox] = {}
        self.problem_labels: dict[str, QLabel] = {}
        form = QFormLayout()
        self._row_labels: dict[str, QLabel] = {}
        for name in EDITABLE_FIELDS:
            editor: QLineEdit | QComboBox = (
                QComboBox() if name in ("category", "result") else QLineEdit())
            editor.setObjectName(f"correct_{name}")
            problem = QLabel()
            problem.setObjectName(f"correct_problem_{name}")
            problem.setStyleSheet("color: #b00020;")
            problem.setWordWrap(True)
            problem.hide()
            box = QVBoxLayout()
            box.setSpacing(0)
            box.addWidget(editor)
            box.addWidget(problem)
            label = QLabel()
            label.setBuddy(editor)
            self._row_labels[name] = label
            form.addRow(label, box)
            self.editors[name] = editor
            self.problem_labels[name] = problem
        self.comment = QPlainTextEdit()
        self.comment.setObjectName("correct_comment")
        self.comment.setMaximumHeight(70)
        self.comment_label = QLabel()
        form.addRow(self.comment_label, self.comment)
        self.message = QLabel()
        self.message.setObjectName("correct_message")
        self.message.setWordWrap(True)
        self.send_button = QPushButton()
        self.send_button.setObjectName("correct_send")
        self.send_button.clicked.connect(self.submit)
        inner = QWidget()
        inner.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        lang = _lang()
        for name, label in self._row_labels.items():
            label.setText(field_label(name, lang) + ":")
        self.comment_label.setText(self.tr("Comment (required):"))
        self.comment.setPlaceholderText(self.tr("Why the ward changes this; the volunteer "
                                                "sees it on their laptop"))
        self.send_button.setText(self.tr("Save the &correction"))
        self._fill_choices()

    def _fill_choices(self) -> None:
        from sync.contract.labels import label
        from sync.contract.record import Result

        lang = _lang()
        category = self.editors["category"]
        result = self.editors["result"]
        assert isinstance(category, QComboBox) and isinstance(result, QComboBox)
        keep_c, keep_r = category.currentData(), result.currentData()
        category.clear()
        category.addItem("—", None)
        for code, cat in self._reference.categories.items():
            category.addItem(cat.name(lang), code)
        result.clear()
        result.addItem("—", None)
        for member in Result:
            result.addItem(label(member, lang), member.value)
        category.setCurrentIndex(max(0, category.findData(keep_c)))
        result.setCurrentIndex(max(0, result.findData(keep_r)))

    def load(self, record: dict[str, Any], *, keep_typed: bool = False) -> None:
        """Show ``record`` (the current version). ``keep_typed``: a refresh keeps what the
        person typed in fields they changed."""
        typed = self.changes() if keep_typed else {}
        self._current = dict(record)
        for name, editor in self.editors.items():
            value = typed.get(name, record.get(name))
            if isinstance(editor, QComboBox):
                editor.setCurrentIndex(max(0, editor.findData(value)))
            else:
                editor.setText(edit_text(name, value))
        self.clear_problems()

    def changes(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, editor in self.editors.items():
            if isinstance(editor, QComboBox):
                value = editor.currentData()
            else:
                value = parse_input(name, editor.text())
            if value != self._current.get(name):
                out[name] = value
        return out

    def clear_problems(self) -> None:
        for label in self.problem_labels.values():
            label.clear()
            label.hide()
        self.message.clear()

    def show_problems(self, problems: list[Problem] | list[FieldProblem],
                      general: str = "") -> None:
        self.clear_problems()
        lang = _lang()
        elsewhere: list[str] = []
        for problem in problems:
            text = problem.message(lang)
            label = self.problem_labels.get(problem.field)
            if label is None:
                elsewhere.append(f"{field_label(problem.field, lang)}: {text}")
                continue
            label.setText((label.text() + "\n" if label.text() else "") + text)
            label.show()
        self.message.setText("\n".join([general, *elsewhere]).strip())
        first = next((n for n in EDITABLE_FIELDS if self.problem_labels[n].isVisible()), None)
        if first is not None:
            self.editors[first].setFocus()

    def submit(self) -> None:
        changes = self.changes()
        comment = self.comment.toPlainText().strip()
        if not changes:
            self.show_problems([], self.tr("Nothing has been changed yet."))
            return
        if not comment:
            self.show_problems([], self.tr("Write a comment: the volunteer sees why the ward "
                                           "changed their record."))
            self.comment.setFocus()
            return
        found = check_correction(self._current, changes, self._reference, today=self._today)
        # Problems of fields nobody touched (an older record) do not block the correction.
        blocking = [p for p in found if set(p.all_fields) & set(changes)]
        if blocking:
            self.show_problems(blocking, self.tr("Fix the fields marked in red."))
            return
        self.clear_problems()
        self.send_requested.emit(changes, comment)

    def set_busy(self, busy: bool) -> None:
        self.send_button.setEnabled(not busy)

    def sent(self, fields: list[str]) -> None:
        lang = _lang()
        self.comment.clear()
        self.message.setText(pick("Đã lưu sửa đổi: ", "Correction saved: ")
                             + ", ".join(field_label(f, lang) for f in fields))
