"""Meeting mode: start a neighbourhood meeting, and the summary shown when it ends.

The summary (how many residents, what help, what is left to follow up) can be printed or
saved as a PDF to hand to the neighbourhood head.
"""

from __future__ import annotations

from datetime import date
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.date_field import DATE_FORMAT_QT, qdate
from desktop.gui.i18n import current_language
from sync.contract.reference import ReferenceData

translate = QCoreApplication.translate


class StartMeetingDialog(QDialog):
    def __init__(self, reference: ReferenceData, *, default_neighbourhood: str, today: date,
                 host: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("start_meeting_dialog")
        self.setWindowTitle(self.tr("Start a meeting"))
        self.place = QLineEdit()
        self.place.setObjectName("meeting_place")
        self.on = QDateEdit(qdate(today))
        self.on.setObjectName("meeting_date")
        self.on.setDisplayFormat(DATE_FORMAT_QT)
        self.on.setCalendarPopup(True)
        self.host = QLineEdit(host)
        self.host.setObjectName("meeting_host")
        self.neighbourhood = QComboBox()
        self.neighbourhood.setObjectName("meeting_neighbourhood")
        for n in reference.current_neighbourhoods(today):
            self.neighbourhood.addItem(n.name, n.code)
        self.neighbourhood.setCurrentIndex(max(0, self.neighbourhood.findData(
            default_neighbourhood)))
        self.problem = QLabel()
        self.problem.setProperty("role", "error")
        self.problem.hide()
        form = QFormLayout()
        form.addRow(self.tr("&Place"), self.place)
        form.addRow(self.tr("&Date"), self.on)
        form.addRow(self.tr("&Host"), self.host)
        form.addRow(self.tr("&Neighbourhood"), self.neighbourhood)
        buttons = QDialogButtonBox()
        start = buttons.addButton(self.tr("Start"), QDialogButtonBox.ButtonRole.AcceptRole)
        start.setObjectName("meeting_start")
        start.setDefault(True)
        cancel = buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        start.clicked.connect(self._on_start)
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr(
            "Records you enter until you end the meeting belong to it.")))
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.place.setFocus()

    def _on_start(self) -> None:
        if not self.place.text().strip():
            self.problem.setText(self.tr("Enter where the meeting is held."))
            self.problem.show()
            self.place.setFocus()
            return
        self.accept()

    def values(self) -> dict[str, Any]:
        return {"place": self.place.text().strip(), "on": self.on.date().toPython(),
                "host": self.host.text().strip(),
                "neighbourhood_code": str(self.neighbourhood.currentData())}


def summary_html(summary: Any, reference: ReferenceData) -> str:
    """The summary as HTML (shown, printed and saved as PDF alike)."""
    lang = "en" if current_language() == "en" else "vi"
    t = {
        "title": translate("MeetingSummary", "Meeting summary"),
        "place": translate("MeetingSummary", "Place"),
        "date": translate("MeetingSummary", "Date"),
        "host": translate("MeetingSummary", "Host"),
        "neighbourhood": translate("MeetingSummary", "Neighbourhood"),
        "helped": translate("MeetingSummary", "{residents} residents helped ({records} records)"),
        "help": translate("MeetingSummary", "Help given"),
        "left": translate("MeetingSummary", "Left to follow up"),
        "resident": translate("MeetingSummary", "Resident"),
        "kind": translate("MeetingSummary", "Help"),
        "due": translate("MeetingSummary", "Due"),
        "none_left": translate("MeetingSummary", "Nothing left to follow up."),
        "no_name": translate("MeetingSummary", "(no name)"),
    }
    t = {key: escape(value) for key, value in t.items()}
    meeting = summary.meeting
    neighbourhood = reference.neighbourhood(meeting.neighbourhood_code)
    table = "<table width='100%' cellspacing='0' cellpadding='4' border='1'>"
    rows = "".join(
        f"<tr><td>{escape(_category_name(reference, code, lang))}</td>"
        f"<td align='right'>{count}</td></tr>"
        for code, count in sorted(summary.by_category.items(), key=lambda kv: -kv[1]))
    follow = "".join(
        f"<tr><td>{escape(r.full_name) if r.full_name else t['no_name']}</td>"
        f"<td>{escape(_category_name(reference, r.category or '', lang))}</td>"
        f"<td>{r.follow_up_date.strftime('%d/%m/%Y') if r.follow_up_date else '—'}</td></tr>"
        for r in summary.follow_ups)
    follow_block = (
        f"{table}<tr><th align='left'>{t['resident']}</th><th align='left'>{t['kind']}</th>"
        f"<th align='left'>{t['due']}</th></tr>{follow}</table>"
        if summary.follow_ups else f"<p>{t['none_left']}</p>")
    place = neighbourhood.name if neighbourhood else meeting.neighbourhood_code
    helped = t["helped"].format(residents=summary.residents, records=summary.records)
    return (
        f"<h2>{t['title']}</h2>"
        f"<p><b>{t['place']}:</b> {escape(meeting.place)}<br>"
        f"<b>{t['date']}:</b> {meeting.date.strftime('%d/%m/%Y')}<br>"
        f"<b>{t['host']}:</b> {escape(meeting.host or '—')}<br>"
        f"<b>{t['neighbourhood']}:</b> {escape(place)}</p>"
        f"<p style='font-size:14pt'><b>{helped}</b></p>"
        f"<h3>{t['help']}</h3>{table}{rows}</table>"
        f"<h3>{t['left']}</h3>{follow_block}"
    )


def _category_name(reference: ReferenceData, code: str, lang: str) -> str:
    if not code:
        return translate("MeetingSummary", "(not chosen yet)")
    category = reference.categories.get(code)
    return category.name(lang) if category else code


class MeetingSummaryDialog(QDialog):
    def __init__(self, summary: Any, reference: ReferenceData,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("meeting_summary_dialog")
        self.setWindowTitle(self.tr("Meeting summary"))
        self.summary = summary
        self.html = summary_html(summary, reference)
        self.view = QTextBrowser()
        self.view.setObjectName("summary_view")
        self.view.setHtml(self.html)
        buttons = QDialogButtonBox()
        self.print_button = buttons.addButton(self.tr("&Print…"),
                                              QDialogButtonBox.ButtonRole.ActionRole)
        self.pdf_button = buttons.addButton(self.tr("Save as P&DF…"),
                                            QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        self.print_button.clicked.connect(self.print_summary)
        self.pdf_button.clicked.connect(self._on_pdf_clicked)
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        self.resize(640, 560)

    def document(self) -> QTextDocument:
        doc = QTextDocument()
        doc.setHtml(self.html)
        return doc

    def save_pdf(self, path: Path) -> None:
        writer = QPdfWriter(str(path))
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)
        writer.setResolution(300)
        doc = self.document()
        doc.setPageSize(QSizeF(writer.width(), writer.height()))
        doc.print_(writer)

    def _on_pdf_clicked(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save the summary"),
                                              "tong-ket-buoi-hop.pdf", "PDF (*.pdf)")
        if name:
            self.save_pdf(Path(name))

    def print_summary(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.document().print_(printer)
