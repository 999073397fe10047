"""``hotroso export FILE``: every record as CSV or XLSX, with the import's headers.

The file holds personal data unprotected: a warning is printed first and the export is
recorded in the laptop's log (see :mod:`desktop.io.personal_export`).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop.app.transfer import PERSONAL_DATA_WARNING as WARNING
from desktop.commands.common import OK, open_app, say


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "export",
        parents=[common],
        help="write every record to a .csv (UTF-8) or .xlsx file",
    )
    parser.add_argument("file", type=Path, help="the .csv or .xlsx file to write")
    parser.add_argument(
        "--headers",
        choices=("en", "vi"),
        default="en",
        help="en: English field names and codes; vi: Vietnamese labels (both re-import)",
    )
    parser.add_argument("--include-deleted", action="store_true", help="also write deleted records")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    with open_app(args) as app:
        say(args, *WARNING, error=True)
        count = app.transfer.export_file(
            args.file, style=args.headers, include_deleted=args.include_deleted
        ).value
    say(args, f"Đã xuất {count} lượt hỗ trợ ra {args.file}.",
        f"Exported {count} records to {args.file}.")  # fmt: skip
    return OK
