"""``hotroso-server``: run and administer the ward server.

Every command takes ``--db URL`` (a SQLite file path or URL, or ``postgresql://…``); the default
is ``$HOTROSO_SERVER_DB`` or an embedded SQLite file in the per-user data directory. Known
problems print a plain message (Vietnamese, then English) and exit 2; bugs keep their traceback.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from sync.contract.errors import KnownError
from sync.server import accounts, erasure, ward
from sync.server.db import DatabaseUrlError, create_server_engine
from sync.server.lockout import LockoutPolicy
from sync.server.migrate import upgrade
from sync.server.models import Device, Role
from sync.server.ratelimit import AUTH_ATTEMPTS_PER_MINUTE

Clock = Callable[[], datetime]


class CliError(KnownError):
    """A known problem with a command's arguments or the database URL."""


def _now() -> datetime:
    return datetime.now(UTC)


def main(argv: Sequence[str] | None = None, *, now: Clock = _now) -> int:
    args = _parser().parse_args(argv)
    engine: Engine | None = None
    try:
        engine = create_server_engine(args.db)
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


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hotroso-server", description=__doc__)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", help="database: a SQLite file path/URL or postgresql://…")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", parents=[common], help="apply migrations and run the API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument("--cert", type=Path, help="TLS certificate (PEM); else plain HTTP")
    serve.add_argument("--key", type=Path, help="TLS private key (PEM)")
    serve.add_argument("--access-log", action="store_true", help="log every request")
    serve.add_argument(
        "--bundle-key",
        type=Path,
        help="the ward's USB-bundle key (PEM; made when missing). Default $HOTROSO_BUNDLE_KEY, "
        "else ward-bundle-key.pem in the per-user data folder. Back it up.",
    )
    serve.add_argument(
        "--forwarded-allow-ips",
        help="reverse proxies whose X-Forwarded-For is believed (comma-separated; default "
        "$FORWARDED_ALLOW_IPS, else 127.0.0.1)",
    )
    serve.add_argument(
        "--auth-attempts-per-minute",
        type=int,
        default=AUTH_ATTEMPTS_PER_MINUTE,
        help="enrolment and login attempts allowed per client address and minute",
    )
    serve.add_argument(
        "--lockout-failures",
        type=int,
        default=LockoutPolicy.max_failures,
        help="consecutive wrong passwords that lock a staff username",
    )
    serve.add_argument(
        "--lockout-minutes",
        type=int,
        default=int(LockoutPolicy.lock_for.total_seconds() // 60),
        help="how long such a lock lasts",
    )
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

    unlock = sub.add_parser(
        "unlock-user", parents=[common], help="lift a lock after repeated wrong passwords"
    )
    unlock.add_argument("username")
    unlock.set_defaults(run=_unlock_user)

    enrol = sub.add_parser("enroll-device", parents=[common], help="one-time code for a laptop")
    enrol.add_argument("--neighbourhood", required=True)
    enrol.add_argument("--volunteer", required=True)
    enrol.add_argument("--valid-minutes", type=int, default=accounts.DEFAULT_ENROLMENT_MINUTES)
    enrol.add_argument("--server-url", help="put the server address in the QR code too")
    enrol.add_argument("--qr", type=Path, help="QR image path (default: enrol-<device>.png)")
    enrol.set_defaults(run=_enroll_device)

    revoke = sub.add_parser("revoke-device", parents=[common], help="stop a laptop syncing")
    revoke.add_argument("device_id")
    revoke.set_defaults(run=_revoke_device)

    devices = sub.add_parser("list-devices", parents=[common], help="enrolled laptops")
    devices.set_defaults(run=_list_devices)

    export = sub.add_parser("export", parents=[common], help="every record as CSV or XLSX")
    export.add_argument("file", type=Path, help="ends in .csv or .xlsx")
    export.add_argument("--headers", choices=["en", "vi"], default="en", help="header language")
    export.set_defaults(run=_export)

    bundle = sub.add_parser("import-bundle", parents=[common], help="apply a USB bundle")
    bundle.add_argument("file", type=Path)
    bundle.add_argument(
        "--bundle-key", type=Path, help="the ward's USB-bundle key (as for serve)"
    )
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
        "export", parents=[common, who], help="a copy for the resident (CSV)"
    )
    copy.add_argument("file", type=Path, help="ends in .csv")
    copy.add_argument("--lang", choices=["vi", "en"], default="vi")
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


