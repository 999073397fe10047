"""Reference data, translations, icons and the stylesheet, shipped as package data."""

from pathlib import Path

#: The folder holding this package's files; PyInstaller bundles keep the same layout.
RESOURCES_DIR = Path(__file__).resolve().parent


def path(*parts: str) -> Path:
    """The path of a file inside ``resources/``."""
    return RESOURCES_DIR.joinpath(*parts)
