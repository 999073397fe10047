"""The top-level options of ``hotroso`` that concern the built app rather than the records:
``--self-test``, ``--startup-probe`` (hidden) and ``--portable``.

``desktop.cli`` calls :func:`add_arguments` while building its parser and :func:`handle` right
after parsing; ``handle`` either runs the check and returns the exit status, or adjusts the
parsed arguments (``--portable`` sets ``data_dir``) and returns None for the normal start-up.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from desktop.store.errors import StoreError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="kiểm tra bản cài đặt (không hiện cửa sổ) rồi thoát / check this installation "
        "works (offscreen) and exit: 0 when it does",
    )
    parser.add_argument(
        "--portable",
        action="store_true",
        help="giữ dữ liệu trong thư mục data cạnh ứng dụng (USB) / keep the data in the data "
        "folder next to the app (USB stick); writes the portable.txt marker",
    )
    parser.add_argument(
        "--staff",
        action="store_true",
        help="mở chế độ cán bộ phường (đăng nhập) / open ward staff mode (sign in)",
    )
    # For tests and benchmarks: time from process start to the main window, then exit.
    parser.add_argument("--startup-probe", action="store_true", help=argparse.SUPPRESS)


def handle(args: argparse.Namespace, arguments: Sequence[str] = ()) -> int | None:
    """Run ``--self-test`` / ``--startup-probe`` (returns the exit status), or apply
    ``--portable`` to ``args.data_dir`` and return None."""
    if getattr(args, "portable", False) and getattr(args, "data_dir", None) is None:
        from desktop import portable

        try:
            args.data_dir = portable.enable()
        except StoreError as exc:
            print(exc.message_vi, exc.message_en, sep="\n", file=sys.stderr)
            return 1
    if getattr(args, "self_test", False):
        from desktop.selftest import main as self_test

        return self_test()
    if getattr(args, "startup_probe", False):
        from desktop.startup_probe import run_probe

        qt_arguments = [a for a in arguments if a != "--startup-probe"]
        return run_probe(qt_arguments, getattr(args, "data_dir", None))
    return None
