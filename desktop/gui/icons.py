"""The app's icon, from ``resources/icons/``.

``hotroso.svg`` is the source (sharp at every size); ``app.png`` (256 px) and ``app.ico`` are
rendered from it for the executable (``build.spec``) and are the fallback where Qt's SVG
plugin is not bundled. Re-render them after changing the SVG::

    QT_QPA_PLATFORM=offscreen python -m desktop.gui.icons
"""

from __future__ import annotations

from PySide6.QtGui import QIcon

import resources


def app_icon() -> QIcon:
    icon = QIcon(str(resources.path("icons", "hotroso.svg")))
    if icon.pixmap(32, 32).isNull():  # no SVG image plugin in this Qt
        icon = QIcon(str(resources.path("icons", "app.png")))
    return icon


def render_bitmaps() -> None:
    icon = QIcon(str(resources.path("icons", "hotroso.svg")))
    icon.pixmap(256, 256).save(str(resources.path("icons", "app.png")))
    icon.pixmap(64, 64).save(str(resources.path("icons", "app.ico")))


if __name__ == "__main__":
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    render_bitmaps()
