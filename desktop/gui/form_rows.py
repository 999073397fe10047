"""The entry form's building blocks: one field row (label, widget, message) and a section box.

Kept apart from :mod:`desktop.gui.record_form` because they know nothing about records: they
only lay a widget out with its label and show a validation message beside it, cheaply.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget


class FieldRow:
    """A field, its label and the message shown beside it."""

    def __init__(self, name: str, widget: QWidget) -> None:
        self.name = name
        self.widget = widget
        self.label = QLabel()
        self.label.setBuddy(widget)
        self.message = QLabel()
        self.message.setObjectName(f"{name}_message")
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        self.message.hide()
        # What the message shows now: restyling a widget (unpolish/polish) costs a font and
        # layout pass, so only rows whose message changed are touched.
        self._shown: tuple[str, bool] = ("", False)
        self.cell = QWidget()
        box = QVBoxLayout(self.cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(1)
        box.addWidget(widget)
        box.addWidget(self.message)

    def show_message(self, text: str, *, warning: bool) -> None:
        warning = warning and bool(text)
        if (text, warning) == self._shown:
            return
        was_text, was_warning = self._shown
        self._shown = (text, warning)
        self.message.setText(text)
        if warning != was_warning:
            self.message.setProperty("role", "warning" if warning else "error")
            self.message.style().unpolish(self.message)
            self.message.style().polish(self.message)
        self.message.setVisible(bool(text))
        if bool(text) != bool(was_text):
            self.widget.setProperty("invalid", bool(text))
            self.widget.style().unpolish(self.widget)
            self.widget.style().polish(self.widget)


def enum_combo(name: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    # Sized by the panel, not by its longest item: a long category name would otherwise make
    # the combo wider than the panel, and the form layout would slide it over its label.
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(12)
    return combo


def set_combo(combo: QComboBox, data: object) -> None:
    """Select the item holding ``data``, or the first item when none does."""
    index = combo.findData(data)
    combo.setCurrentIndex(index if index >= 0 else 0)


def section(rows: Mapping[str, FieldRow], names: list[str], *,
            head: Sequence[QWidget] = ()) -> tuple[QGroupBox, QFormLayout]:
    """A titled box holding the named rows, labels right-aligned beside their fields; the
    ``head`` widgets span the box above them (the consent notice and its checkbox).

    The head sits in a plain vertical layout, not in the form layout: a QFormLayout gives a
    spanning row the height of its size hint, not the height its wrapped text needs at the
    row's width, and the consent notice lost its first and last lines that way.
    """
    box = QGroupBox()
    form = QFormLayout()
    # The box's padding (style.qss) makes the room around the rows, the same in every box,
    # so every section's fields start at the same x.
    form.setContentsMargins(0, 0, 0, 0)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    for name in names:
        row = rows[name]
        row.label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(row.label, row.cell)
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    for widget in head:
        column.addWidget(widget)
    column.addLayout(form)
    return box, form


def align_label_column(labels: Iterable[QLabel]) -> None:
    """One label width for every section, so the fields form one column down the form.

    Each QFormLayout sizes its label column by its own widest label; without this the
    "Result" section (short labels) starts its fields further left than "The resident".
    Measured again after each language change, since the widest label changes with it.
    """
    labels = list(labels)
    width = max(widget.sizeHint().width() for widget in labels)
    for widget in labels:
        widget.setMinimumWidth(width)
