"""``hotroso-server report`` (and ``lock-period`` / ``unlock-period``): reports from the
command line.

To register them, in ``sync/server/cli.py``'s ``_parser()`` after the other sub-commands::

    from sync.server.reports.command import add_report_commands
    add_report_commands(sub, common)

Each sub-command sets ``run=`` to a function taking ``(args, engine, now)`` like the others, so
``main()`` runs it after applying the migrations and prints its :class:`KnownError` the usual
way. The work itself is :func:`run_report_command`, which the tests and the GUI's server call
directly.

    hotroso-server report --db URL --from 2025-01-01 --to 2025-06-30 --format pdf bc.pdf
"""

from __future__ import annotations

import argparse
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from sync.contract.errors import KnownError
from sync.server.checks import ReferenceCache
from sync.server.reports.formatting import vn_int
from sync.server.reports.locks import lock_period, unlock_period
from sync.server.reports.periods import Period
from sync.server.reports.report import FORMATS, Format, build_report, parse_format, render
from sync.server.reports.settings import ReportSettings, load_settings, save_settings

Clock = Callable[[], datetime]


class ReportCommandError(KnownError):
    """A report command's argument that cannot be used."""


@dataclass(frozen=True, slots=True)
class ReportWritten:
    path: Path
    period: Period
    records: int
    residents: int
    online_dossiers: int
    locked: bool

    def summary(self) -> str:
        state = " (số liệu đã chốt / locked figures)" if self.locked else ""
        return (
            f"{self.period.label_vi} ({self.period.dates_vi()}){state}: "
            f"{vn_int(self.records)} lượt hỗ trợ / records, {vn_int(self.residents)} người dân / "
            f"residents, {vn_int(self.online_dossiers)} hồ sơ trực tuyến / online dossiers "
            f"-> {self.path}"
        )


def _utc_now() -> datetime:
    return datetime.now(UTC)


def run_report_command(
    engine: Engine,
    from_date: date,
    to_date: date,
    fmt: Format | str,
    path: Path,
    settings: ReportSettings | None = None,
    *,
    now: Clock = _utc_now,
) -> ReportWritten:
    """Write the report of ``from_date``..``to_date`` (both included) to ``path``.

    ``settings`` None = the ward's stored settings (else the defaults). A locked period's
    report comes from its lock's snapshot. The file is written whole or not at all.
    """
    chosen = parse_format(fmt) if isinstance(fmt, str) else fmt
    suffix = path.suffix.lower().lstrip(".")
    if suffix in FORMATS and suffix != chosen:
        raise ReportCommandError(
            f"Tệp {path.name} có đuôi .{suffix} nhưng định dạng là {chosen}.",
            f"{path.name} ends in .{suffix} but the format is {chosen}.",
        )
    period = Period.between(from_date, to_date)
    moment = now()
    reference = ReferenceCache(engine, now).current()
    with engine.connect() as conn:
        report = build_report(conn, period, reference, now=moment)
        chosen_settings = settings if settings is not None else load_settings(conn, reference)
    data = render(report, chosen, chosen_settings.validate(), made_at=moment)
    _write_atomically(path, data)
    total = report.figures.current.total
    return ReportWritten(
        path, period, total.records, total.residents, total.online_dossiers, report.locked
    )


