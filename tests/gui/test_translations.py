"""Every interface string has a finished Vietnamese translation, and the .qm files are current.

The tools are PySide6's console scripts beside the interpreter (``update_translations.tool``),
so these tests run under the README's test command, which does not activate the venv: they
never skip.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "resources" / "i18n"
sys.path.insert(0, str(ROOT / "scripts"))

import update_translations  # noqa: E402


def _untranslated(ts: Path) -> list[str]:
    missing = []
    for message in ET.parse(ts).getroot().iter("message"):
        translation = message.find("translation")
        source = message.findtext("source", "")
        forms = [f.text or "" for f in translation.iter("numerusform")] \
            if translation is not None and message.get("numerus") == "yes" else []
        text = " ".join(forms) if forms else (translation.text or "") \
            if translation is not None else ""
        if translation is None or translation.get("type") in ("unfinished", "vanished",
                                                               "obsolete") \
                or not text.strip() or (forms and not all(f.strip() for f in forms)):
            missing.append(source)
    return missing


def test_every_string_in_the_code_has_a_finished_vietnamese_translation(
        tmp_path: Path) -> None:
    fresh = tmp_path / "vi.ts"
    shutil.copy(I18N / "vi.ts", fresh)
    subprocess.run([update_translations.tool("pyside6-lupdate"),
                    *map(str, update_translations.sources()),
                    "-no-obsolete", "-target-language", "vi", "-ts", str(fresh)],
                   check=True, capture_output=True)
    missing = _untranslated(fresh)
    assert not missing, ("untranslated in resources/i18n/vi.ts (run python "
                         f"scripts/update_translations.py, then translate): {missing}")


def test_the_qt_strings_catalogue_is_finished() -> None:
    """Qt's own strings (context menus, file dialogs, buttons) in Vietnamese: no entry left
    untranslated in qt_vi.ts."""
    assert _untranslated(I18N / "qt_vi.ts") == []


def test_committed_qm_files_match_the_ts_sources() -> None:
    assert update_translations.stale_catalogues() == [], (
        "run python scripts/update_translations.py and commit resources/i18n/*.qm")
