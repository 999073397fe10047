"""Test hygiene shared by every test: offscreen Qt, data and config dirs in tmp, no real keyring."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Must be set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The tests must never read or write the developer's real keyring.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"


@pytest.fixture(autouse=True)
def _isolated_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Point the app's data and config directories at a fresh temp dir for every test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOTROSO_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "xdg-config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "xdg-cache"))
    yield home


@pytest.fixture(autouse=True)
def store_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """The store's keys go to an in-memory keyring for each test (the app's default is the OS
    keyring; a test asking for "no keyring" passes its own ``OsKeyring(null.Keyring())``)."""
    from desktop.store import keys
    from tests.keyrings import MemoryKeyring

    ring = MemoryKeyring()
    monkeypatch.setattr(keys, "default_keystore", lambda: keys.OsKeyring(ring))
    yield ring
