"""Administrators' endpoints beyond the account actions of :mod:`.admin`: creating accounts
and changing their role or neighbourhood, devices (enrol with a one-time code and its QR
code, list with the last sync, revoke), the reference data in force with what each laptop
has received of it, and the server's audit log (filtered pages, CSV export).

Every change is audited in the caller's transaction, like the ``hotroso-server`` commands
that do the same.
"""

from __future__ import annotations

import base64
import csv
import io
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Annotated, TypeVar
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response
from sqlalchemy import Select, select

from sync.contract.record import NUL_FREE
from sync.contract.reference import ReferenceData, ReferenceDataError
from sync.contract.wire import (
    API_PREFIX,
    DEVICE_ID_LENGTH,
    MAX_OFFSET,
    MAX_REPORT_PAGE,
    MAX_USERNAME,
    AuditEntryOut,
    AuditPage,
    DeviceReference,
    DeviceSummary,
    EnrolmentIssued,
    EnrolmentRequest,
    ReferenceEntry,
    ReferenceOverview,
    ReferencePublish,
    ReferencePublished,
    Role,
    UserCreate,
    UserSummary,
    UserUpdate,
)
from sync.server import accounts, audit, ward
from sync.server import messages as msg
from sync.server.api.deps import DB, Admin, Context
from sync.server.api.errors import ApiError
from sync.server.checks import ward_today
from sync.server.models import AuditEntry, Device, ReferenceSet, User

router = APIRouter(prefix=f"{API_PREFIX}/admin", tags=["admin"])

_T = TypeVar("_T")
Username = Annotated[str, Path(min_length=1, max_length=MAX_USERNAME, pattern=r"^[\w.@-]+$")]
DeviceId = Annotated[str, Path(min_length=1, max_length=DEVICE_ID_LENGTH,
                               pattern=r"^[0-9a-fA-F-]+$")]
#: The audit CSV holds at most this many entries (newest first); filter for older ones.
MAX_AUDIT_EXPORT = 100_000


# --- accounts ----------------------------------------------------------------------------------


@router.post("/users", response_model=UserSummary)
def create_user(body: UserCreate, session: DB, admin: Admin, context: Context) -> UserSummary:
    """A new staff account (a team lead needs a neighbourhood of the reference data)."""
    _check_neighbourhood(_neighbourhoods(context), body.neighbourhood_code)
    user = _account(lambda: accounts.create_user(
        session, username=body.username, password=body.password, role=body.role,
        now=context.now(), full_name=body.full_name,
        neighbourhood_code=body.neighbourhood_code or None,
        actor=audit.user_actor(admin.username)))
    return user_summary(user)


@router.patch("/users/{username}", response_model=UserSummary)
def update_user(username: Username, body: UserUpdate, session: DB, admin: Admin,
                context: Context) -> UserSummary:
    """Change an account's role, neighbourhood or name; its sessions end when the role or
    neighbourhood changes, so what it may see changes at once."""
    known = _neighbourhoods(context)  # before the session holds SQLite's write lock
    user = _account(lambda: accounts.find_user(session, username))
    role = body.role or Role(user.role)
    if user.username == admin.username and role is not Role.ADMIN:
        raise ApiError(409, msg.message(
            "own_role", "Không thể tự bỏ quyền quản trị của chính mình.",
            "You cannot take the administrator role away from your own account.", "role"))
    fields = body.model_fields_set
    neighbourhood = (body.neighbourhood_code or None) if "neighbourhood_code" in fields \
        else user.neighbourhood_code
    if role is Role.TEAM_LEAD and not neighbourhood:
        raise ApiError(422, msg.message(
            "team_lead_neighbourhood", "Tổ trưởng cần một khu phố: hãy chọn khu phố.",
            "A team lead needs a neighbourhood: choose one.", "neighbourhood_code"))
    _check_neighbourhood(known, neighbourhood if "neighbourhood_code" in fields else None)
    before = {"role": user.role, "neighbourhood": user.neighbourhood_code}
    changed_access = role.value != user.role or neighbourhood != user.neighbourhood_code
    user.role = role.value
    user.neighbourhood_code = neighbourhood
    if body.full_name is not None:
        user.full_name = body.full_name.strip()
    ended = 0
    if changed_access:
        ended = accounts.revoke_sessions(session, username, actor=audit.user_actor(
            admin.username), now=context.now())
    audit.record(session, audit.user_actor(admin.username), "user.update",
                 audit.user_actor(username),
                 {"before": before, "role": role.value, "neighbourhood": neighbourhood,
                  "sessions": ended}, at=context.now())
    return user_summary(user)


