"""Portable mode: the marker beside a built app keeps its data beside it; --portable sets it up."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pytest

from desktop import launch_options, paths, portable


def _parse(*arguments: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path)
    launch_options.add_arguments(parser)
    return parser.parse_args(arguments)


def test_enable_writes_the_marker_and_the_data_goes_beside_the_app(tmp_path: Path) -> None:
    exe = tmp_path / "hotroso.exe"

    data = portable.enable(exe, frozen=True)

    assert data == tmp_path / "data"
    marker = tmp_path / paths.PORTABLE_MARKER
    assert "portable" in marker.read_text(encoding="utf-8")
    # The marker alone now switches portable mode on for every later start.
    assert paths.portable_data_dir(exe, frozen=True) == tmp_path / "data"


def test_without_the_marker_a_built_app_uses_the_per_user_folder(tmp_path: Path) -> None:
    assert paths.portable_data_dir(tmp_path / "hotroso.exe", frozen=True) is None


def test_a_marker_beside_the_python_interpreter_is_ignored(tmp_path: Path) -> None:
    portable.write_marker(tmp_path)

    assert paths.portable_data_dir(tmp_path / "python", frozen=False) is None


def test_enable_from_source_says_to_use_data_dir() -> None:
    with pytest.raises(portable.PortableModeError) as caught:
        portable.enable(frozen=False)

    assert "--data-dir" in caught.value.message_en
    assert "--data-dir" in caught.value.message_vi


def test_enable_on_an_unwritable_folder_is_a_known_error(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "readme.txt"
    not_a_folder.write_text("a file, so nothing can be created inside it")

    with pytest.raises(portable.PortableModeError) as caught:
        portable.enable(not_a_folder / "hotroso.exe", frozen=True)

    assert str(not_a_folder) in caught.value.message_en
    assert "write-protected" in caught.value.message_en


def test_portable_flag_sets_the_data_dir_of_a_built_app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "hotroso"))
    args = _parse("--portable")

    assert launch_options.handle(args) is None  # go on with the normal start-up

    assert args.data_dir == tmp_path / "data"
    assert (tmp_path / paths.PORTABLE_MARKER).is_file()


def test_explicit_data_dir_beats_portable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "app" / "hotroso"))
    args = _parse("--portable", "--data-dir", str(tmp_path / "elsewhere"))

    assert launch_options.handle(args) is None

    assert args.data_dir == tmp_path / "elsewhere"
    assert not (tmp_path / "app" / paths.PORTABLE_MARKER).exists()


def test_portable_flag_from_source_exits_with_the_message(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = launch_options.handle(_parse("--portable"))

    assert code == 1
    err = capsys.readouterr().err
    assert "--portable only applies to the packaged app" in err
    assert "--portable chỉ dùng cho ứng dụng đã đóng gói" in err


def test_no_launch_option_means_the_normal_start_up() -> None:
    args = _parse()

    assert launch_options.handle(args) is None
    assert args.data_dir is None
