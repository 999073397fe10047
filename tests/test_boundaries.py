"""The architecture's boundaries, enforced: see docs/architecture.md.

The layers are import-linter contracts in pyproject.toml (``lint-imports`` runs them in the
test command; :func:`test_the_import_contracts_hold` here too). The checks below add what a
static graph cannot see: every Qt-free module imported in a fresh interpreter pulls in no
Qt, and no two modules import each other, even through others (no import circles).
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[1]
QT_FREE = ["sync", "desktop/store", "desktop/io", "desktop/app", "desktop/testdata",
           "resources"]


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


def _tool(name: str) -> str:
    """A console script of this virtualenv (beside the interpreter: it may not be on PATH)."""
    folder = Path(sys.executable).parent
    found = folder / (name + (".exe" if os.name == "nt" else ""))
    assert found.exists(), f"{name} is not installed beside {sys.executable}"
    return str(found)


def test_the_import_contracts_hold() -> None:
    result = subprocess.run([_tool("lint-imports"), "--no-cache"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" not in result.stdout.split("Contracts:")[-1].replace("0 broken", "")


def test_the_import_contracts_catch_a_gui_module_using_the_store(tmp_path: Path) -> None:
    """Guards the test above: the same contracts fail on a GUI module importing the store."""
    bad = ROOT / "desktop" / "gui" / "zz_contract_probe.py"
    bad.write_text('"""A deliberate violation."""\nimport desktop.store.records\n',
                   encoding="utf-8")
    try:
        result = subprocess.run([_tool("lint-imports"), "--no-cache"], cwd=ROOT,
                                capture_output=True, text=True)
    finally:
        bad.unlink()
    assert result.returncode != 0
    assert "desktop.gui.zz_contract_probe -> desktop.store.records" in result.stdout


def _circles(graph: grimp.ImportGraph) -> list[tuple[str, str]]:
    """Pairs of modules each of which imports the other (directly or through others)."""
    found: set[tuple[str, str]] = set()
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            if imported != module and graph.chain_exists(importer=imported, imported=module):
                found.add((min(module, imported), max(module, imported)))
    return sorted(found)


def test_no_import_circles() -> None:
    """Type-checking-only imports count too: a module that needs another's type and is
    needed by it should both depend on a small interface instead (see desktop/gui/host.py)."""
    graph = grimp.build_graph("desktop", "sync", "resources")
    assert "desktop.gui.main_window" in graph.modules  # the GUI is a package grimp sees
    assert _circles(graph) == []


def test_the_circle_finder_sees_a_circle() -> None:
    graph = grimp.ImportGraph()
    for name in ("pkg", "pkg.a", "pkg.b", "pkg.c"):
        graph.add_module(name)
    graph.add_import(importer="pkg.a", imported="pkg.b")
    graph.add_import(importer="pkg.b", imported="pkg.c")
    graph.add_import(importer="pkg.c", imported="pkg.a")
    assert ("pkg.a", "pkg.b") in _circles(graph)
