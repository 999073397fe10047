"""Portable mode: the app and its data on one USB stick, nothing left on the computer.

A built app (PyInstaller bundle) keeps its data in ``data/`` beside the executable when a
marker file named ``portable.txt`` sits beside the executable. Deciding *where the data is*
stays in one function, :func:`desktop.paths.portable_data_dir` (part of the data-folder
precedence: ``--data-dir``, then ``$HOTROSO_DATA_DIR``, then the marker, then the per-user
folder); this module adds the ways to switch portable mode on:

- ``hotroso --portable`` writes the marker and uses the portable folder, so the next
  double-click on the stick is portable too;
- ``python scripts/build_app.py --portable`` puts the marker into the built folder.

Only a built app honours the marker: run from source, the "executable" is the shared Python
interpreter, and a marker beside it must not redirect everyone's data.
"""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.paths import PORTABLE_MARKER, portable_data_dir
from desktop.store.errors import StoreError

MARKER_TEXT = """\
Hỗ trợ số - chế độ di động (portable)
Khi có tệp này bên cạnh hotroso.exe, dữ liệu được lưu trong thư mục "data" ngay bên cạnh,
để mang theo trên USB. Xoá tệp này để dùng thư mục dữ liệu của người dùng trên máy.

Hỗ trợ số - portable mode
While this file sits next to hotroso.exe, the data is kept in the "data" folder next to it,
so it travels on the USB stick. Delete this file to use the computer's per-user data folder.
"""


class PortableModeError(StoreError):
    """Portable mode cannot be switched on here (message in both languages)."""


def app_folder(executable: Path | None = None) -> Path:
    """The folder holding the app's executable."""
    return (executable or Path(sys.executable)).resolve().parent


def write_marker(folder: Path) -> Path:
    """Put the portable-mode marker into ``folder`` (the app's folder); returns its path."""
    marker = folder / PORTABLE_MARKER
    marker.write_text(MARKER_TEXT, encoding="utf-8")
    return marker


def enable(executable: Path | None = None, *, frozen: bool | None = None) -> Path:
    """Switch portable mode on for the app at ``executable``; returns its data folder.

    Raises:
        PortableModeError: run from source (use ``--data-dir`` there), or the app's folder is
            read-only (a write-protected stick or a CD).
    """
    is_frozen = bool(getattr(sys, "frozen", False)) if frozen is None else frozen
    if not is_frozen:
        raise PortableModeError(
            "--portable chỉ dùng cho ứng dụng đã đóng gói; khi chạy từ mã nguồn hãy dùng "
            "--data-dir THƯ_MỤC.",
            "--portable only applies to the packaged app; from source use --data-dir DIR.",
        )
    folder = app_folder(executable)
    try:
        write_marker(folder)
    except OSError as exc:
        raise PortableModeError(
            f"Không bật được chế độ di động: không ghi được vào {folder} ({exc.strerror}). "
            "USB có bị khoá ghi không?",
            f"Cannot switch portable mode on: {folder} is not writable ({exc.strerror}). "
            "Is the USB stick write-protected?",
        ) from exc
    data = portable_data_dir(executable or Path(sys.executable), frozen=True)
    assert data is not None, "the marker was just written"
    return data
