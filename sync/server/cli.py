"""``hotroso-server``: run and administer the ward server.

Every command takes ``--db URL`` (a SQLite file path or URL, or ``postgresql://…``) and
``--data-dir DIR``; the defaults come from the settings (``$HOTROSO_SERVER_DB``,
``$HOTROSO_SERVER_DATA_DIR``, else an embedded SQLite file in the per-user data folder).
``serve`` has one option per setting of :class:`sync.server.settings.ServerSettings`. Known
problems print a plain message (Vietnamese, then English) and exit 2; bugs keep their
traceback. Commands that change accounts, devices or record ownership are audited as the
console (``cli``).
"""

from __future__ import annotations

import argparse
import getpass
import ipaddress
import os
import sys
import types
import typing
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from pydantic import ValidationError
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from sync.contract.errors import KnownError
from sync.server import accounts, audit, erasure, ward
from sync.server.db import DatabaseUrlError, create_server_engine
from sync.server.migrate import upgrade
from sync.server.models import Device, Role
from sync.server.reports.command import add_report_commands
from sync.server.settings import HELP, ServerSettings

Clock = Callable[[], datetime]
#: Settings given to every command (``--db``, ``--data-dir``), not only to ``serve``.
COMMON_SETTINGS = ("db", "data_dir")


class CliError(KnownError):
    """A known problem with a command's arguments or the database URL."""


def _now() -> datetime:
    return datetime.now(UTC)


def main(argv: Sequence[str] | None = None, *, now: Clock = _now) -> int:
    args = _parser().parse_args(argv)
    engine: Engine | None = None
    try:
        args.settings = _settings(args)
        engine = create_server_engine(args.settings.database_url())
        upgrade(engine)  # every command, `serve` included, runs on an up-to-date schema
        result: int = args.run(args, engine, now)
        return result
    except KnownError as exc:
        print(f"Lỗi: {exc.message_vi}\nError: {exc.message_en}", file=sys.stderr)
        return 2
    except DatabaseUrlError as exc:
        print(f"Lỗi / Error: {exc}", file=sys.stderr)
        return 2
    except OperationalError as exc:
        print(
            f"Lỗi: không mở được cơ sở dữ liệu.\nError: cannot open the database: {exc.orig}",
            file=sys.stderr,
        )
        return 2
    finally:
        if engine is not None:
            engine.dispose()


def _settings(args: argparse.Namespace) -> ServerSettings:
    given = {
        name: getattr(args, name)
        for name in ServerSettings.model_fields
        if getattr(args, name, None) is not None
    }
    try:
        return ServerSettings(**given)
    except ValidationError as exc:
        lines = [
            f"--{'-'.join(str(p) for p in err['loc']).replace('_', '-')}: {err['msg']}"
            if err["loc"]
            else str(err["msg"])
            for err in exc.errors(include_url=False)
        ]
        text = "; ".join(lines)
        raise CliError(f"Tuỳ chọn không hợp lệ: {text}", f"Invalid option: {text}") from None


def _flag(name: str) -> str:
    return "--" + name.replace("_", "-")


