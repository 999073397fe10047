"""The report's typeface: Liberation Serif, shipped in ``resources/fonts``.

Nghị định 30/2020 asks for Times New Roman; Liberation Serif has the same metrics (a line
breaks at the same word) and covers every Vietnamese letter, and its licence (SIL OFL 1.1,
``resources/fonts/LICENSE-LiberationSerif.txt``) lets the app ship it and embed it in PDFs.
"""

from __future__ import annotations

import threading

import resources

FAMILY = "LiberationSerif"
REGULAR, BOLD, ITALIC, BOLD_ITALIC = (
    FAMILY,
    f"{FAMILY}-Bold",
    f"{FAMILY}-Italic",
    f"{FAMILY}-BoldItalic",
)
_FILES = {
    REGULAR: "LiberationSerif-Regular.ttf",
    BOLD: "LiberationSerif-Bold.ttf",
    ITALIC: "LiberationSerif-Italic.ttf",
    BOLD_ITALIC: "LiberationSerif-BoldItalic.ttf",
}
_lock = threading.Lock()
_registered = False


def register() -> None:
    """Register the four faces with reportlab once (idempotent, thread-safe)."""
    global _registered
    with _lock:
        if _registered:
            return
        from reportlab.lib.fonts import addMapping
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        for name, file in _FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(resources.path("fonts", file))))
        pdfmetrics.registerFontFamily(
            FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
        )
        for bold in (0, 1):
            for italic in (0, 1):
                face = {(0, 0): REGULAR, (1, 0): BOLD, (0, 1): ITALIC, (1, 1): BOLD_ITALIC}
                addMapping(FAMILY, bold, italic, face[(bold, italic)])
        _registered = True
