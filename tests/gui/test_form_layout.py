"""The entry form and Settings read as one aligned column: every section's fields start at
the same x, in both languages, whichever rows the category and result reveal."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop.gui.i18n import Translations
from desktop.gui.main_window import MainWindow
from tests.gui.test_settings import open_settings


def left_edges(owner: QWidget, widgets: list[QWidget]) -> set[int]:
    return {w.mapTo(owner, w.rect().topLeft()).x() for w in widgets if w.isVisible()}


def test_every_form_section_shares_one_label_column(
        qtbot, window: MainWindow, translations: Translations) -> None:  # type: ignore[no-untyped-def]
    form = window.form
    form.category.setCurrentIndex(form.category.findData("DVC_SUBMIT"))
    form.result.setCurrentIndex(form.result.findData("follow_up"))
    skip = {"birth_year", "neighbourhood_name", "consent"}
    for language, probe in (("vi", "Kết quả"), ("en", "Result")):
        translations.set_language(language)
        qtbot.waitUntil(lambda probe=probe: form.rows["result"].label.text() == probe,
                        timeout=3000)
        qtbot.wait(50)  # the layouts settle on the next pass of the event loop
        cells = [row.cell for name, row in form.rows.items() if name not in skip]
        visible = [c for c in cells if c.isVisible()]
        assert len(visible) >= 15, "the category and result should reveal their rows"
        assert len(left_edges(form, cells)) == 1, language
        label_edges = {row.label.mapTo(form, row.label.rect().topRight()).x()
                       for name, row in form.rows.items()
                       if name not in skip and row.label.isVisible()}
        assert len(label_edges) == 1, language


def test_settings_sections_share_one_label_column(
        qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    dialog = open_settings(qtbot, window)
    qtbot.wait(50)
    fields: list[QWidget] = [dialog.language, dialog.name, dialog.neighbourhood, dialog.server,
                             dialog.ca_cert, dialog.code]
    assert len(left_edges(dialog, fields)) == 1
    dialog.close()