def _add_setting(parser: argparse.ArgumentParser, name: str) -> None:
    field = ServerSettings.model_fields[name]
    kind: Any = field.annotation
    if typing.get_origin(kind) in (types.UnionType, typing.Union):
        kind = next(a for a in typing.get_args(kind) if a is not type(None))
    help_text = HELP.get(name, "")
    if kind is bool:
        parser.add_argument(_flag(name), action="store_true", default=None, help=help_text)
    else:
        parser.add_argument(_flag(name), type=kind, default=None, help=help_text)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hotroso-server", description=__doc__)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", help="database: a SQLite file path/URL or postgresql://…")
    common.add_argument("--data-dir", type=Path, help="the server's folder (SQLite, QR codes)")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", parents=[common], help="apply migrations and run the API")
    for name in ServerSettings.model_fields:
        if name not in COMMON_SETTINGS:
            _add_setting(serve, name)
    serve.set_defaults(run=_serve)

    migrate = sub.add_parser("migrate", parents=[common], help="bring the schema up to date")
    migrate.set_defaults(run=_migrate)

    user = sub.add_parser("create-user", parents=[common], help="create a staff account")
    user.add_argument("username")
    user.add_argument("--role", choices=[r.value for r in Role], required=True)
    user.add_argument("--full-name", default="")
    user.add_argument("--neighbourhood", help="for team leads: their neighbourhood code")
    user.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    user.set_defaults(run=_create_user)

    for name, run, text in (
        ("disable-user", _disable_user, "stop an account signing in (its sessions end)"),
        ("enable-user", _enable_user, "let a disabled account sign in again"),
        ("revoke-sessions", _revoke_sessions, "end every session of an account"),
        ("unlock-user", _unlock_user, "lift the login delays after wrong passwords"),
    ):
        command = sub.add_parser(name, parents=[common], help=text)
        command.add_argument("username")
        command.set_defaults(run=run)

    reset = sub.add_parser(
        "reset-password", parents=[common], help="set a new password (its sessions end)"
    )
    reset.add_argument("username")
    reset.add_argument("--password-stdin", action="store_true", help="read it from stdin")
    reset.set_defaults(run=_reset_password)

    enrol = sub.add_parser("enroll-device", parents=[common], help="one-time code for a laptop")
    enrol.add_argument("--neighbourhood", required=True)
    enrol.add_argument("--volunteer", required=True)
    enrol.add_argument("--valid-minutes", type=int, default=accounts.DEFAULT_ENROLMENT_MINUTES)
    enrol.add_argument("--server-url", help="put the server address in the QR code too")
    enrol.add_argument(
        "--qr", type=Path, help="QR image path (default: enrolment/ in the data folder), mode 600"
    )
    enrol.set_defaults(run=_enroll_device)

    revoke = sub.add_parser("revoke-device", parents=[common], help="stop a laptop syncing")
    revoke.add_argument("device_id")
    revoke.set_defaults(run=_revoke_device)

    devices = sub.add_parser("list-devices", parents=[common], help="enrolled laptops")
    devices.set_defaults(run=_list_devices)

    hand = sub.add_parser(
        "hand-over", parents=[common], help="give records to another device (it alone edits them)"
    )
    hand.add_argument("record_ids", nargs="*", metavar="RECORD_ID")
    hand.add_argument("--to-device", required=True, metavar="DEVICE_ID")
    hand.add_argument(
        "--all-from-device", metavar="DEVICE_ID", help="every record that device owns (a laptop "
        "replaced by a new one)"
    )
    hand.add_argument("--comment", default="", help="why (kept in the audit trail)")
    hand.set_defaults(run=_hand_over)

    trail = sub.add_parser("audit", parents=[common], help="the newest audit entries")
    trail.add_argument("--limit", type=int, default=50)
    trail.add_argument("--action", help="only this action, e.g. login.failure")
    trail.set_defaults(run=_audit)

    export = sub.add_parser("export", parents=[common], help="every record as CSV or XLSX")
    export.add_argument("file", type=Path, help="ends in .csv or .xlsx")
    export.add_argument("--headers", choices=["en", "vi"], default="en", help="header language")
    export.set_defaults(run=_export)

    bundle = sub.add_parser("import-bundle", parents=[common], help="apply a USB bundle")
    bundle.add_argument("file", type=Path)
    for name in ("bundle_key", "max_bundle_bytes", "max_bundle_inflated_bytes",
                 "max_bundle_items"):
        _add_setting(bundle, name)
    bundle.set_defaults(run=_import_bundle)

    resident = sub.add_parser(
        "resident", help="a resident's rights: find, export or erase their records"
    )
    resident_sub = resident.add_subparsers(dest="action", required=True)
    who = argparse.ArgumentParser(add_help=False)
    who.add_argument("--cccd", help="CCCD (12 digits) or CMND (9 digits)")
    who.add_argument("--phone", help="phone number, any spelling")
    who.add_argument("--name", help="full name (with --birth-year)")
    who.add_argument("--birth-year", type=int)
    find = resident_sub.add_parser("find", parents=[common, who], help="list their records")
    find.set_defaults(run=_resident_find)
    copy = resident_sub.add_parser(
        "export", parents=[common, who], help="a copy for the resident (PDF or CSV)"
    )
    copy.add_argument("file", type=Path, help="ends in .pdf (A4, Vietnamese) or .csv")
    copy.add_argument("--lang", choices=["vi", "en"], default="vi",
                      help="the CSV's column headings (the PDF is in Vietnamese)")
    copy.set_defaults(run=_resident_export)
    erase = resident_sub.add_parser(
        "erase", parents=[common, who], help="erase their personal data everywhere"
    )
    erase.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    erase.add_argument("--reason", default="yêu cầu của người dân / the resident's request")
    erase.set_defaults(run=_resident_erase)

    purge = sub.add_parser(
        "purge", parents=[common],
        help="anonymise personal data kept longer than the ward's retention period",
    )
    purge.add_argument(
        "--retention-months", type=int,
        help="months after a record is final (default $HOTROSO_RETENTION_MONTHS)",
    )
    purge.add_argument("--dry-run", action="store_true", help="only list what would go")
    purge.set_defaults(run=_purge)

    duplicates = sub.add_parser(
        "duplicates", parents=[common],
        help="propose records of the same resident (and double entries) as CSV",
    )
    duplicates.add_argument("file", type=Path, help="the CSV to write (one pair a row)")
    duplicates.set_defaults(run=_duplicates)
    add_report_commands(sub, common)

    reference = sub.add_parser(
        "publish-reference", parents=[common], help="send reference data (TOML folder) to laptops"
    )
    reference.add_argument("directory", type=Path)
    reference.set_defaults(run=_publish_reference)
    return parser


