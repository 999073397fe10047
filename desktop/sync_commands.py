"""``hotroso enroll``, ``hotroso sync`` and ``hotroso export-bundle``: sync without the GUI.

Plugged into the command line by listing ``"desktop.sync_commands"`` in
:data:`desktop.commands.COMMAND_MODULES` (one ``register`` adds the three subcommands).
Exit statuses: 0 done; 1 could not finish (the message says why; nothing is lost);
2 the device was revoked.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop.app.types import Status, SyncProgress
from desktop.commands.common import FAILED, OK, USAGE, language, open_app, say
from sync.client.errors import SyncError

REVOKED_EXIT = 2


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "enroll", parents=[common], help="connect this laptop to the ward server (one-time code)"
    )
    parser.add_argument(
        "--server", metavar="URL", help="e.g. https://ward.example (may come with the QR text)"
    )
    parser.add_argument(
        "--code", required=True, help="the one-time code from the ward staff, or the QR text"
    )
    parser.add_argument("--ca-cert", type=Path, help="the ward's own CA certificate (PEM)")
    parser.add_argument(
        "--allow-insecure",
        action="store_true",
        help="allow plain http:// to a server beyond this machine (only when the ward says so: "
        "records and the token then cross the network unencrypted)",
    )
    parser.set_defaults(run=run_enroll)

    parser = subparsers.add_parser(
        "sync", parents=[common], help="send new records to the ward and fetch its answers"
    )
    parser.add_argument("--quiet", action="store_true", help="only the summary line")
    parser.set_defaults(run=run_sync)

    parser = subparsers.add_parser(
        "export-bundle", parents=[common], help="write unsent records to one file (USB stick)"
    )
    parser.add_argument("file", type=Path)
    parser.set_defaults(run=run_export_bundle)


def run_enroll(args: argparse.Namespace) -> int:
    with open_app(args) as app:
        profile = app.profile.current
        label = profile.volunteer_name if profile else ""
        try:
            enrolment = app.sync.enroll(
                args.server, args.code, device_label=label, ca_cert=args.ca_cert,
                allow_insecure=args.allow_insecure,
            ).value
        except SyncError as exc:
            say(args, exc.message_vi, exc.message_en, error=True)
            return FAILED
    say(
        args,
        f"Đã đăng ký với {enrolment.server_url} (thiết bị {enrolment.device_id}).",
        f"Enrolled with {enrolment.server_url} (device {enrolment.device_id}).",
    )
    return OK


def run_sync(args: argparse.Namespace) -> int:
    with open_app(args) as app:

        def progress(p: SyncProgress) -> None:
            if not args.quiet:
                print(f"  {p.phase.value}: {p.done}/{p.total}", file=sys.stderr)

        report = app.sync.run(progress).value
    lang = language(args)
    for rejected in report.rejected_records:
        key = "message_vi" if lang == "vi" else "message_en"
        print(f"  ✗ {rejected['record_id']} (rev {rejected['revision']}): {rejected[key]}")
    print(report.summary(lang), file=sys.stdout if report.ok else sys.stderr)
    if report.status is Status.REVOKED:
        return REVOKED_EXIT
    return OK if report.ok else FAILED


def run_export_bundle(args: argparse.Namespace) -> int:
    if args.file.suffix == "":
        args.file = args.file.with_suffix(".hotroso-bundle")
    with open_app(args) as app:
        try:
            count = app.sync.export_bundle(args.file).value
        except SyncError as exc:
            say(args, exc.message_vi, exc.message_en, error=True)
            return USAGE
    say(
        args,
        f"Đã ghi {count} bản ghi chưa gửi vào {args.file}. Mang tệp này đến phường; lần đồng "
        "bộ tới máy sẽ biết kết quả.",
        f"Wrote {count} unsent records to {args.file}. Take it to the ward; the next sync "
        "tells this laptop the outcome.",
    )
    return OK
