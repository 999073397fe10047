"""The ``hotroso`` command line (also ``python -m desktop``).

Without a subcommand it opens the GUI. Subcommands live in :mod:`desktop.commands` (see its
docstring to add one).
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from desktop import __version__, launch_options
from desktop.commands import COMMAND_MODULES
from desktop.commands.common import FAILED, common_options, language
from sync.contract.errors import KnownError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hotroso",
        parents=[common_options()],
        description="Hỗ trợ số: ghi nhận lượt hỗ trợ người dân / record the help given to "
        "residents. Without a command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"hotroso {__version__}")
    launch_options.add_arguments(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers, common_options(subcommand=True))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(arguments)
    handled = launch_options.handle(args, arguments)
    if handled is not None:
        return handled
    if args.command is None:
        return _open_gui(arguments, args.data_dir, args)
    try:
        status: int = args.run(args)
    except KnownError as exc:
        print(exc.message(language(args)), file=sys.stderr)
        return FAILED
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Output piped into `head` and the reader left: not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return FAILED
    return status


def _open_gui(arguments: list[str], data_dir: Path | None, args: argparse.Namespace) -> int:
    if importlib.util.find_spec("desktop.gui") is None or (
        importlib.util.find_spec("desktop.gui.app") is None
    ):
        message = {
            "vi": "Giao diện đồ hoạ sắp có. Hiện dùng được: hotroso profile/import/export "
            "(xem hotroso --help).",
            "en": "The graphical app is coming. Available now: hotroso profile/import/export "
            "(see hotroso --help).",
        }
        print(message[language(args)])
        return 0
    app = importlib.import_module("desktop.gui.app")
    status: int = app.run(["hotroso", *arguments], data_dir=data_dir,
                          staff=bool(getattr(args, "staff", False)))
    return status


if __name__ == "__main__":
    raise SystemExit(main())
