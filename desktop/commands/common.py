"""What every subcommand shares: the common options, opening the app, bilingual output.

Subcommands work through the application layer (:class:`desktop.app.LaptopApp`), the same
operations the GUI runs, so both say and do the same things.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from desktop.app import LaptopApp
from desktop.paths import data_dir

#: Exit statuses.
OK, FAILED, USAGE, PARTIAL = 0, 1, 2, 3


def common_options(*, subcommand: bool = False) -> argparse.ArgumentParser:
    """The parent parser giving ``hotroso`` and every subcommand ``--data-dir`` and ``--lang``.

    A subcommand's copy has no defaults, so ``hotroso --data-dir X import F`` keeps the X given
    before the subcommand instead of resetting it to None.
    """
    parent = argparse.ArgumentParser(
        add_help=False, argument_default=argparse.SUPPRESS if subcommand else None
    )
    parent.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        help="folder holding the database (default: $HOTROSO_DATA_DIR, else the user data folder)",
    )
    parent.add_argument(
        "--lang",
        choices=("vi", "en"),
        help="language of messages (default: $HOTROSO_LANG, else Vietnamese)",
    )
    return parent


def language(args: argparse.Namespace) -> str:
    chosen = getattr(args, "lang", None) or os.environ.get("HOTROSO_LANG", "vi")
    return chosen if chosen in ("vi", "en") else "vi"


def say(args: argparse.Namespace, vi: str, en: str, *, error: bool = False) -> None:
    print(vi if language(args) == "vi" else en, file=sys.stderr if error else sys.stdout)


def open_app(args: argparse.Namespace) -> LaptopApp:
    """The application layer on the store of ``--data-dir`` (or the default folder)."""
    return LaptopApp.open(data_dir(getattr(args, "data_dir", None)))
