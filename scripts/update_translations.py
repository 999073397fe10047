"""Refresh the translation sources and build the compiled catalogues.

    python scripts/update_translations.py          # lupdate (.py -> .ts), lrelease (.ts -> .qm)
    python scripts/update_translations.py --check  # fail if the .qm files are not current

Source strings are English (``self.tr("…")`` / ``QCoreApplication.translate``). ``vi.ts``
holds the Vietnamese translations, edited with Qt Linguist (``pyside6-linguist``) or any XML
editor; ``en.ts`` is made with ``-pluralonly`` because English needs only plural forms.
See docs/translations.md.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES_DIR = ROOT / "desktop" / "gui"
I18N_DIR = ROOT / "resources" / "i18n"
LANGUAGES = {"vi": [], "en": ["-pluralonly"]}
#: Catalogues of Qt's own strings that Qt ships none of (edited by hand, not by lupdate).
QT_CATALOGUES = ("qt_vi",)


def tool(name: str) -> str:
    """A PySide6 console script, beside the running interpreter (the venv's ``bin/`` or
    ``Scripts\\``): the README's commands do not activate the venv, so it is not on PATH."""
    folder = Path(sys.executable).parent
    path = folder / (name + (".exe" if os.name == "nt" else ""))
    if not path.exists():
        raise FileNotFoundError(f"{name} is not installed beside {sys.executable}")
    return str(path)


def sources() -> list[Path]:
    return sorted(SOURCES_DIR.rglob("*.py"))


def lupdate() -> None:
    for language, extra in LANGUAGES.items():
        ts = I18N_DIR / f"{language}.ts"
        subprocess.run(
            [tool("pyside6-lupdate"), *map(str, sources()), *extra, "-no-obsolete",
             "-target-language", language, "-ts", str(ts)],
            check=True, cwd=ROOT)


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def catalogues() -> list[str]:
    return [*LANGUAGES, *QT_CATALOGUES]


def build() -> None:
    for name in catalogues():
        lrelease(I18N_DIR / f"{name}.ts", I18N_DIR / f"{name}.qm")


def stale_catalogues() -> list[str]:
    """Catalogues whose committed .qm differs from what lrelease makes of the .ts now."""
    stale = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in catalogues():
            fresh = Path(tmp) / f"{name}.qm"
            lrelease(I18N_DIR / f"{name}.ts", fresh)
            committed = I18N_DIR / f"{name}.qm"
            if not committed.exists() or committed.read_bytes() != fresh.read_bytes():
                stale.append(name)
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="only check that the .qm files match the .ts files")
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_catalogues()
        if stale:
            print("out of date: " + ", ".join(f"{s}.qm" for s in stale)
                  + " — run python scripts/update_translations.py", file=sys.stderr)
            return 1
        return 0
    lupdate()
    build()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