def _migrate(args: argparse.Namespace, engine: Engine, now: Clock) -> int:
    print("Schema up to date.")  # main() has just applied the migrations
    return 0


def _session(engine: Engine) -> Session:
    return sessionmaker(engine, expire_on_commit=False)()


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("hotroso")
    except PackageNotFoundError:
        return "0.0.0+unknown"


def is_loopback(host: str) -> bool:
    if host in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def plain_http_warning(settings: ServerSettings) -> str | None:
    """The warning ``serve`` prints when it would take personal data in the clear."""
    if settings.cert is not None or is_loopback(settings.host):
        return None
    if settings.behind_proxy or settings.forwarded_allow_ips:
        return None
    return (
        f"Cảnh báo: máy chủ nghe trên {settings.host} bằng HTTP không mã hoá; dữ liệu cá nhân "
        "sẽ đi qua mạng ở dạng đọc được. Hãy dùng --cert/--key, hoặc đặt sau một proxy HTTPS "
        "(--behind-proxy, --forwarded-allow-ips).\n"
        f"Warning: listening on {settings.host} over plain HTTP; personal data would cross the "
        "network readable by anyone on it. Use --cert/--key, or run behind an HTTPS proxy "
        "(--behind-proxy, --forwarded-allow-ips)."
    )


def _serve(args: argparse.Namespace, engine: Engine, now: Clock) -> int:
    import uvicorn

    from sync.server.app import create_app

    settings: ServerSettings = args.settings
    from sync.server import bundle_key

    ward_key, created = bundle_key.load_or_create(
        bundle_key.key_path(settings.bundle_key, folder=settings.data_dir)
    )
    if created:
        print(
            f"Created the ward's USB-bundle key {ward_key.id} in {ward_key.path}: back it up "
            "(docs/deployment.md).",
            flush=True,
        )
    app = create_app(
        engine, settings=settings, now=now, version=_version(), bundle_public_key=ward_key.public
    )
    warning = plain_http_warning(settings)
    if warning:
        print(warning, file=sys.stderr, flush=True)
    scheme = "https" if settings.cert else "http"
    print(
        f"hotroso-server {_version()} listening on {scheme}://{settings.host}:{settings.port}",
        flush=True,
    )
    uvicorn.run(
        app,
        host=settings.host,
        port=settings.port,
        ssl_certfile=str(settings.cert) if settings.cert else None,
        ssl_keyfile=str(settings.key) if settings.key else None,
        access_log=settings.access_log,
        # None: uvicorn reads $FORWARDED_ALLOW_IPS, else trusts 127.0.0.1 only.
        forwarded_allow_ips=settings.forwarded_allow_ips,
        server_header=False,
        log_level="info" if settings.access_log else "warning",
        timeout_graceful_shutdown=5,
    )
    return 0


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    password = getpass.getpass("Mật khẩu / Password: ")
    if getpass.getpass("Nhập lại / Again: ") != password:
        raise CliError("Hai mật khẩu không khớp.", "The two passwords differ.")
    return password


