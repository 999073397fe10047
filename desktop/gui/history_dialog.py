"""A record's history from the audit trail: who changed which field when, old -> new."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QDateTime
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.i18n import current_language
from sync.contract.labels import field_label

translate = QCoreApplication.translate


def _action_text(action: str) -> str:
    texts = {
        "create": translate("HistoryDialog", "created"),
        "import": translate("HistoryDialog", "imported"),
        "update": translate("HistoryDialog", "changed"),
        "delete": translate("HistoryDialog", "deleted"),
        "restore": translate("HistoryDialog", "restored / undone"),
    }
    return texts.get(action, action)


def _value_text(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if value is True:
        return translate("HistoryDialog", "yes")
    if value is False:
        return translate("HistoryDialog", "no")
    text = str(value)
    # ISO dates from the wire read better as dd/MM/yyyy.
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        return f"{text[8:10]}/{text[5:7]}/{text[0:4]}"
    return text


class HistoryDialog(QDialog):
    def __init__(self, entries: Sequence[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("history_dialog")
        self.setWindowTitle(self.tr("Record history"))
        lang: Any = "en" if current_language() == "en" else "vi"
        self.table = QTableWidget(len(entries), 5)
        self.table.setObjectName("history_table")
        self.table.setHorizontalHeaderLabels([
            self.tr("When"), self.tr("Who"), self.tr("What"), self.tr("Before"),
            self.tr("After")])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, entry in enumerate(entries):
            when = QDateTime(entry.at.astimezone()).toString("dd/MM/yyyy HH:mm")
            what = _action_text(entry.action)
            if entry.field:
                what = f"{what}: {field_label(entry.field, lang)}"
            cells = [when, entry.actor, what,
                     _value_text(entry.old) if entry.field else "",
                     _value_text(entry.new) if entry.field else ""]
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        buttons = QDialogButtonBox()
        close = buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(760, 420)
