"""Languages: a switch changes every visible string at once (nothing of the other language
stays on screen), Qt's own strings are Vietnamese too, headers and filters are never cut
mid-word, and shortcuts read the Vietnamese (and Windows) way."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop.app import LaptopApp
from desktop.gui.i18n import Translations
from desktop.gui.main_window import MainWindow
from sync.contract.record import Result
from tests.gui.conftest import make_record
from tests.gui.fit import settle

I18N = Path(__file__).resolve().parents[2] / "resources" / "i18n"
#: Letters only Vietnamese uses (tone marks and ă â đ ê ô ơ ư), lower and upper case.
VIETNAMESE = re.compile(
    "[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.IGNORECASE)


def _english_sources() -> set[str]:
    """UI strings whose Vietnamese differs from the English source (so seeing them in the
    Vietnamese UI means something was left untranslated)."""
    out = set()
    for message in ET.parse(I18N / "vi.ts").getroot().iter("message"):
        source = message.findtext("source", "")
        translation = message.findtext("translation", "") or ""
        if translation and translation != source and "{" not in source and "%" not in source:
            out.add(_plain(source))
    return out


def _plain(text: str) -> str:
    text = re.sub(r"<[^>]+>", "", text).replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.split("\t")[0].strip()


def visible_texts(window: MainWindow) -> list[str]:
    """Every string a person sees in the window now."""
    texts = [window.windowTitle()]
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QLineEdit) and not widget.text():
            texts.append(widget.placeholderText())
        elif isinstance(widget, QComboBox):
            texts.append(widget.currentText())
    for menu in window.menuBar().findChildren(QMenu):
        texts.append(menu.title())
        texts.extend(action.text() for action in menu.actions())
    model = window.model
    for column in range(model.columnCount()):
        texts.append(str(model.headerData(column, Qt.Orientation.Horizontal)))
        for row in range(model.rowCount()):
            texts.append(str(model.index(row, column).data() or ""))
    texts.append(window.statusBar().currentMessage())
    return [_plain(t) for t in texts if t and t.strip()]


@pytest.fixture
def busy_window(qtbot: QtBot, window: MainWindow, laptop: LaptopApp) -> MainWindow:
    """The window with something in every part: a list, counters, a record in the form."""
    record = make_record(laptop, result=Result.FOLLOW_UP, follow_up_date=laptop.today())
    make_record(laptop, full_name="Lê Văn Nam", cccd=None, category="DVC_SUBMIT",
                procedure_code="1.001193", online_level="full")
    window.refresh_list()
    qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=3000)
    qtbot.waitUntil(lambda: window.model.summary(1) is not None, timeout=3000)
    window.open_record(record.id)
    qtbot.waitUntil(lambda: window.form.editing is not None, timeout=3000)
    return window


def test_a_language_switch_leaves_no_string_of_the_other_language(
        qtbot: QtBot, busy_window: MainWindow, laptop: LaptopApp) -> None:
    window = busy_window
    data = {"Hỗ trợ số", "Tiếng Việt", "Trần Thị Lan", "Nguyễn Thị Hoà", "Lê Văn Nam"}
    window.act_en.trigger()
    qtbot.waitUntil(lambda: window.menu_file.title() == "&File", timeout=3000)
    settle(100)
    left = []
    for text in visible_texts(window):
        for name in data:
            text = text.replace(name, "")
        if VIETNAMESE.search(text):
            left.append(text)
    assert left == [], "Vietnamese left in the English UI"
    assert "Helped today" in window.records.counts_label.text()  # the counter too, at once

    window.act_vi.trigger()
    qtbot.waitUntil(lambda: window.menu_file.title() == "&Tệp", timeout=3000)
    settle(100)
    english = _english_sources()
    left = [t for t in visible_texts(window) if t in english]
    assert left == [], "English left in the Vietnamese UI"
    assert "Đã hỗ trợ hôm nay" in window.records.counts_label.text()


def test_qt_own_strings_are_vietnamese(qtbot: QtBot, window: MainWindow) -> None:
    menu = window.form.full_name.createStandardContextMenu()
    texts = [_plain(a.text()) for a in menu.actions() if not a.isSeparator()]
    assert "Hoàn tác" in texts and "Sao chép" in texts and "Dán" in texts
    assert "Chọn tất cả" in texts
    assert not any(t in ("Undo", "Copy", "Paste", "Select All") for t in texts)
    notes = window.form.notes.createStandardContextMenu()
    assert "Sao chép" in [_plain(a.text()) for a in notes.actions()]
    from PySide6.QtWidgets import QDialogButtonBox
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel
                           | QDialogButtonBox.StandardButton.Save)
    assert {b.text().replace("&", "") for b in box.buttons()} == {"Huỷ", "Lưu"}
    # Qt's file dialog (the one used where the system has none).
    from PySide6.QtWidgets import QFileDialog
    dialog = QFileDialog(window)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    labels = {_plain(label.text()) for label in dialog.findChildren(QLabel)}
    assert "Tên tệp:" in labels and "Loại tệp:" in labels
    dialog.deleteLater()


def test_in_english_qt_speaks_english_again(qtbot: QtBot, window: MainWindow,
                                            translations: Translations) -> None:
    translations.set_language("en")
    menu = window.form.full_name.createStandardContextMenu()
    assert "Copy" in [_plain(a.text()) for a in menu.actions()]


@pytest.mark.parametrize("language", ["vi", "en"])
def test_headers_and_filters_are_never_cut_mid_word(
        qtbot: QtBot, busy_window: MainWindow, translations: Translations,
        language: str) -> None:
    window = busy_window
    translations.set_language(language)
    window.resize(1280, 720)
    settle(100)
    header = window.table.horizontalHeader()
    for column in range(window.model.columnCount()):
        text = str(window.model.headerData(column, Qt.Orientation.Horizontal))
        needed = header.fontMetrics().horizontalAdvance(text)
        assert header.sectionSize(column) >= needed, text
    filters = window.filters
    for combo in (filters.neighbourhood, filters.category, filters.result, filters.status,
                  filters.sync_state):
        # The "all" choice each filter starts with is shown whole.
        assert combo.currentIndex() == 0
        needed = combo.fontMetrics().horizontalAdvance(combo.currentText())
        assert combo.width() - 28 >= needed, combo.currentText()
        # and its list shows every choice whole, however narrow the box.
        view = combo.view()
        widest = max(view.sizeHintForColumn(0), 0)
        assert view.minimumWidth() >= widest


@pytest.mark.parametrize("language", ["vi", "en"])
def test_shortcuts_read_ctrl_enter_not_ctrl_return(
        qtbot: QtBot, window: MainWindow, translations: Translations, language: str) -> None:
    translations.set_language(language)
    shown = window.act_save_next.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    assert shown == "Ctrl+Enter"
    keys = [s.toString() for s in window.act_save_next.shortcuts()]
    assert "Ctrl+Return" in keys  # the main Enter key works as well as the keypad's
    for action in (window.act_new, window.act_save, window.act_sync, window.act_delete):
        assert "Return" not in action.shortcut().toString(
            QKeySequence.SequenceFormat.NativeText)