def _create_user(args: argparse.Namespace, engine: Engine, now: Clock) -> int:
    password = _read_password(args)
    neighbourhood = args.neighbourhood
    if neighbourhood is not None:
        _check_neighbourhood(engine, neighbourhood, now)
    with _session(engine) as session, session.begin():
        user = accounts.create_user(
            session,
            username=args.username,
            password=password,
            role=Role(args.role),
            now=now(),
            full_name=args.full_name,
            neighbourhood_code=neighbourhood,
        )
        print(f"Created {user.role} {user.username!r} (id {user.id}).")
    return 0


def _disable_user(args: argparse.Namespace, engine: Engine, now: Clock) -> int:
    with _session(engine) as session, session.begin():
        user, ended = accounts.set_active(
            session, args.username, False, actor=audit.CONSOLE, now=now()
        )
    print(f"{user.username!r} is disabled; {ended} session(s) ended.")
    return 0


def _enable_user(args: argparse.Namespace, engine: Engine, now: Clock) -> int:
    with _session(engine) as session, session.begin():
        user, _ = accounts.set_active(session, args.username, True, actor=audit.CONSOLE, now=now())
    print(f"{user.username!r} may sign in again.")
    return 0


def _revoke_sessions(args: argparse.Namespace, engine: Engine, now: Clock) -> int:
    with _session(engine) as session, session.begin():
        ended = accounts.revoke_sessions(session, args.username, actor=audit.CONSOLE, now=now())
    print(f"{ended} session(s) of {args.username!r} ended.")
    return 0


def _reset_password(args: argparse.Namespace, engine: Engine, now: Clock) -> int:
    password = _read_password(args)
    with _session(engine) as session, session.begin():
        ended = accounts.reset_password(
            session, args.username, password, actor=audit.CONSOLE, now=now()
        )
    print(f"New password set for {args.username!r}; {ended} session(s) ended.")
    return 0


def _unlock_user(args: argparse.Namespace, engine: Engine, now: Clock) -> int:
    from sync.server import throttle

    with _session(engine) as session, session.begin():
        cleared = throttle.clear(session, args.username)
        audit.record(session, audit.CONSOLE, "user.unlock", audit.user_actor(args.username),
                     {"addresses": cleared}, at=now())
    print(f"Login delays of {args.username!r} lifted ({cleared} address(es)).")
    return 0


def _current_neighbourhoods(engine: Engine, now: Clock) -> set[str]:
    from sync.server.checks import ReferenceCache, ward_today

    reference = ReferenceCache(engine, now).current()
    return {n.code for n in reference.current_neighbourhoods(ward_today(now()))}


def _check_neighbourhood(engine: Engine, code: str, now: Clock) -> None:
    if len(code) > 32:
        raise CliError("Mã khu phố tối đa 32 ký tự.", "A neighbourhood code has at most 32 "
                       "characters.")
    known = _current_neighbourhoods(engine, now)
    if code not in known:
        choices = ", ".join(sorted(known))
        raise CliError(
            f"Không có khu phố mã “{code}” trong dữ liệu tham chiếu đang dùng. Chọn một "
            f"trong: {choices}.",
            f"There is no neighbourhood “{code}” in the reference data in force. Choose one "
            f"of: {choices}.",
        )


