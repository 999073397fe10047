"""The main window's actions and menus: each action's shortcut, its place in the menu bar,
and its text in the UI language.

Kept apart from :mod:`desktop.gui.main_window` so the full keyboard map of the app reads in
one place. The actions and menus stay attributes of the window (``window.act_save``,
``window.menu_file``), declared there, because tests and other modules reach them so.

Strings keep the ``MainWindow`` translation context: they were the window's, and the
Vietnamese catalogue holds them under that name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from desktop.gui.i18n import current_language

if TYPE_CHECKING:
    from desktop.gui.main_window import MainWindow

translate = QCoreApplication.translate


def _action(window: MainWindow, name: str, shortcut: QKeySequence | str | None,
            slot: Callable[[], object]) -> QAction:
    action = QAction(window)
    action.setObjectName(name)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)
    return action


def build_actions(window: MainWindow) -> None:
    """Every action of the window, with its shortcut; each is added to the window, so its
    shortcut works wherever the focus is."""
    form = window.form
    window.act_new = _action(window, "act_new", QKeySequence.StandardKey.New,
                             lambda: form.new_record(keep=True))
    window.act_save = _action(window, "act_save", QKeySequence.StandardKey.Save,
                              lambda: form.request_save(final=True, next_after=False))
    window.act_save_next = _action(window, "act_save_next", "Ctrl+Return",
                                   lambda: form.request_save(final=True, next_after=True))
    window.act_save_draft = _action(window, "act_save_draft", "Ctrl+Shift+S",
                                    lambda: form.request_save(final=False, next_after=False))
    window.act_undo = _action(window, "act_undo", QKeySequence.StandardKey.Undo,
                              window.undo_last)
    window.act_delete = _action(window, "act_delete", "Ctrl+Delete", window.delete_current)
    window.act_history = _action(window, "act_history", "Ctrl+H", window.show_history)
    window.act_find = _action(window, "act_find", QKeySequence.StandardKey.Find,
                              window.focus_search)
    window.act_list = _action(window, "act_list", "Ctrl+L", window.table.setFocus)
    window.act_import = _action(window, "act_import", "Ctrl+I", window.import_file)
    window.act_export = _action(window, "act_export", "Ctrl+E", window.export_file)
    window.act_quit = _action(window, "act_quit", QKeySequence.StandardKey.Quit, window.close)
    window.act_meeting_start = _action(window, "act_meeting_start", "Ctrl+M",
                                       window.start_meeting)
    window.act_meeting_end = _action(window, "act_meeting_end", "Ctrl+Shift+M",
                                     window.end_meeting)
    window.act_follow_ups = _action(window, "act_follow_ups", "Ctrl+U", window.show_follow_ups)
    window.act_sync = _action(window, "act_sync", "F5", window.sync_now)
    window.act_sync_history = _action(window, "act_sync_history", "Ctrl+Shift+H",
                                      window.show_sync_history)
    window.act_export_bundle = _action(window, "act_export_bundle", "Ctrl+Shift+E",
                                       window.export_bundle)
    window.act_settings = _action(window, "act_settings", "Ctrl+,", window.show_settings)
    window.act_about = _action(window, "act_about", "F1", window.show_about)
    window.language_group = QActionGroup(window)
    window.act_vi = QAction("Tiếng Việt", window, checkable=True)
    window.act_vi.setObjectName("act_lang_vi")
    window.act_en = QAction("English", window, checkable=True)
    window.act_en.setObjectName("act_lang_en")
    for act, code in ((window.act_vi, "vi"), (window.act_en, "en")):
        window.language_group.addAction(act)
        act.setChecked(current_language() == code)
        act.triggered.connect(lambda _c=False, code=code: window.set_language(code))
    window.act_meeting_end.setEnabled(False)


def build_menus(window: MainWindow) -> None:
    """The menu bar: every action has its place, so the whole app works from the keyboard."""
    bar = window.menuBar()
    window.menu_file = bar.addMenu("")
    for act in (window.act_import, window.act_export):
        window.menu_file.addAction(act)
    window.menu_file.addSeparator()
    window.menu_file.addAction(window.act_sync)
    window.menu_file.addAction(window.act_export_bundle)
    window.menu_file.addSeparator()
    window.menu_file.addAction(window.act_settings)
    window.menu_file.addSeparator()
    window.menu_file.addAction(window.act_quit)
    window.menu_record = bar.addMenu("")
    for act in (window.act_new, window.act_save, window.act_save_next, window.act_save_draft):
        window.menu_record.addAction(act)
    window.menu_record.addSeparator()
    for act in (window.act_undo, window.act_delete, window.act_history):
        window.menu_record.addAction(act)
    window.menu_record.addSeparator()
    window.menu_record.addAction(window.act_find)
    window.menu_record.addAction(window.act_list)
    window.menu_meeting = bar.addMenu("")
    window.menu_meeting.addAction(window.act_meeting_start)
    window.menu_meeting.addAction(window.act_meeting_end)
    window.menu_view = bar.addMenu("")
    window.menu_view.addAction(window.act_follow_ups)
    window.menu_view.addAction(window.act_sync_history)
    window.menu_language = window.menu_view.addMenu("")
    window.menu_language.addAction(window.act_vi)
    window.menu_language.addAction(window.act_en)
    window.menu_help = bar.addMenu("")
    window.menu_help.addAction(window.act_about)


def retranslate_actions(window: MainWindow) -> None:
    """Menu titles and action texts in the UI language."""
    window.menu_file.setTitle(translate("MainWindow", "&File"))
    window.menu_record.setTitle(translate("MainWindow", "&Record"))
    window.menu_meeting.setTitle(translate("MainWindow", "&Meeting"))
    window.menu_view.setTitle(translate("MainWindow", "&View"))
    window.menu_help.setTitle(translate("MainWindow", "&Help"))
    window.menu_language.setTitle(translate("MainWindow", "&Language"))
    texts = {
        window.act_new: translate("MainWindow", "&New record"),
        window.act_save: translate("MainWindow", "&Save"),
        window.act_save_next: translate("MainWindow", "Save && &next"),
        window.act_save_draft: translate("MainWindow", "Save as &draft"),
        window.act_undo: translate("MainWindow", "&Undo last save or delete"),
        window.act_delete: translate("MainWindow", "&Delete record…"),
        window.act_history: translate("MainWindow", "Record &history…"),
        window.act_find: translate("MainWindow", "&Find"),
        window.act_list: translate("MainWindow", "Go to the &list"),
        window.act_import: translate("MainWindow", "&Import from file…"),
        window.act_export: translate("MainWindow", "&Export to file…"),
        window.act_quit: translate("MainWindow", "&Quit"),
        window.act_meeting_start: translate("MainWindow", "&Start a meeting…"),
        window.act_meeting_end: translate("MainWindow",
                                          "&End the meeting and show the summary"),
        window.act_follow_ups: translate("MainWindow", "&Follow-ups…"),
        window.act_sync: translate("MainWindow", "S&ync now"),
        window.act_sync_history: translate("MainWindow", "Sync &history…"),
        window.act_export_bundle: translate("MainWindow", "Export data &bundle (USB)…"),
        window.act_settings: translate("MainWindow", "Se&ttings…"),
        window.act_about: translate("MainWindow", "&About Hỗ trợ số"),
    }
    for act, text in texts.items():
        act.setText(text)
