"""``hotroso protection``: how the data on this laptop is encrypted, and changing it.

    hotroso protection status           # keyring or passphrase, and where the data is
    hotroso protection use-passphrase   # re-encrypt with a passphrase (asked twice)
    hotroso protection use-keyring      # re-encrypt with a random key in the OS keyring
    hotroso protection set-aside        # move an unreadable database away (nothing deleted)

A change re-writes the database through a verified copy (see desktop/store/protection.py);
docs/privacy.md explains the choice and the recovery path.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from desktop.app import protection
from desktop.app.protection import new_passphrase, system_clock
from desktop.commands.common import (
    ENV_PASSPHRASE,
    FAILED,
    OK,
    ask_passphrase,
    language,
    open_store,
    say,
)
from desktop.paths import data_dir


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "protection", parents=[common],
        help="how the data is encrypted (keyring or passphrase); change it",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("status", parents=[common], help="show the protection").set_defaults(
        run=run_status)
    change = actions.add_parser(
        "use-passphrase", parents=[common],
        help=f"re-encrypt with a new passphrase (typed twice, or ${ENV_PASSPHRASE}_NEW)")
    change.set_defaults(run=run_use_passphrase)
    actions.add_parser(
        "use-keyring", parents=[common],
        help="re-encrypt with a random key kept in the OS keyring").set_defaults(
        run=run_use_keyring)
    aside = actions.add_parser(
        "set-aside", parents=[common],
        help="move a database that cannot be opened (lost key) into a dated sub-folder")
    aside.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    aside.set_defaults(run=run_set_aside)


def run_status(args: argparse.Namespace) -> int:
    directory = data_dir(getattr(args, "data_dir", None))
    state = protection.inspect(directory)
    keyring_ok = protection.keyring_available()
    where = {
        protection.Mode.KEYRING: ("khoá ngẫu nhiên trong kho khoá của máy",
                                  "a random key in this computer's keyring"),
        protection.Mode.PASSPHRASE: ("mật khẩu hỏi mỗi lần mở", "a passphrase asked at each start"),
        None: ("mật khẩu (không có ghi chép)", "a passphrase (nothing recorded)"),
    }[state.mode]
    if state.kind is protection.FileKind.NEW:
        vi, en = "Chưa có dữ liệu.", "No data yet."
    elif state.kind is protection.FileKind.PLAIN:
        vi = "CHƯA mã hoá (sẽ được mã hoá khi mở lần tới)."
        en = "NOT encrypted (it will be encrypted when next opened)."
    else:
        vi, en = f"Đã mã hoá bằng {where[0]}.", f"Encrypted with {where[1]}."
    available = ("có", "available") if keyring_ok else ("không có", "not available")
    say(args, f"Dữ liệu: {state.db_path}\n{vi}\nKho khoá của máy: {available[0]}.",
        f"Data: {state.db_path}\n{en}\nKeyring on this computer: {available[1]}.")
    return OK


def run_use_passphrase(args: argparse.Namespace) -> int:
    from_env = os.environ.get(ENV_PASSPHRASE + "_NEW")
    with open_store(args) as store:  # asks for the current passphrase first, if there is one
        passphrase = new_passphrase(from_env) if from_env else ask_passphrase(args, new=True)
        protection.change_protection(store, protection.Mode.PASSPHRASE, passphrase=passphrase)
    say(args, "Đã mã hoá lại dữ liệu bằng mật khẩu mới. Hãy nhớ mật khẩu: không có nó thì "
        "không đọc được dữ liệu.",
        "The data is now encrypted with the new passphrase. Remember it: without it the "
        "data cannot be read.")
    return OK


def run_use_keyring(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        protection.change_protection(store, protection.Mode.KEYRING)
    say(args, "Đã mã hoá lại dữ liệu bằng khoá cất trong kho khoá của máy.",
        "The data is now encrypted with a key kept in this computer's keyring.")
    return OK


def run_set_aside(args: argparse.Namespace) -> int:
    directory = data_dir(getattr(args, "data_dir", None))
    if protection.inspect(directory).kind is not protection.FileKind.ENCRYPTED:
        say(args, "Không có dữ liệu mã hoá nào để chuyển đi.", "There is no encrypted data to "
            "move away.", error=True)
        return FAILED
    if not args.yes:
        question = ("Chuyển dữ liệu không mở được vào một thư mục riêng (không xoá gì) để bắt "
                    "đầu dữ liệu mới? [c/K] " if language(args) == "vi" else
                    "Move the data that cannot be opened into a separate folder (nothing is "
                    "deleted) and start afresh? [y/N] ")
        print(question, end="", flush=True, file=sys.stderr)
        if sys.stdin.readline().strip().lower() not in ("c", "có", "y", "yes"):
            return FAILED
    target = protection.set_aside(directory, now=system_clock())
    say(args, f"Đã chuyển sang {target}. Không xoá gì; lần mở tới sẽ tạo dữ liệu mới.",
        f"Moved to {target}. Nothing was deleted; the next start creates new data.")
    return OK