def _enroll_device(args: argparse.Namespace, engine: Engine, now: Clock) -> int:
    import segno

    if args.valid_minutes < 1 or args.valid_minutes > 7 * 24 * 60:
        raise CliError(
            "--valid-minutes phải từ 1 đến 10080 (7 ngày).",
            "--valid-minutes must be between 1 and 10080 (7 days).",
        )
    # Checked before any query: bounded lengths, then the reference data in force.
    code = accounts.check_text(args.neighbourhood, what_vi="mã khu phố",
                               what_en="neighbourhood code", limit=32)
    accounts.check_text(args.volunteer, what_vi="tên tình nguyện viên",
                        what_en="volunteer name", limit=200)
    known = _current_neighbourhoods(engine, now)
    with _session(engine) as session, session.begin():
        issued = accounts.issue_enrolment(
            session,
            neighbourhood_code=code,
            volunteer_name=args.volunteer,
            now=now(),
            valid_for=timedelta(minutes=args.valid_minutes),
            neighbourhoods=known,
        )
    fields = {"code": issued.code}
    if args.server_url:
        fields["server"] = args.server_url
    payload = "hotroso://enroll?" + urlencode(fields)
    settings: ServerSettings = args.settings
    qr_path = args.qr or settings.qr_dir / f"enrol-{issued.device_id[:8]}.png"
    write_private(qr_path, lambda fh: segno.make(payload, error="m").save(fh, kind="png",
                                                                           scale=8))
    print(f"Device:  {issued.device_id}")
    print(f"Code:    {issued.code}")
    print(f"Valid until {issued.expires_at.isoformat(timespec='minutes')} (UTC), once.")
    print(f"QR code: {qr_path} (readable by this user only; delete it once the laptop enrolled)")
    return 0