def _serve(args: argparse.Namespace, engine: Engine, now: Clock) -> int:
    import uvicorn

    from sync.server.app import create_app

    if (args.cert is None) != (args.key is None):
        raise CliError("Cần cả --cert và --key.", "--cert and --key go together.")
    for option in ("auth_attempts_per_minute", "lockout_failures", "lockout_minutes"):
        if getattr(args, option) < 1:
            flag = "--" + option.replace("_", "-")
            raise CliError(f"{flag} phải từ 1 trở lên.", f"{flag} must be at least 1.")
    from sync.server import bundle_key

    ward_key, created = bundle_key.load_or_create(bundle_key.key_path(args.bundle_key))
    if created:
        print(
            f"Created the ward's USB-bundle key {ward_key.id} in {ward_key.path}: back it up "
            "(docs/deployment.md).",
            flush=True,
        )
    app = create_app(
        engine,
        now=now,
        version=_version(),
        bundle_public_key=ward_key.public,
        auth_attempts_per_minute=args.auth_attempts_per_minute,
        lockout_policy=LockoutPolicy(
            max_failures=args.lockout_failures, lock_for=timedelta(minutes=args.lockout_minutes)
        ),
    )
    scheme = "https" if args.cert else "http"
    print(
        f"hotroso-server {_version()} listening on {scheme}://{args.host}:{args.port}", flush=True
    )
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        ssl_certfile=str(args.cert) if args.cert else None,
        ssl_keyfile=str(args.key) if args.key else None,
        access_log=args.access_log,
        # None: uvicorn reads $FORWARDED_ALLOW_IPS, else trusts 127.0.0.1 only.
        forwarded_allow_ips=args.forwarded_allow_ips,
        log_level="info" if args.access_log else "warning",
        timeout_graceful_shutdown=5,
    )
    return 0


def _create_user(args: argparse.Namespace, engine: Engine, now: Clock) -> int:
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Mật khẩu / Password: ")
        if getpass.getpass("Nhập lại / Again: ") != password:
            raise CliError("Hai mật khẩu không khớp.", "The two passwords differ.")
    with _session(engine) as session, session.begin():
        user = accounts.create_user(
            session,
            username=args.username,
            password=password,
            role=Role(args.role),
            now=now(),
            full_name=args.full_name,
            neighbourhood_code=args.neighbourhood,
        )
        print(f"Created {user.role} {user.username!r} (id {user.id}).")
    return 0


def _unlock_user(args: argparse.Namespace, engine: Engine, now: Clock) -> int:
    from sync.server import lockout

    with _session(engine) as session, session.begin():
        until = lockout.locked_until(session, args.username, now=now())
        lockout.clear(session, args.username)
    state = f"was locked until {until:%H:%M} UTC" if until else "was not locked"
    print(f"{args.username!r} {state}; its failed-login count is now 0.")
    return 0


def _enroll_device(args: argparse.Namespace, engine: Engine, now: Clock) -> int:
    import segno

    if args.valid_minutes < 1 or args.valid_minutes > 7 * 24 * 60:
        raise CliError(
            "--valid-minutes phải từ 1 đến 10080 (7 ngày).",
            "--valid-minutes must be between 1 and 10080 (7 days).",
        )
    with _session(engine) as session, session.begin():
        issued = accounts.issue_enrolment(
            session,
            neighbourhood_code=args.neighbourhood,
            volunteer_name=args.volunteer,
            now=now(),
            valid_for=timedelta(minutes=args.valid_minutes),
        )
    fields = {"code": issued.code}
    if args.server_url:
        fields["server"] = args.server_url
    payload = "hotroso://enroll?" + urlencode(fields)
    qr_path = args.qr or Path(f"enrol-{issued.device_id[:8]}.png")
    segno.make(payload, error="m").save(str(qr_path), scale=8)
    print(f"Device:  {issued.device_id}")
    print(f"Code:    {issued.code}")
    print(f"Valid until {issued.expires_at.isoformat(timespec='minutes')} (UTC), once.")
    print(f"QR code: {qr_path}")
    return 0


