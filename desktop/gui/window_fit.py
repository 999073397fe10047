"""Wrapped messages are never clipped: height follows width.

Qt sizes a top-level window from its layout's minimum size, which does not account for a
word-wrapped label needing more lines when the window is narrower (or when a longer message,
or the other language, arrives); a scroll area likewise gives its page the height of its size
hint, not of its height for the width it has, and the page's layout then squeezes the
wrapped labels (the consent notice lost its first and last lines).
:func:`keep_wrapped_text_whole` watches a window (or a scroll area's page) and keeps its
minimum height at what its layout needs for its current width; a window is also grown when a
message would otherwise be cut off (never beyond the screen).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

_WATCHED = (QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.LayoutRequest)


class _HeightForWidth(QObject):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._busy = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() in _WATCHED and not self._busy:
            self._busy = True
            try:
                self.fit()
            finally:
                self._busy = False
        return False

    def fit(self) -> None:
        window = self._window
        layout = window.layout()
        if layout is None or not layout.hasHeightForWidth():
            return
        needed = layout.totalHeightForWidth(window.width())
        screen = window.screen()
        if screen is not None:
            needed = min(needed, screen.availableGeometry().height())
        if needed != window.minimumHeight():
            window.setMinimumHeight(needed)
        if window.isWindow() and window.height() < needed:
            window.resize(window.width(), needed)


def keep_wrapped_text_whole(window: QWidget) -> None:
    """Keep ``window`` (a dialog, or a scroll area's page) tall enough for its wrapped
    labels at its width."""
    window.installEventFilter(_HeightForWidth(window))


def fit_screen(window: QWidget) -> None:
    """As large as the laptop's screen allows (1366×768, often 1280×720), leaving room for
    the window frame and the taskbar."""
    screen = window.screen() or QApplication.primaryScreen()
    if screen is None:
        window.resize(1280, 680)
        return
    available = screen.availableGeometry()
    window.resize(min(1366, available.width() - 16), min(768, available.height() - 40))