# --- devices -----------------------------------------------------------------------------------


@router.get("/devices", response_model=list[DeviceSummary])
def list_devices(session: DB, admin: Admin, context: Context) -> list[DeviceSummary]:
    """Every device, oldest first, with its last sync and its records."""
    counts = accounts.records_per_device(session)
    now = context.now()
    return [device_summary(d, counts.get(d.id, (0, 0)), now)
            for d in accounts.list_devices(session)]


@router.post("/devices", response_model=EnrolmentIssued)
def enrol_device(body: EnrolmentRequest, session: DB, admin: Admin, context: Context
                 ) -> EnrolmentIssued:
    """A device waiting for its laptop: a one-time code (and its QR code) the volunteer types
    or scans on the laptop within ``valid_minutes``."""
    import segno

    now = context.now()
    known = _neighbourhoods(context)
    issued = _account(lambda: accounts.issue_enrolment(
        session, neighbourhood_code=body.neighbourhood_code, volunteer_name=body.volunteer_name,
        now=now, valid_for=timedelta(minutes=body.valid_minutes), neighbourhoods=known,
        actor=audit.user_actor(admin.username)))
    fields = {"code": issued.code}
    if body.server_url:
        fields["server"] = body.server_url
    payload = "hotroso://enroll?" + urlencode(fields)
    image = io.BytesIO()
    segno.make(payload, error="m").save(image, kind="png", scale=6, border=2)
    return EnrolmentIssued(device_id=issued.device_id, code=issued.code,
                           expires_at=issued.expires_at, qr_payload=payload,
                           qr_png=base64.b64encode(image.getvalue()).decode("ascii"))


@router.post("/devices/{device_id}/revoke", response_model=DeviceSummary)
def revoke_device(device_id: DeviceId, session: DB, admin: Admin, context: Context
                  ) -> DeviceSummary:
    """The laptop can no longer sync (its records stay, on it and here)."""
    now = context.now()
    device = _account(lambda: accounts.revoke_device(
        session, device_id, now=now, actor=audit.user_actor(admin.username)))
    counts = accounts.records_per_device(session).get(device.id, (0, 0))
    return device_summary(device, counts, now)


# --- reference data ----------------------------------------------------------------------------


@router.get("/reference", response_model=ReferenceOverview)
def reference_overview(session: DB, admin: Admin, context: Context) -> ReferenceOverview:
    """The neighbourhoods, categories and procedures in force, and for each enrolled laptop
    whether it has received them (the version it named at its last pull)."""
    reference = context.references.current()
    published = session.scalar(select(ReferenceSet.published_at)
                               .order_by(ReferenceSet.id.desc()).limit(1))
    today = ward_today(context.now())
    devices = session.scalars(select(Device).where(Device.enrolled_at.is_not(None))
                              .order_by(Device.neighbourhood_code, Device.created_at)).all()
    return ReferenceOverview(
        version=reference.version,
        published_at=published,
        neighbourhoods=[ReferenceEntry(code=n.code, name_vi=n.name, detail=n.ward)
                        for n in reference.current_neighbourhoods(today)],
        categories=[ReferenceEntry(code=c.code, name_vi=c.name_vi, name_en=c.name_en)
                    for c in reference.categories.values()],
        procedures=[ReferenceEntry(code=p.code, name_vi=p.name_vi, name_en=p.name_en,
                                   detail="/".join(p.online_levels))
                    for p in reference.procedures.values()],
        devices=[DeviceReference(device_id=d.id, volunteer_name=d.volunteer_name,
                                 neighbourhood_code=d.neighbourhood_code,
                                 reference_version=d.reference_version,
                                 up_to_date=d.reference_version == reference.version,
                                 last_seen_at=d.last_seen_at)
                 for d in devices if d.revoked_at is None],
    )


