"""Fields change only when they have the keyboard focus: the mouse wheel scrolls the page.

A volunteer scrolls the long entry form with the wheel; passing over "Ngày hỗ trợ" or
"Mã khu phố" must not change them (01/11 → 01/08, Khu 3 → Khu 5), least of all silently,
since "Phiếu mới" keeps those values for the next resident. So combo boxes, spin boxes and
date fields take focus by click or Tab only (``Qt.StrongFocus``, not the wheel), and a wheel
event over one without focus is handed to the scroll area around it, which scrolls.

The date field's calendar opens from the keyboard as well (Alt+Down or F4, as a combo box's
list does): :func:`open_calendar`.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateTimeEdit,
    QStyle,
    QStyleOptionComboBox,
    QWidget,
)

#: The kinds of field a wheel turn would change.
GUARDED = (QComboBox, QAbstractSpinBox)


class WheelGuard(QObject):
    """Event filter: a wheel over an unfocused guarded field goes to its parent instead."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Wheel and isinstance(watched, QWidget) \
                and not watched.hasFocus():
            area = _scroll_area_of(watched)
            if area is not None:
                QApplication.sendEvent(area.viewport(), event)
            else:
                # Not accepted, so Qt offers a real wheel turn to the parent widgets instead.
                event.ignore()
            return True
        return False


def _scroll_area_of(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


_guard: WheelGuard | None = None


def guard_wheel(widgets: Iterable[QWidget]) -> None:
    """Protect ``widgets`` (combos, spin and date boxes) from wheel turns without focus."""
    global _guard
    if _guard is None:
        _guard = WheelGuard()
    for widget in widgets:
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        widget.installEventFilter(_guard)


def guard_children(root: QWidget) -> None:
    """Protect every combo, spin and date box inside ``root``."""
    guard_wheel(w for w in root.findChildren(QWidget) if isinstance(w, GUARDED))


def open_calendar(field: QDateTimeEdit) -> None:
    """Open the calendar of a date field with a calendar popup, as a click on its arrow does.

    Qt opens it only from the mouse; the click is made where the style draws the arrow, so
    Qt places and fills the calendar itself.
    """
    if not field.calendarPopup() or field.isReadOnly():
        return
    option = QStyleOptionComboBox()
    option.initFrom(field)
    option.editable = True
    option.subControls = QStyle.SubControl.SC_All
    arrow = field.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                         QStyle.SubControl.SC_ComboBoxArrow, field)
    at = QPointF(arrow.center())
    press = QMouseEvent(QEvent.Type.MouseButtonPress, at,
                        QPointF(field.mapToGlobal(arrow.center())), Qt.MouseButton.LeftButton,
                        Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(field, press)