def write_private(path: Path, write: Callable[[Any], None]) -> None:
    """Create ``path`` readable by its owner only (0600 from the first byte; its folder
    0700 when this creates it): a QR code holds a live enrolment code."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.chmod(path, 0o600)  # an existing file keeps its mode through O_CREAT
    with os.fdopen(fd, "wb") as fh:
        write(fh)


def _revoke_device(args: argparse.Namespace, engine: Engine, now: Clock) -> int:
    with _session(engine) as session, session.begin():
        device = accounts.revoke_device(session, args.device_id, now=now())
        print(f"Revoked {device.id} ({device.volunteer_name}, {device.neighbourhood_code}).")
    return 0


def _list_devices(args: argparse.Namespace, engine: Engine, now: Clock) -> int:
    with _session(engine) as session:
        counts = accounts.records_per_device(session)
        print(f"{'device id':<36}  {'area':<10} {'volunteer':<30} {'made':>6} {'owns':>6}  state")
        for device in accounts.list_devices(session):
            made, owned = counts.get(device.id, (0, 0))
            print(
                f"{device.id}  {device.neighbourhood_code:<10} {device.volunteer_name:<30} "
                f"{made:>6} {owned:>6}  {_device_state(device)}"
            )
    return 0


def _device_state(device: Device) -> str:
    if device.revoked_at is not None:
        return f"revoked {device.revoked_at:%Y-%m-%d}"
    if device.enrolled_at is None:
        return "waiting for enrolment"
    seen = f"{device.last_seen_at:%Y-%m-%d %H:%M}" if device.last_seen_at else "never"
    return f"enrolled, last push {seen}"


def _hand_over(args: argparse.Namespace, engine: Engine, now: Clock) -> int:
    with _session(engine) as session, session.begin():
        ids = list(args.record_ids)
        if args.all_from_device:
            ids += ward.records_owned_by(session, args.all_from_device)
        if not ids:
            raise CliError("Không có bản ghi nào để chuyển.", "There are no records to hand over.")
        previous = ward.hand_over(
            session, ids, args.to_device, actor=audit.CONSOLE, comment=args.comment, now=now()
        )
    moved = sum(1 for owner in previous.values() if owner != args.to_device)
    print(f"{moved} record(s) handed over to {args.to_device} "
          f"({len(previous) - moved} already its own).")
    return 0


def _audit(args: argparse.Namespace, engine: Engine, now: Clock) -> int:
    with _session(engine) as session:
        for entry in reversed(audit.entries(session, action=args.action, limit=args.limit)):
            print(f"{entry.at:%Y-%m-%d %H:%M:%S}  {entry.actor:<24} {entry.action:<22} "
                  f"{entry.target:<40} {entry.details}")
    return 0


def _export(args: argparse.Namespace, engine: Engine, now: Clock) -> int:
    from sync.server.export import ExportFormatError, export_records

    try:
        result = export_records(engine, args.file, style=args.headers)
    except ExportFormatError as exc:
        raise CliError(f"Tên tệp phải kết thúc bằng .csv hoặc .xlsx ({exc}).", str(exc)) from None
    print(f"Wrote {result.written} records to {args.file}.")
    for record_id, reason in result.skipped:
        print(f"  skipped {record_id}: {reason}", file=sys.stderr)
    return 0


def _import_bundle(args: argparse.Namespace, engine: Engine, now: Clock) -> int:
    from sync.server import bundle_key
    from sync.server.bundle_import import import_bundle

    settings: ServerSettings = args.settings
    ward_key = bundle_key.load(bundle_key.key_path(settings.bundle_key, folder=settings.data_dir))
    result = import_bundle(engine, args.file, ward_key=ward_key, now=now, settings=settings)
    counts = ", ".join(f"{k} {v}" for k, v in result.counts.items())
    print(f"Bundle from device {result.device_id}: {counts}.")
    for line in result.rejections:
        print(f"  rejected: {line}")
    return 0


def _resident_query(args: argparse.Namespace) -> erasure.ResidentQuery:
    return erasure.ResidentQuery.build(
        cccd=args.cccd, phone=args.phone, name=args.name, birth_year=args.birth_year
    )


def _print_found(found: Sequence[erasure.FoundRecord]) -> None:
    for item in found:
        head = item.head
        print(
            f"{item.record_id}  {head.get('assisted_on')}  {head.get('neighbourhood_code')}  "
            f"{head.get('category')}  {head.get('full_name') or '(đã xoá / erased)'}  "
            f"({item.versions} versions)"
        )


def _audit_resident(engine: Engine, action: str, query: erasure.ResidentQuery,
                    record_ids: Sequence[str], now: Clock, **details: object) -> None:
    """Who looked at, copied or erased which records (never the CCCD or phone asked for)."""
    with _session(engine) as session, session.begin():
        audit.record(
            session, audit.CONSOLE, action, "",
            {"by": query.kind, "records": list(record_ids), **details}, at=now(),
        )


def _resident_find(args: argparse.Namespace, engine: Engine, now: Clock) -> int:
    query = _resident_query(args)
    with engine.connect() as conn:
        found = erasure.find_records(conn, query)
    _audit_resident(engine, "resident.find", query, [f.record_id for f in found], now)
    _print_found(found)
    print(f"{len(found)} bản ghi / records.")
    return 0


def _resident_export(args: argparse.Namespace, engine: Engine, now: Clock) -> int:
    query = _resident_query(args)
    suffix = args.file.suffix.lower()
    if suffix not in (".csv", ".pdf"):
        raise CliError("Tên tệp phải kết thúc bằng .pdf hoặc .csv.",
                       "The file name must end in .pdf or .csv.")
    with engine.connect() as conn:
        found = erasure.find_records(conn, query)
    if suffix == ".pdf":
        from sync.server.checks import ReferenceCache
        from sync.server.reports.settings import load_settings
        from sync.server.resident_copy_pdf import write_copy_pdf

        reference = ReferenceCache(engine, now).current()
        with engine.connect() as conn:
            settings = load_settings(conn, reference)
        count = write_copy_pdf(found, args.file, settings=settings, reference=reference,
                               made_at=now())
    else:
        count = erasure.write_copy_csv(found, args.file, lang=args.lang)
    _audit_resident(engine, "resident.export", query, [f.record_id for f in found], now,
                    file=str(args.file), format=suffix.lstrip("."))
    print(f"Đã ghi {count} bản ghi vào {args.file} (chỉ người dùng này đọc được).")
    print(f"Wrote {count} records to {args.file} (readable by this user only).")
    return 0


def _resident_erase(args: argparse.Namespace, engine: Engine, now: Clock) -> int:
    query = _resident_query(args)
    with engine.connect() as conn:
        found = erasure.find_records(conn, query)
    if not found:
        print("Không có bản ghi nào khớp. / No record matches.")
        return 0
    _print_found(found)
    if not args.yes:
        answer = input(
            f"Xoá dữ liệu cá nhân của {len(found)} bản ghi trên? Gõ 'xoa' để xác nhận. / "
            f"Erase the personal data of these {len(found)} records? Type 'xoa' to confirm: "
        )
        if answer.strip().lower() not in ("xoa", "xoá"):
            print("Không xoá gì. / Nothing erased.")
            return 1
    with engine.begin() as conn:
        report = erasure.erase(
            conn, [f.record_id for f in found], erased_by="cli", reason=args.reason, now=now()
        )
    _audit_resident(engine, "resident.erase", query, report.records, now,
                    versions=report.versions, feed_items=report.feed_items, reason=args.reason)
    erasure.compact_storage(engine)
    print(
        f"Đã xoá dữ liệu cá nhân: {len(report.records)} bản ghi, {report.versions} phiên bản, "
        f"{report.feed_items} mục thông báo; các máy đang giữ sẽ xoá ở lần đồng bộ tới.\n"
        f"Erased personal data: {len(report.records)} records, {report.versions} versions, "
        f"{report.feed_items} feed items; laptops holding them erase it at their next sync."
    )
    for record_id in report.records:
        print(f"  {record_id}")
    return 0


def _purge(args: argparse.Namespace, engine: Engine, now: Clock) -> int:
    from sync.server import retention

    months = retention.retention_months(args.retention_months)
    at = now()
    if args.dry_run:
        with engine.connect() as conn:
            items = retention.due(conn, months=months, now=at)
        for item in items:
            print(f"{item.record_id}  final since {item.final_since:%Y-%m-%d}")
        print(
            f"{len(items)} bản ghi sẽ được ẩn danh (lưu giữ {months} tháng); chưa thay đổi gì.\n"
            f"{len(items)} records would be anonymised (retention {months} months); nothing "
            "changed."
        )
        return 0
    with engine.begin() as conn:
        items, report = retention.apply(conn, months=months, now=at)
    if items:
        with _session(engine) as session, session.begin():
            audit.record(session, audit.CONSOLE, "retention.purge", "",
                         {"months": months, "records": report.records}, at=at)
        erasure.compact_storage(engine)
    print(
        f"Đã ẩn danh {len(report.records)} bản ghi ({report.versions} phiên bản) lưu giữ quá "
        f"{months} tháng.\nAnonymised {len(report.records)} records ({report.versions} "
        f"versions) kept longer than {months} months."
    )
    return 0


def _duplicates(args: argparse.Namespace, engine: Engine, now: Clock) -> int:
    from sync.server.derived import link_all_heads
    from sync.server.linkage import write_proposals_csv

    with engine.begin() as conn:
        indexed = link_all_heads(conn, now=now())
    with engine.connect() as conn, args.file.open("w", newline="", encoding="utf-8") as handle:
        written = write_proposals_csv(conn, handle)
    args.file.chmod(0o600)  # names the records of residents
    print(f"Đã xét {indexed} bản ghi; ghi {written} cặp đề xuất vào {args.file}.")
    print(f"Looked at {indexed} records; wrote {written} proposed pairs to {args.file}.")
    return 0


def _publish_reference(args: argparse.Namespace, engine: Engine, now: Clock) -> int:
    from sync.contract.reference import ReferenceDataError, load_reference

    try:
        reference = load_reference(args.directory)
    except ReferenceDataError as exc:
        raise CliError(f"Dữ liệu tham chiếu lỗi: {exc}", f"Reference data error: {exc}") from None
    with _session(engine) as session, session.begin():
        ward.publish_reference(session, reference, now=now())
    print(f"Published reference data {reference.version}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
