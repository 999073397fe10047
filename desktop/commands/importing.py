"""``hotroso import FILE`` and ``hotroso import --template FILE``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop.app.transfer import TransferOps
from desktop.app.types import CSV_SUFFIXES, XLSX_SUFFIXES, FileFormatError, ImportReport
from desktop.commands.common import OK, PARTIAL, USAGE, language, open_app, say


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "import",
        parents=[common],
        help="import residents from a CSV (UTF-8) or XLSX file; see docs/import.md",
        description="Every row is validated; valid rows are stored whole, the others are "
        "listed with their line number, field and reason. Importing a file again adds "
        "nothing. Exit status: 0 all rows stored or already present, 3 some rows rejected, "
        "1 the file could not be imported.",
    )
    parser.add_argument("file", type=Path, nargs="?", help="the .csv or .xlsx file to import")
    parser.add_argument(
        "--template",
        type=Path,
        metavar="FILE",
        help="write an empty template (.csv or .xlsx; .xlsx adds a guide sheet) and stop",
    )
    parser.add_argument(
        "--headers",
        choices=("vi", "en"),
        default="vi",
        help="header style of the template (both are accepted on import)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.template is not None:
        return _template(args)
    if args.file is None:
        say(
            args,
            "Hãy cho biết tệp cần nhập, ví dụ: hotroso import danh-sach.xlsx",
            "Name the file to import, e.g.: hotroso import residents.xlsx",
            error=True,
        )
        return USAGE
    with open_app(args) as app:
        report = app.transfer.import_file(args.file).value
    _print_report(args, report)
    return PARTIAL if report.problems else OK


def _template(args: argparse.Namespace) -> int:
    path: Path = args.template
    if path.suffix.lower() not in CSV_SUFFIXES + XLSX_SUFFIXES:
        raise FileFormatError(
            "Tệp mẫu phải có đuôi .csv hoặc .xlsx.", "The template must end in .csv or .xlsx."
        )
    TransferOps.write_template(path, style=args.headers)
    say(args, f"Đã tạo tệp mẫu {path}.", f"Template written to {path}.")
    return OK


def _print_report(args: argparse.Namespace, report: ImportReport) -> None:
    lang = language(args)
    for header in report.unknown_headers:
        say(
            args,
            f"Bỏ qua cột không nhận ra: “{header}”.",
            f"Ignored an unrecognised column: “{header}”.",
        )
    for problem in report.problems:
        say(args, f"Dòng {problem.line}, {problem.column(lang)}: {problem.message(lang)}",
            f"Line {problem.line}, {problem.column(lang)}: {problem.message(lang)}")  # fmt: skip
    for line, first in report.duplicates:
        say(
            args,
            f"Dòng {line}: trùng hoàn toàn với dòng {first}, bỏ qua.",
            f"Line {line}: identical to line {first}, skipped.",
        )
    say(
        args,
        f"{report.file.name}: {report.rows} dòng; đã lưu {report.stored}; đã có từ trước "
        f"{report.already_present}; trùng trong tệp {len(report.duplicates)}; "
        f"bị từ chối {report.rejected}.",
        f"{report.file.name}: {report.rows} rows; stored {report.stored}; already present "
        f"{report.already_present}; duplicates in the file {len(report.duplicates)}; "
        f"rejected {report.rejected}.",
    )
    if report.consent_stamped:
        say(
            args,
            f"{report.consent_stamped} dòng có đồng ý nhưng không ghi thời điểm hoặc phiên bản "
            "thông báo: đã ghi thời điểm nhập tệp và thông báo đang áp dụng.",
            f"{report.consent_stamped} rows had consent but no consent time or notice version: "
            "they were given the time of this import and the notice in force.",
        )