REFERENCE_PATH = f"{API_PREFIX}/admin/reference"


@router.post("/reference", response_model=ReferencePublished)
def publish_reference(body: ReferencePublish, session: DB, admin: Admin, context: Context
                      ) -> ReferencePublished:
    """Publish new reference data (what ``hotroso-server publish-reference`` does): checked
    by the contract as laptops check it, refused when its version is the one in force (a
    laptop takes new data by its version), audited; laptops receive it at their next pull."""
    try:
        reference = ReferenceData.from_documents(body.documents)
    except ReferenceDataError as exc:
        # The entry and the problem may quote what was sent: bounded in the answer.
        where = f"{exc.file[:60]}, {exc.entry[:120]}: {exc.problem[:400]}"
        raise ApiError(422, msg.message(
            "invalid_reference",
            f"Dữ liệu tham chiếu có lỗi — {where}. Hãy sửa tệp rồi đăng lại.",
            f"The reference data has a problem — {where}. Fix the file and publish again.",
            field="documents",
        )) from None
    if reference.version == context.references.current().version:
        raise ApiError(409, msg.message(
            "same_reference_version",
            f"Phiên bản {reference.version} đang được dùng. Hãy tăng `version` của tệp đã "
            "sửa để các máy nhận được dữ liệu mới.",
            f"Version {reference.version} is already in force. Raise the `version` of the "
            "file you changed so that the laptops take the new data.",
            field="documents",
        ))
    now = context.now()
    ward.publish_reference(session, reference, now=now)
    audit.record(session, audit.user_actor(admin.username), "reference.publish",
                 reference.version, {"version": reference.version}, at=now)
    return ReferencePublished(version=reference.version, published_at=now)


# --- the audit log -----------------------------------------------------------------------------


Since = Annotated[datetime | None, Query(description="From this moment (included)")]
Until = Annotated[datetime | None, Query(description="Before this moment")]
Text = Annotated[str | None, Query(max_length=100, pattern=NUL_FREE)]


@router.get("/audit", response_model=AuditPage)
def audit_log(session: DB, admin: Admin, actor: Text = None, action: Text = None,
              target: Text = None, since: Since = None, until: Until = None,
              limit: Annotated[int, Query(ge=1, le=MAX_REPORT_PAGE)] = 100,
              offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0) -> AuditPage:
    """The server's audit trail, newest first; ``actor``/``target`` match a part,
    ``action`` a prefix (``user.`` for every account action)."""
    query = _audit_query(actor, action, target, since, until)
    rows = session.scalars(query.limit(limit + 1).offset(offset)).all()
    return AuditPage(items=[audit_out(e) for e in rows[:limit]], offset=offset,
                     has_more=len(rows) > limit)


@router.get("/audit/export", response_class=Response,
            responses={200: {"content": {"text/csv": {}}, "description": "The entries, CSV"}})