def _revoke_device(args: argparse.Namespace, engine: Engine, now: Clock) -> int:
    with _session(engine) as session, session.begin():
        device = accounts.revoke_device(session, args.device_id, now=now())
        print(f"Revoked {device.id} ({device.volunteer_name}, {device.neighbourhood_code}).")
    return 0


def _list_devices(args: argparse.Namespace, engine: Engine, now: Clock) -> int:
    with _session(engine) as session:
        for device in accounts.list_devices(session):
            print(
                f"{device.id}  {device.neighbourhood_code:<10} {device.volunteer_name:<30} "
                f"{_device_state(device)}"
            )
    return 0


def _device_state(device: Device) -> str:
    if device.revoked_at is not None:
        return f"revoked {device.revoked_at:%Y-%m-%d}"
    if device.enrolled_at is None:
        return "waiting for enrolment"
    seen = f"{device.last_seen_at:%Y-%m-%d %H:%M}" if device.last_seen_at else "never"
    return f"enrolled, last push {seen}"


def _export(args: argparse.Namespace, engine: Engine, now: Clock) -> int:
    from sync.server.export import ExportFormatError, export_records

    try:
        count = export_records(engine, args.file, style=args.headers)
    except ExportFormatError as exc:
        raise CliError(f"Tên tệp phải kết thúc bằng .csv hoặc .xlsx ({exc}).", str(exc)) from None
    print(f"Wrote {count} records to {args.file}.")
    return 0


def _import_bundle(args: argparse.Namespace, engine: Engine, now: Clock) -> int:
    from sync.server import bundle_key
    from sync.server.bundle_import import import_bundle

    ward_key = bundle_key.load(bundle_key.key_path(args.bundle_key))
    result = import_bundle(engine, args.file, ward_key=ward_key, now=now)
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


def _resident_find(args: argparse.Namespace, engine: Engine, now: Clock) -> int:
    query = _resident_query(args)
    with engine.connect() as conn:
        found = erasure.find_records(conn, query)
    _print_found(found)
    print(f"{len(found)} bản ghi / records.")
    return 0


def _resident_export(args: argparse.Namespace, engine: Engine, now: Clock) -> int:
    query = _resident_query(args)
    if args.file.suffix.lower() != ".csv":
        raise CliError("Tên tệp phải kết thúc bằng .csv.", "The file name must end in .csv.")
    with engine.connect() as conn:
        found = erasure.find_records(conn, query)
    count = erasure.write_copy_csv(found, args.file, lang=args.lang)
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
        erasure.compact_storage(engine)
    print(
        f"Đã ẩn danh {len(report.records)} bản ghi ({report.versions} phiên bản) lưu giữ quá "
        f"{months} tháng.\nAnonymised {len(report.records)} records ({report.versions} "
        f"versions) kept longer than {months} months."
    )
    return 0


def _publish_reference(args: argparse.Namespace, engine: Engine, now: Clock) -> int:
    from sync.contract.reference import ReferenceDataError, load_reference

    try:
        reference = load_reference(args.directory)
    except ReferenceDataError as exc:
        raise CliError(f"Dữ liệu tham chiếu lỗi: {exc}", f"Reference data error: {exc}") from None
    documents = json.loads(json.dumps(reference.to_documents(), default=str))
    with _session(engine) as session, session.begin():
        ward.publish_reference(session, reference.version, documents, now=now())
    print(f"Published reference data {reference.version}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
