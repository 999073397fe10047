"""Where data lives: --data-dir, then HOTROSO_DATA_DIR, then portable mode, then the user dir."""

from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest

from desktop import paths


def test_explicit_directory_wins(tmp_path: Path) -> None:
    assert paths.data_dir(tmp_path / "x") == tmp_path / "x"


def test_environment_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOTROSO_DATA_DIR", str(tmp_path / "env"))
    assert paths.data_dir() == tmp_path / "env"


def test_user_data_directory_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HOTROSO_DATA_DIR")
    assert paths.data_dir() == platformdirs.user_data_path("hotroso", appauthor=False)


def test_portable_marker_only_counts_for_a_frozen_build(tmp_path: Path) -> None:
    exe = tmp_path / "hotroso.exe"
    exe.write_bytes(b"")
    assert paths.portable_data_dir(exe, frozen=True) is None
    (tmp_path / paths.PORTABLE_MARKER).write_text("", encoding="utf-8")
    assert paths.portable_data_dir(exe, frozen=True) == tmp_path / "data"
    assert paths.portable_data_dir(exe, frozen=False) is None
