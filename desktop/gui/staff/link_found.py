"""Review queue → "Same person…": two records staff found to be one resident themselves (the
engine never proposed them: another name, a new phone), confirmed naming both, linked on the
ward server and undoable from the queue's Undo button."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.app.residents import PairsClient, ProposalDecision
from desktop.app.staff import RecordSummary
from desktop.gui.i18n import current_language
from desktop.gui.staff.values import show_value
from desktop.gui.tasks import TaskContext, TaskRunner
from sync.contract.labels import Lang
from sync.contract.reference import ReferenceData

translate = QCoreApplication.translate


class FoundLinkController(QObject):
    """Signals:
        linked(int): the two records became one resident (the link's id).
        link_undone(int): that link was undone.
    """

    linked = Signal(int)
    link_undone = Signal(int)

    def __init__(self, parent: QWidget, pairs: PairsClient, tasks: TaskRunner,
                 reference: ReferenceData, *, say: Callable[[str], None],
                 on_failure: Callable[[BaseException], bool]) -> None:
        super().__init__(parent)
        self._parent = parent
        self._pairs = pairs
        self._tasks = tasks
        self._reference = reference
        self._say = say
        self._on_failure = on_failure
        #: The last link made here, until it is undone.
        self.last_link: int | None = None
        self.confirmation: QMessageBox | None = None

    def describe(self, summary: RecordSummary) -> str:
        """"Nguyễn Thị Hoà (1985) · Khu 3 · 02/12/2026" — what staff recognise a record by."""
        lang: Lang = "vi" if current_language() == "vi" else "en"
        record = summary.record
        year = record.get("birth_year")
        name = str(record.get("full_name") or "—") + (f" ({year})" if year else "")
        area = show_value("neighbourhood_code",
                          record.get("neighbourhood_code") or summary.neighbourhood_code,
                          self._reference, lang)
        day = show_value("assisted_on", record.get("assisted_on"), self._reference, lang)
        return f"{name} · {area} · {day}"

    def ask(self, first: RecordSummary, second: RecordSummary) -> None:
        box = QMessageBox(self._parent)
        box.setObjectName("confirm_link_found")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(translate("FoundLink", "Same person"))
        box.setText(translate(
            "FoundLink", "Link these two records as one resident?\n\n• {a}\n• {b}").format(
                a=self.describe(first), b=self.describe(second)))
        box.setInformativeText(translate(
            "FoundLink", "Both records and their histories are kept; the reports count one "
            "resident. Undo takes it back."))
        link = box.addButton(translate("FoundLink", "&Link as one resident"),
                             QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(translate("FoundLink", "Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(link)
        box.setEscapeButton(cancel)
        box.buttonClicked.connect(
            lambda button: self.link(first, second) if button is link else None)
        self.confirmation = box
        box.open()

    def link(self, first: RecordSummary, second: RecordSummary) -> None:
        def work(_ctx: TaskContext) -> ProposalDecision:
            return self._pairs.link_records(first.id, second.id)

        def done(decision: ProposalDecision) -> None:
            self.last_link = decision.link_id
            self._say(translate("FoundLink", "Linked as one resident: {a} and {b}.").format(
                a=str(first.record.get("full_name") or "—"),
                b=str(second.record.get("full_name") or "—")))
            if decision.link_id is not None:
                self.linked.emit(decision.link_id)

        self._tasks.run_net(work, on_success=done, on_failure=self._on_failure,
                            parent=self._parent)

    def undo(self) -> None:
        link_id = self.last_link
        if link_id is None:
            return

        def done(_decision: ProposalDecision) -> None:
            self.last_link = None
            self._say(translate("FoundLink", "The link was undone: two residents again."))
            self.link_undone.emit(link_id)

        self._tasks.run_net(lambda _ctx: self._pairs.unlink(link_id), on_success=done,
                            on_failure=self._on_failure, parent=self._parent)
