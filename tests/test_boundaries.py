"""The architecture's boundaries, enforced: see docs/architecture.md."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
QT_FREE = ["sync", "desktop/store", "desktop/io", "desktop/testdata", "resources"]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def _sources(*folders: str) -> list[Path]:
    return sorted(p for f in folders if (ROOT / f).exists() for p in (ROOT / f).rglob("*.py"))


def _offenders(folders: list[str], banned: tuple[str, ...]) -> list[str]:
    return [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in _sources(*folders)
        for name in sorted(_imports(path))
        if name.split(".")[0] in banned
    ]


def test_contract_store_and_server_import_no_qt() -> None:
    assert _offenders(QT_FREE, ("PySide6", "shiboken6")) == []


def test_sync_never_imports_desktop() -> None:
    assert _offenders(["sync"], ("desktop",)) == []


def test_the_laptop_side_never_imports_the_server() -> None:
    """What both ends share lives in sync/contract; the laptop never ships the ward server."""
    offenders = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in _sources("desktop", "sync/client", "sync/contract")
        for name in sorted(_imports(path))
        if name == "sync.server" or name.startswith("sync.server.")
    ]
    assert offenders == []


def test_gui_issues_no_sql_or_http() -> None:
    assert _offenders(["desktop/gui"], ("sqlalchemy", "requests", "sqlite3", "urllib3")) == []


def test_the_checker_sees_a_violation(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from PySide6.QtCore import QObject\nimport desktop.store\n", encoding="utf-8")
    assert _imports(bad) == {"PySide6.QtCore", "desktop.store"}


def _module_names(folder: str) -> list[str]:
    names = []
    for path in _sources(folder):
        if "migrations" in path.parts:
            continue  # Alembic scripts are loaded by Alembic, not imported
        rel = path.relative_to(ROOT).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts.pop()
        if parts[-1] == "__main__":
            continue
        names.append(".".join(parts))
    return names


@pytest.mark.parametrize("folder", QT_FREE)
def test_importing_qt_free_packages_loads_no_qt(folder: str) -> None:
    """Transitive imports too: load every module in a fresh interpreter and look."""
    modules = _module_names(folder)
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "server = sorted(m for m in sys.modules if m.startswith('desktop'))\n"
        "print(bad)\n"
        f"print(server if {folder!r} == 'sync' else [])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out == ["[]", "[]"], out