def audit_export(session: DB, admin: Admin, context: Context, actor: Text = None,
                 action: Text = None, target: Text = None, since: Since = None,
                 until: Until = None) -> Response:
    """The filtered entries as CSV (UTF-8 with BOM, for Excel), newest first."""
    query = _audit_query(actor, action, target, since, until).limit(MAX_AUDIT_EXPORT)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "at", "actor", "action", "target", "details"])
    for entry in session.scalars(query):
        writer.writerow([entry.id, entry.at.isoformat(), _cell(entry.actor), entry.action,
                         _cell(entry.target), _cell(entry.details)])
    audit.record(session, audit.user_actor(admin.username), "audit.export", "",
                 {"actor": actor, "action": action, "target": target}, at=context.now())
    return Response(("\ufeff" + out.getvalue()).encode("utf-8"), media_type="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="nhat-ky.csv"'})


# --- helpers -----------------------------------------------------------------------------------


def _audit_query(actor: str | None, action: str | None, target: str | None,
                 since: datetime | None, until: datetime | None) -> Select[AuditEntry]:
    query = select(AuditEntry).order_by(AuditEntry.id.desc())
    since, until = _moment(since, "since"), _moment(until, "until")
    if actor:
        query = query.where(AuditEntry.actor.contains(actor, autoescape=True))
    if action:
        query = query.where(AuditEntry.action.startswith(action, autoescape=True))
    if target:
        query = query.where(AuditEntry.target.contains(target, autoescape=True))
    if since is not None:
        query = query.where(AuditEntry.at >= since)
    if until is not None:
        query = query.where(AuditEntry.at < until)
    return query


def _moment(value: datetime | None, name: str) -> datetime | None:
    """A filter's moment in UTC; one without a time zone (or out of range) is refused."""
    if value is None:
        return None
    problem = msg.message(
        "bad_moment", f"“{name}” cần ngày giờ có múi giờ, ví dụ 2026-07-01T00:00:00+07:00.",
        f"“{name}” needs a date and time with its time zone, e.g. 2026-07-01T00:00:00+07:00.",
        name)
    if value.tzinfo is None:
        raise ApiError(422, problem, [problem])
    try:
        return value.astimezone(UTC)
    except (OverflowError, ValueError):
        raise ApiError(422, problem, [problem]) from None


def _cell(value: str) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def _neighbourhoods(context: Context) -> set[str]:
    """Today's neighbourhood codes (read before the route's session writes: on SQLite the
    reference cache's own connection would wait for its lock)."""
    return {n.code for n in context.references.current().current_neighbourhoods(
        ward_today(context.now()))}


def _check_neighbourhood(known: set[str], code: str | None) -> None:
    if not code:
        return
    if code not in known:
        raise ApiError(422, msg.message(
            "unknown_neighbourhood",
            f"Không có khu phố mã “{code}” trong dữ liệu tham chiếu đang dùng. Chọn một trong: "
            f"{', '.join(sorted(known))}.",
            f"There is no neighbourhood “{code}” in the reference data in force. Choose one "
            f"of: {', '.join(sorted(known))}.", "neighbourhood_code"))


def _account(action: Callable[[], _T]) -> _T:
    try:
        return action()
    except accounts.AccountError as exc:
        raise ApiError(exc.status, msg.message("account_action", exc.message_vi, exc.message_en)
                       ) from None


def user_summary(user: User) -> UserSummary:
    return UserSummary(username=user.username, full_name=user.full_name, role=Role(user.role),
                       neighbourhood_code=user.neighbourhood_code, active=user.active,
                       created_at=user.created_at)


def device_summary(device: Device, counts: tuple[int, int], now: datetime) -> DeviceSummary:
    if device.revoked_at is not None:
        state = "revoked"
    elif device.enrolled_at is not None:
        state = "enrolled"
    elif device.enrol_expires_at is not None and device.enrol_expires_at > now:
        state = "waiting"
    else:
        state = "expired"
    return DeviceSummary(
        id=device.id, neighbourhood_code=device.neighbourhood_code,
        volunteer_name=device.volunteer_name, state=state,  # type: ignore[arg-type]
        created_at=device.created_at, enrol_expires_at=device.enrol_expires_at,
        enrolled_at=device.enrolled_at, revoked_at=device.revoked_at,
        last_seen_at=device.last_seen_at, records_made=counts[0], records_owned=counts[1],
        reference_version=device.reference_version)


def audit_out(entry: AuditEntry) -> AuditEntryOut:
    try:
        details = json.loads(entry.details or "{}")
    except ValueError:
        details = {"raw": entry.details}
    return AuditEntryOut(id=entry.id, at=entry.at, actor=entry.actor, action=entry.action,
                         target=entry.target,
                         details=details if isinstance(details, dict) else {"value": details})
