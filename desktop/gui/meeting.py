"""Meeting mode: start a neighbourhood meeting, and the summary shown when it ends.

The summary (residents helped, counted apart from those who declined; the help given; the
results; what is left to follow up) can be printed or saved as a PDF to hand to the
neighbourhood head. Both print at real size on A4: the document is laid out for the
printer's own resolution (Qt's unpaginated print path), body text 11 pt.
"""

from __future__ import annotations

from datetime import date
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QMarginsF, Qt, QUrl
from PySide6.QtGui import (
    QDesktopServices,
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
)
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
from desktop.gui.window_fit import keep_wrapped_text_whole
from sync.contract.labels import label
from sync.contract.record import Result
from sync.contract.reference import ReferenceData

translate = QCoreApplication.translate

#: The body text of printed and saved summaries, in points (headings are larger).
BODY_POINTS = 11
#: Resolution of the saved PDF (what it is laid out and drawn at).
PDF_DPI = 300


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
        intro = QLabel(self.tr("Records you enter until you end the meeting belong to it."))
        intro.setObjectName("meeting_intro")
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.problem.setWordWrap(True)
        keep_wrapped_text_whole(self)
        self.setMinimumWidth(420)
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
        "declined": translate("MeetingSummary", "{count} residents declined the help offered"),
        "results": translate("MeetingSummary", "Results"),
        "result": translate("MeetingSummary", "Result"),
        "records": translate("MeetingSummary", "Records"),
        "no_result": translate("MeetingSummary", "(no result yet)"),
        "empty": translate("MeetingSummary", "No record was entered during this meeting."),
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
    helped = t["helped"].format(residents=summary.helped, records=summary.records)
    declined = (f"<p>{t['declined'].format(count=summary.declined)}</p>"
                if summary.declined else "")
    results = "".join(
        f"<tr><td>{escape(_result_name(code, lang)) if code else t['no_result']}</td>"
        f"<td align='right'>{count}</td></tr>"
        for code, count in sorted(summary.by_result.items(), key=lambda kv: -kv[1]))
    head = (
        f"<h2>{t['title']}</h2>"
        f"<p><b>{t['place']}:</b> {escape(meeting.place)}<br>"
        f"<b>{t['date']}:</b> {meeting.date.strftime('%d/%m/%Y')}<br>"
        f"<b>{t['host']}:</b> {escape(meeting.host or '—')}<br>"
        f"<b>{t['neighbourhood']}:</b> {escape(place)}</p>")
    if not summary.records:
        return head + f"<p>{t['empty']}</p>"
    return (
        head + f"<p style='font-size:14pt'><b>{helped}</b></p>{declined}"
        f"<h3>{t['help']}</h3>{table}{rows}</table>"
        f"<h3>{t['results']}</h3>{table}<tr><th align='left'>{t['result']}</th>"
        f"<th align='right'>{t['records']}</th></tr>{results}</table>"
        f"<h3>{t['left']}</h3>{follow_block}"
    )


def _result_name(code: str, lang: str) -> str:
    try:
        return label(Result(code), "en" if lang == "en" else "vi")
    except ValueError:
        return code


def _category_name(reference: ReferenceData, code: str, lang: str) -> str:
    if not code:
        return translate("MeetingSummary", "(not chosen yet)")
    category = reference.categories.get(code)
    return category.name(lang) if category else code


class MeetingSummaryDialog(QDialog):
    """The summary, with Print and Save as PDF (and where it was saved, once it is)."""

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
        self.saved = QLabel()
        self.saved.setObjectName("pdf_saved")
        self.saved.setWordWrap(True)
        self.saved.setTextFormat(Qt.TextFormat.RichText)
        self.saved.setOpenExternalLinks(False)
        self.saved.linkActivated.connect(lambda href: QDesktopServices.openUrl(QUrl(href)))
        self.saved.hide()
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
        layout.addWidget(self.saved)
        layout.addWidget(buttons)
        keep_wrapped_text_whole(self)
        self.resize(640, 560)

    def document(self) -> QTextDocument:
        """The summary to print: body text at :data:`BODY_POINTS`, laid out unpaginated, so
        Qt lays it out again at the printer's resolution and paginates it (real size)."""
        doc = QTextDocument()
        font = QFont(self.font())
        font.setPointSizeF(BODY_POINTS)
        doc.setDefaultFont(font)
        doc.setHtml(self.html)
        return doc

    def print_to(self, device: QPagedPaintDevice) -> None:
        device.setPageLayout(QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter))
        # No page size on the document: QTextDocument.print then lays a copy of it out for
        # the device itself (fonts in points at the device's resolution, 2 cm margins).
        self.document().print_(device)

    def save_pdf(self, path: Path) -> None:
        writer = QPdfWriter(str(path))
        writer.setResolution(PDF_DPI)
        writer.setTitle(self.tr("Meeting summary"))
        writer.setCreator("Hỗ trợ số")
        self.print_to(writer)
        del writer  # finishes the file
        folder = QUrl.fromLocalFile(str(path.parent)).toString()
        self.saved.setText(self.tr("Saved to {path}. <a href=\"{folder}\">Open the folder</a>")
                           .format(path=escape(str(path)), folder=folder))
        self.saved.show()

    def _on_pdf_clicked(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save the summary"),
                                              "tong-ket-buoi-hop.pdf", "PDF (*.pdf)")
        if name:
            path = Path(name)
            self.save_pdf(path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf"))

    def print_summary(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.document().print_(printer)
