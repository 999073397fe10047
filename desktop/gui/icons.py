"""The app's icon, from ``resources/icons/`` (an SVG, so it is sharp at every size)."""

from __future__ import annotations

from PySide6.QtGui import QIcon

import resources


def app_icon() -> QIcon:
    return QIcon(str(resources.path("icons", "hotroso.svg")))
