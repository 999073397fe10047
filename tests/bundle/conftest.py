"""Fixtures for the bundle tests: a built app (once per session) and a data folder with a profile.

Building takes ~30 s on two cores, so only tests marked ``bundle`` use ``built_app``; the
self-test and portable-mode logic are also tested from source, fast, without it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "build.spec"
EXE_NAME = "hotroso.exe" if sys.platform == "win32" else "hotroso"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The offscreen platform warns that it cannot resize native windows; harmless here.
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_ignore("propagateSizeHints"))


@dataclass(frozen=True)
class BuiltApp:
    folder: Path
    executable: Path
    build_seconds: float


@pytest.fixture(scope="session")
def built_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuiltApp]:
    """The app built with ``build.spec`` into a temp folder (never the repo's dist/)."""
    out = tmp_path_factory.mktemp("bundle")
    started = time.perf_counter()
    result = subprocess.run(
        [
            sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
            "--distpath", str(out / "dist"), "--workpath", str(out / "work"), str(SPEC),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    seconds = time.perf_counter() - started
    assert result.returncode == 0, f"PyInstaller failed:\n{result.stdout}\n{result.stderr}"
    folder = out / "dist" / "hotroso"
    yield BuiltApp(folder=folder, executable=folder / EXE_NAME, build_seconds=seconds)


#: The app's data is encrypted; a child process has no keyring here (tests/conftest.py), so it
#: opens its store with a passphrase from the environment.
PASSPHRASE = "bundle tests passphrase"


def app_env(**overrides: str) -> dict[str, str]:
    """The environment for running the built app: offscreen, tmp dirs from tests/conftest."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOTROSO_PASSPHRASE=PASSPHRASE)
    env.update(overrides)
    return env


@pytest.fixture()
def profile_dir(tmp_path: Path) -> Path:
    """A data folder whose store already has a volunteer profile (no first-run setup)."""
    from desktop.store import Store
    from desktop.store.profile import ProfileRepository

    folder = tmp_path / "data"
    with Store.open(folder) as store:
        ProfileRepository(store).save(
            volunteer_name="Nguyễn Thị Lan", neighbourhood_code="HT01", language="vi",
            server_url=None,
        )
    return folder
