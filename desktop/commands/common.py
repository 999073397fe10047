"""What every subcommand shares: the common options, opening the app, bilingual output.

Subcommands work through the application layer (:class:`desktop.app.LaptopApp`), the same
operations the GUI runs, so both say and do the same things.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from desktop.app import LaptopApp, protection
from desktop.app.protection import Store, StoreError, StoreKey, new_passphrase
from desktop.paths import data_dir

#: A passphrase for scripts and headless machines (no keyring); typed in a terminal otherwise.
ENV_PASSPHRASE = protection.ENV_PASSPHRASE
PASSPHRASE_TRIES = 3

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


class PassphraseUnavailable(StoreError):
    """A passphrase is needed and cannot be asked for (no terminal, none in the environment)."""

    def __init__(self, why: StoreError) -> None:
        super().__init__(
            f"{why.message_vi} Chạy lệnh trong cửa sổ dòng lệnh để gõ mật khẩu, hoặc đặt biến "
            f"môi trường {ENV_PASSPHRASE}.",
            f"{why.message_en} Run the command in a terminal to type it, or set the "
            f"{ENV_PASSPHRASE} environment variable.",
        )


def open_store(args: argparse.Namespace) -> Store:
    """The store of ``--data-dir`` (or the default folder), opened through its protection.

    Keyring mode needs nothing; a passphrase comes from ``$HOTROSO_PASSPHRASE`` or is typed in
    the terminal (also to choose one where there is no keyring).
    """
    directory = data_dir(getattr(args, "data_dir", None))
    new = protection.inspect(directory).kind is not protection.FileKind.ENCRYPTED
    from_env = os.environ.get(ENV_PASSPHRASE)
    passphrase = None
    if from_env:
        passphrase = new_passphrase(from_env) if new else StoreKey.passphrase(from_env)
    for attempt in range(1, PASSPHRASE_TRIES + 1):
        try:
            return protection.open_store(directory, passphrase=passphrase)
        except (protection.PassphraseNeeded, protection.ProtectionChoiceNeeded) as exc:
            if from_env or not sys.stdin.isatty():
                raise PassphraseUnavailable(exc) from exc
            say(args, exc.message_vi, exc.message_en, error=True)
            passphrase = ask_passphrase(args, new=new)
        except protection.WrongPassphrase as exc:
            if from_env or not sys.stdin.isatty() or attempt == PASSPHRASE_TRIES:
                raise
            say(args, exc.message_vi, exc.message_en, error=True)
            passphrase = ask_passphrase(args, new=False)
    raise AssertionError("unreachable")


def ask_passphrase(args: argparse.Namespace, *, new: bool) -> StoreKey:
    """A passphrase typed in the terminal (twice when it is a new one)."""
    vi = language(args) == "vi"
    first = getpass.getpass("Mật khẩu dữ liệu: " if vi else "Data passphrase: ")
    if not new:
        return StoreKey.passphrase(first)
    again = getpass.getpass("Nhập lại: " if vi else "Again: ")
    return new_passphrase(first, again)
def open_app(args: argparse.Namespace) -> LaptopApp:
    """The application layer on the store of ``--data-dir`` (or the default folder), opened
    through its protection (:func:`open_store`)."""
    return LaptopApp(open_store(args))
