"""Run-time language switching (Vietnamese by default, English on request).

All UI text goes through ``self.tr()`` / ``QCoreApplication.translate`` with English source
strings; ``resources/i18n/vi.qm`` turns them into Vietnamese. Switching language installs the
other translator, which makes Qt send ``QEvent.LanguageChange`` to every widget; each window
answers it by calling its ``retranslate_ui()`` (the Qt Designer pattern).

Qt's own strings (the text fields' context menu, file dialogs, standard buttons, key names in
shortcuts) come from Qt's catalogues, and PySide6 ships no Vietnamese one: the app carries
``qt_vi.qm`` (from ``resources/i18n/qt_vi.ts``, Qt's contexts and source texts) and installs
it beside its own in Vietnamese. English needs none (Qt's source language).

Validation messages are not Qt translations: they come from the contract in both languages
(``message_vi`` / ``message_en``) and :func:`pick` chooses one.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QTranslator, Signal

import resources

I18N_DIR = Path(resources.__file__).resolve().parent / "i18n"
LANGUAGES: tuple[str, ...] = ("vi", "en")
DEFAULT_LANGUAGE = "vi"

_current = DEFAULT_LANGUAGE
# The language is app-wide state (like QLocale's default): whichever Translations object
# installs a catalogue replaces the ones installed before, so two never stack up.
_installed: list[QTranslator] = []
#: Catalogues of Qt's own strings, by language (none for English, Qt's source language).
QT_CATALOGUES = {"vi": "qt_vi.qm"}


def current_language() -> str:
    """The language the UI is shown in now ("vi" or "en")."""
    return _current


def pick(message_vi: str, message_en: str) -> str:
    """The contract's bilingual message in the UI's language."""
    return message_vi if _current == "vi" else message_en


def locale_for(language: str) -> QLocale:
    if language == "vi":
        return QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


class Translations(QObject):
    """Owns the installed translators.

    Signals:
        language_changed(str): after a new language is installed.
    """

    language_changed = Signal(str)

    def __init__(self, i18n_dir: Path = I18N_DIR) -> None:
        super().__init__()
        self._dir = i18n_dir

    def set_language(self, language: str) -> None:
        """Install ``language``; raises ``FileNotFoundError`` when its .qm file is missing."""
        global _current, _installed
        if language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r}; expected one of {LANGUAGES}")
        app = QCoreApplication.instance()
        assert app is not None, "create the QApplication first"
        names = [f"{language}.qm"]
        if language in QT_CATALOGUES:
            names.insert(0, QT_CATALOGUES[language])  # installed first, looked at last
        translators = []
        for name in names:
            translator = QTranslator()  # kept alive by _installed, not by this object
            qm = self._dir / name
            if not translator.load(str(qm)):
                raise FileNotFoundError(f"translation file missing or unreadable: {qm}")
            translators.append(translator)
        for old in _installed:
            QCoreApplication.removeTranslator(old)
        _current = language
        QLocale.setDefault(locale_for(language))
        _installed = translators
        for translator in translators:
            QCoreApplication.installTranslator(translator)
        self.language_changed.emit(language)
