"""The main window's own actions and the menu bar: each action's shortcut, its place in the
menus, and its text in the UI language.

The window's parts (sync panel, undo, meetings, files) make their own actions; this module
makes the rest (the entry form's, the list's, settings, help, language) and lays every one
out in the menus, so the full keyboard map of the app reads in one place. Every action is
added to the window, so its shortcut works wherever the focus is.

Shortcuts are shown the way a Vietnamese (and any Windows) user reads them: "Ctrl+Enter",
never "Ctrl+Return" (both keys work).

Strings keep the ``MainWindow`` translation context: they were the window's, and the
Vietnamese catalogue holds them under that name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from desktop.gui.shortcuts import keys

translate = QCoreApplication.translate
Shortcut = QKeySequence.StandardKey | str | None


def make_action(owner: QMainWindow, name: str, shortcut: Shortcut | list[str],
                slot: Callable[[], object]) -> QAction:
    action = QAction(owner)
    action.setObjectName(name)
    if isinstance(shortcut, list):
        # The first is the one the menu shows.
        action.setShortcuts([keys(s) for s in shortcut])
    elif isinstance(shortcut, str):
        action.setShortcut(keys(shortcut))
    elif shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(lambda _checked=False: slot())
    owner.addAction(action)
    return action


@dataclass
class Menus:
    file: QMenu
    record: QMenu
    meeting: QMenu
    view: QMenu
    language: QMenu
    help: QMenu


def language_actions(owner: QMainWindow, choose: Callable[[str], None],
                     current: str) -> tuple[QActionGroup, QAction, QAction]:
    group = QActionGroup(owner)
    vi = QAction("Tiếng Việt", owner, checkable=True)
    vi.setObjectName("act_lang_vi")
    en = QAction("English", owner, checkable=True)
    en.setObjectName("act_lang_en")
    for act, code in ((vi, "vi"), (en, "en")):
        group.addAction(act)
        act.setChecked(current == code)
        act.triggered.connect(lambda _c=False, code=code: choose(code))
    return group, vi, en


def fill(menu: QMenu, entries: list[QAction | QMenu | None]) -> None:
    for entry in entries:
        if entry is None:
            menu.addSeparator()
        elif isinstance(entry, QMenu):
            menu.addMenu(entry)
        else:
            menu.addAction(entry)


def retranslate_menus(menus: Menus) -> None:
    menus.file.setTitle(translate("MainWindow", "&File"))
    menus.record.setTitle(translate("MainWindow", "&Record"))
    menus.meeting.setTitle(translate("MainWindow", "&Meeting"))
    menus.view.setTitle(translate("MainWindow", "&View"))
    menus.help.setTitle(translate("MainWindow", "&Help"))
    menus.language.setTitle(translate("MainWindow", "&Language"))