def add_report_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``report``, ``lock-period`` and ``unlock-period`` to ``hotroso-server``."""
    report = sub.add_parser(
        "report", parents=[common], help="period report as CSV, XLSX or a printable PDF"
    )
    _period_options(report)
    report.add_argument("--format", choices=FORMATS, help="default: the file's extension")
    report.add_argument("file", type=Path, help="where to write the report")
    report.add_argument("--number", help="document number on the PDF (Số: …/BC-UBND)")
    report.add_argument("--signer-name", help="the signer's full name")
    report.add_argument(
        "--signer-title", action="append", help="a line of the signature block (repeatable)"
    )
    report.add_argument(
        "--issuing-body", action="append", help="a line of the issuing body (repeatable)"
    )
    report.add_argument("--place-name", help="the place in the date line (Phường …)")
    report.add_argument(
        "--save-settings", action="store_true", help="keep these settings for later reports"
    )
    report.set_defaults(run=_run_report)

    lock = sub.add_parser("lock-period", parents=[common], help="lock a period's figures")
    _period_options(lock)
    lock.add_argument("--by", required=True, help="who locks (name shown in the history)")
    lock.set_defaults(run=_run_lock)

    unlock = sub.add_parser("unlock-period", parents=[common], help="unlock, with a reason")
    _period_options(unlock)
    unlock.add_argument("--by", required=True, help="who unlocks")
    unlock.add_argument("--reason", required=True, help="why (kept in the history)")
    unlock.set_defaults(run=_run_unlock)


def parse_day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ReportCommandError(
            f"{option} “{text}” không phải ngày dạng NĂM-THÁNG-NGÀY (ví dụ 2025-06-30).",
            f"{option} “{text}” is not a date written YEAR-MONTH-DAY (e.g. 2025-06-30).",
        ) from None


def _period_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="from_date", required=True, help="first day, YYYY-MM-DD")
    parser.add_argument("--to", dest="to_date", required=True, help="last day, YYYY-MM-DD")


def _period(args: argparse.Namespace) -> tuple[date, date]:
    return parse_day(args.from_date, "--from"), parse_day(args.to_date, "--to")


def _run_report(args: argparse.Namespace, engine: Engine, now: Clock) -> int:
    start, end = _period(args)
    fmt = args.format or args.file.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ReportCommandError(
            "Hãy cho --format csv, xlsx hoặc pdf (hoặc đặt tên tệp có đuôi đó).",
            "Give --format csv, xlsx or pdf (or a file name ending in one of them).",
        )
    reference = ReferenceCache(engine, now).current()
    with engine.connect() as conn:
        settings = load_settings(conn, reference)
    changes: dict[str, Any] = {}
    if args.number is not None:
        changes["number"] = args.number
    if args.signer_name is not None:
        changes["signer_name"] = args.signer_name
    if args.signer_title:
        changes["signer_titles"] = tuple(args.signer_title)
    if args.issuing_body:
        changes["issuing_body"] = tuple(args.issuing_body)
    if args.place_name is not None:
        changes["place_name"] = args.place_name
    settings = replace(settings, **changes).validate()
    if args.save_settings:
        with engine.begin() as conn:
            save_settings(conn, settings, by="hotroso-server report", now=now())
    written = run_report_command(engine, start, end, fmt, args.file, settings, now=now)
    print(written.summary())
    return 0


def _run_lock(args: argparse.Namespace, engine: Engine, now: Clock) -> int:
    start, end = _period(args)
    period = Period.between(start, end)
    reference = ReferenceCache(engine, now).current()
    with engine.begin() as conn:
        lock_id = lock_period(conn, period, reference, by=args.by, now=now())
    print(f"Đã chốt số liệu / locked: {period.label_vi} ({period.dates_vi()}), lock {lock_id}.")
    return 0


def _run_unlock(args: argparse.Namespace, engine: Engine, now: Clock) -> int:
    start, end = _period(args)
    period = Period.between(start, end)
    with engine.begin() as conn:
        lock_id = unlock_period(conn, period, by=args.by, reason=args.reason, now=now())
    print(f"Đã mở khoá / unlocked: {period.label_vi} ({period.dates_vi()}), lock {lock_id}.")
    return 0


def _write_atomically(path: Path, data: bytes) -> None:
    folder = path.resolve().parent
    if not folder.is_dir():
        raise ReportCommandError(
            f"Không có thư mục {folder}.", f"The folder {folder} does not exist."
        )
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    except OSError as exc:
        raise ReportCommandError(
            f"Không ghi được vào {folder}: {exc.strerror}.",
            f"Cannot write in {folder}: {exc.strerror}.",
        ) from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
