"""Helpers for the fit tests: sizes against the volunteer's screen, clipped wrapped labels."""

from __future__ import annotations

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QLabel, QWidget

#: The smallest screen the app must fit (1280×720, also 1920×1080 at 150 %).
SCREEN_W, SCREEN_H = 1280, 720


def settle(ms: int = 50) -> None:
    """Let layouts settle (one short slice of the event loop, not processEvents loops)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def too_big(widget: QWidget) -> str | None:
    """Why ``widget`` cannot fit a 1280×720 screen, or None."""
    hint = widget.minimumSizeHint()
    if hint.width() > SCREEN_W or hint.height() > SCREEN_H:
        return f"{widget.objectName()}: minimum size hint {hint.width()}×{hint.height()}"
    size = widget.size()
    if widget.isVisible() and (size.width() > SCREEN_W or size.height() > SCREEN_H):
        return f"{widget.objectName()}: opens at {size.width()}×{size.height()}"
    return None


def clipped_labels(root: QWidget) -> list[str]:
    """Visible word-wrapped labels shorter than their text needs at their width."""
    out = []
    labels = [root] if isinstance(root, QLabel) else []
    for label in labels + root.findChildren(QLabel):
        if not (label.isVisible() and label.wordWrap() and label.text()):
            continue
        needed = label.heightForWidth(label.width())
        if needed > label.height() + 1:
            out.append(f"{label.objectName() or label.text()[:40]!r}: {label.height()} px "
                       f"high, needs {needed} at {label.width()} px")
    return out
