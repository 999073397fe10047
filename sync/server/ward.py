"""What ward staff do with received records: review, correct, resolve conflicts, hand a record
over to another device, publish reference data. Each action also appends the feed item that
tells the laptops at their next pull.

A correction goes through the same contract as a laptop's record: the record model's bounds,
the contract's normalisation (``validation.clean``) and its validation against the reference
data in force; anything wrong is a :class:`WardActionError` (422) naming each field.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from sync.contract.record import AssistanceRecord, RecordStatus
from sync.contract.reference import ReferenceData
from sync.contract.validation import clean, validate
from sync.contract.wire import Message
from sync.server import audit, feed
from sync.server.accounts import AccountError
from sync.server.checks import ward_today
from sync.server.derived import heads_changed
from sync.server.messages import message, problems_from_pydantic
from sync.server.models import (
    Device,
    FeedKind,
    Record,
    RecordVersion,
    ReferenceSet,
    ReviewState,
    Role,
    User,
    VersionOutcome,
)
from sync.server.push import canonical_json, content_hash

REVIEWER_ROLES = frozenset({Role.ADMIN, Role.STAFF, Role.TEAM_LEAD})
CORRECTOR_ROLES = frozenset({Role.ADMIN, Role.STAFF})


class WardActionError(AccountError):
    """A staff action that cannot be done as asked (bilingual), with per-field problems."""

    #: HTTP status the API answers with: 400 a bad request, 403 a role without the right,
    #: 404 a record the user cannot see, 409 not possible in the record's state, 422 values
    #: that are not valid.
    status = 400
    code = "ward_action"

    def __init__(self, message_vi: str, message_en: str, problems: list[Message] | None = None):
        super().__init__(message_vi, message_en)
        self.problems = problems or []


class InvalidCorrection(WardActionError):
    status = 422
    code = "invalid_request"


class NotPossible(WardActionError):
    status = 409
    code = "not_possible"


class NotAllowed(WardActionError):
    status = 403
    code = "forbidden"


class NoSuchRecord(WardActionError):
    status = 404
    code = "not_found"


def may_see(user: User, record: Record) -> bool:
    if Role(user.role) is Role.TEAM_LEAD:
        return record.neighbourhood_code == user.neighbourhood_code
    return Role(user.role) in REVIEWER_ROLES


def review(
    session: Session,
    user: User,
    record_id: str,
    state: ReviewState,
    comment: str,
    *,
    now: datetime,
) -> Record:
    record = _record_for(session, user, record_id, REVIEWER_ROLES)
    if state is ReviewState.FIXED:
        raise InvalidCorrection(
            "Trạng thái \"đã sửa, cần duyệt lại\" do máy chủ đặt khi tình nguyện viên gửi bản "
            "sửa; hãy chọn duyệt, cần sửa hoặc từ chối.",
            "The \"fixed, re-check\" state is set by the server when the volunteer's fix "
            "arrives; choose approved, needs fixing or rejected.",
            [message("invalid_state", "Trường state: không chọn được trạng thái này.",
                     "Field state: this state cannot be chosen.", field="state")],
        )
    if state in (ReviewState.HAS_ISSUES, ReviewState.REJECTED) and not comment.strip():
        raise WardActionError(
            "Cần ghi nhận xét khi đánh dấu có vấn đề hoặc từ chối.",
            "A comment is needed when marking a record as having issues or rejected.",
        )
    record.review_state = state.value
    record.review_comment = comment.strip()
    record.reviewed_by = user.id
    record.reviewed_at = now
    record.updated_at = now
    session.flush()
    _append(
        session,
        FeedKind.REVIEW,
        record_id,
        {
            "state": state.value,
            "comment": record.review_comment,
            "reviewer": user.full_name or user.username,
            "reviewed_at": now.isoformat(),
            "head_revision": record.head_revision,
        },
        now,
    )
    audit.record(
        session, audit.user_actor(user.username), "record.review", f"record:{record_id}",
        {"state": state.value}, at=now,
    )  # fmt: skip
    return record


def correct(
    session: Session,
    user: User,
    record_id: str,
    changes: dict[str, Any],
    comment: str,
    *,
    now: datetime,
    reference: ReferenceData,
) -> AssistanceRecord:
    """Write a new head revision with ``changes`` applied; the laptops receive it at pull.

    The result must be a record the laptop would accept: schema bounds, then the contract's
    normalisation, then its validation (every error for a final record; for a draft, the
    errors about the fields changed here).
    """
    record = _record_for(session, user, record_id, CORRECTOR_ROLES)
    head = _head_payload(session, record)
    forbidden = sorted({"id", "revision", "device_id", "created_at"} & set(changes))
    if forbidden:
        problems = [
            message(
                "not_correctable",
                f"Trường changes.{name}: không được sửa trường này; hãy bỏ nó.",
                f"Field changes.{name}: this field cannot be corrected; leave it out.",
                field=f"changes.{name}",
            )
            for name in forbidden
        ]
        raise InvalidCorrection(
            f"Không được sửa các trường: {', '.join(forbidden)}.",
            f"These fields cannot be corrected: {', '.join(forbidden)}.",
            problems,
        )
    corrected = _checked_change(session, record_id, head, changes, now=now,
                                reference=reference)
    _store_head(session, record, corrected, base=record.head_revision, now=now)
    _append(
        session,
        FeedKind.CORRECTION,
        record_id,
        {
            "record": corrected.to_wire(),
            "comment": comment.strip(),
            "by": user.full_name or user.username,
        },
        now,
    )
    audit.record(
        session, audit.user_actor(user.username), "record.correct", f"record:{record_id}",
        {"fields": sorted(changes), "revision": corrected.revision}, at=now,
    )  # fmt: skip
    heads_changed(session.connection(), [record_id], now=now)
    return corrected


def _checked_change(session: Session, record_id: str, head: dict[str, Any],
                    changes: dict[str, Any], *, now: datetime, reference: ReferenceData
                    ) -> AssistanceRecord:
    """``head`` with ``changes`` as the next revision, through the laptop's contract: schema
    bounds, normalisation, then validation (every error for a final record; for a draft,
    those about the fields changed). Problems name ``changes.<field>``."""
    top = _max_revision(session, record_id)
    merged = {**head, **changes, "revision": top + 1, "updated_at": now.isoformat()}
    try:
        corrected = clean(AssistanceRecord.model_validate(merged))
    except ValidationError as exc:
        problems = problems_from_pydantic(exc.errors(include_url=False), prefix="changes")
        raise _invalid(problems) from None
    blocking = [
        p
        for p in validate(corrected, reference, today=ward_today(now))
        if p.severity == "error"
        and (corrected.status is RecordStatus.FINAL or set(p.all_fields) & set(changes))
    ]
    if blocking:
        raise _invalid(
            [
                message(
                    p.code,
                    f"Trường changes.{p.field}: {p.message_vi}",
                    f"Field changes.{p.field}: {p.message_en}",
                    field=f"changes.{p.field}",
                )
                for p in blocking
            ]
        )
    return corrected


def _invalid(problems: list[Message]) -> InvalidCorrection:
    fields = ", ".join(dict.fromkeys(p.field or "?" for p in problems))
    return InvalidCorrection(
        f"Giá trị sửa không hợp lệ ở: {fields}. Hãy sửa các trường đó rồi gửi lại.",
        f"The corrected values are not valid at: {fields}. Fix those fields and send again.",
        problems,
    )


def resolve_conflict(
    session: Session,
    user: User,
    record_id: str,
    *,
    revision: int,
    content_hash_prefix: str,
    comment: str,
    now: datetime,
) -> AssistanceRecord:
    """The ward picks one stored version as the truth; it becomes a new head revision."""
    record = _record_for(session, user, record_id, CORRECTOR_ROLES)
    chosen = [
        v
        for v in session.scalars(
            select(RecordVersion).where(
                RecordVersion.record_id == record_id, RecordVersion.revision == revision
            )
        )
        if v.content_hash.startswith(content_hash_prefix)
    ]
    if len(chosen) != 1:
        raise WardActionError(
            "Không xác định được đúng một phiên bản để giữ.",
            "That does not identify exactly one stored version.",
        )
    top = _max_revision(session, record_id)
    data = {**json.loads(chosen[0].payload), "revision": top + 1, "updated_at": now.isoformat()}
    try:
        resolved = AssistanceRecord.model_validate(data)
    except ValidationError as exc:
        raise NotPossible(
            "Không giữ được phiên bản này như bản mới nhất (số phiên bản hoặc giá trị vượt giới "
            "hạn); hãy sửa bản ghi thay vì chọn.",
            "This version cannot become the new head (its revision or values are out of "
            "bounds); correct the record instead.",
            problems_from_pydantic(exc.errors(include_url=False)),
        ) from None
    _store_head(session, record, resolved, base=record.head_revision, now=now)
    record.flagged = False
    _append(
        session,
        FeedKind.MERGE,
        record_id,
        {
            "record": resolved.to_wire(),
            "chosen_revision": revision,
            "comment": comment.strip(),
            "by": user.full_name or user.username,
        },
        now,
    )
    audit.record(
        session, audit.user_actor(user.username), "record.resolve", f"record:{record_id}",
        {"chosen_revision": revision, "revision": resolved.revision}, at=now,
    )  # fmt: skip
    heads_changed(session.connection(), [record_id], now=now)
    return resolved


def resolve_fields(
    session: Session,
    user: User,
    record_id: str,
    *,
    head_revision: int,
    values: dict[str, Any],
    comment: str,
    now: datetime,
    reference: ReferenceData,
) -> AssistanceRecord:
    """Resolve a conflict field by field in one step: ``values`` holds, for each field that
    differs, the value staff chose (from either version) or typed. The head with those values
    goes through the contract like a correction and becomes a new head revision, the conflict
    flag is cleared, and every laptop holding the record receives it at its next pull.

    ``head_revision`` is the head staff looked at: if the record moved since (another
    resolution, a new version from a laptop), nothing is stored and staff look again.
    """
    record = _record_for(session, user, record_id, CORRECTOR_ROLES)
    if not record.flagged:
        raise NotPossible(
            "Bản ghi này không có xung đột để giải quyết (có thể đã được giải quyết). Hãy tải "
            "lại bản ghi; muốn đổi giá trị thì dùng Sửa.",
            "This record has no conflict to resolve (it may have been resolved already). "
            "Reload it; to change values, correct it.",
        )
    if record.head_revision != head_revision:
        raise NotPossible(
            f"Bản ghi đã thay đổi (phiên bản mới nhất là {record.head_revision}, bạn đang xem "
            f"{head_revision}). Hãy tải lại rồi chọn lại.",
            f"The record changed (its latest version is {record.head_revision}, you were "
            f"looking at {head_revision}). Reload it and choose again.",
        )
    forbidden = sorted({"id", "revision", "device_id", "created_at"} & set(values))
    if forbidden:
        raise InvalidCorrection(
            f"Không được chọn giá trị cho các trường: {', '.join(forbidden)}.",
            f"These fields cannot be chosen: {', '.join(forbidden)}.",
            [message("not_correctable",
                     f"Trường changes.{name}: không được đổi trường này; hãy bỏ nó.",
                     f"Field changes.{name}: this field cannot be changed; leave it out.",
                     field=f"changes.{name}") for name in forbidden],
        )
    head = _head_payload(session, record)
    resolved = _checked_change(session, record_id, head, values, now=now, reference=reference)
    _store_head(session, record, resolved, base=record.head_revision, now=now)
    record.flagged = False
    changed = sorted(n for n, v in values.items() if head.get(n) != v)
    _append(
        session,
        FeedKind.MERGE,
        record_id,
        {
            "record": resolved.to_wire(),
            "fields": changed,
            "comment": comment.strip(),
            "by": user.full_name or user.username,
        },
        now,
    )
    audit.record(
        session, audit.user_actor(user.username), "record.resolve_fields", f"record:{record_id}",
        {"fields": sorted(values), "changed": changed, "revision": resolved.revision}, at=now,
    )  # fmt: skip
    heads_changed(session.connection(), [record_id], now=now)
    return resolved


def hand_over(
    session: Session,
    record_ids: list[str],
    device_id: str,
    *,
    actor: str,
    comment: str,
    now: datetime,
    user: User | None = None,
) -> dict[str, str | None]:
    """Make ``device_id`` the owner of these records (the only device that may send new
    versions of them, and the one whose pull carries their feed). Returns the previous owner
    of each. ``user``: the staff member doing it through the API (roles and neighbourhood
    checked); ``None`` for the server's console.

    The device must be enrolled, not revoked, and enrolled for the record's neighbourhood (a
    record in another neighbourhood is first corrected to the right one).
    """
    device = session.get(Device, device_id[:36])
    if device is None or device.token_hash is None or device.revoked_at is not None:
        raise NotPossible(
            f"Thiết bị {device_id} không có, chưa đăng ký xong hoặc đã bị thu hồi.",
            f"Device {device_id} does not exist, has not finished enrolling, or is revoked.",
            [message("no_device", "Không có thiết bị này.", "No such device.",
                     field="device_id")],
        )
    records = []
    for record_id in record_ids:
        if user is not None:
            records.append(_record_for(session, user, record_id, CORRECTOR_ROLES))
        else:
            found = session.get(Record, record_id)
            if found is None:
                raise NoSuchRecord(f"Không có bản ghi {record_id}.",
                                   f"There is no record {record_id}.")
            records.append(found)
    elsewhere = [r for r in records if r.neighbourhood_code != device.neighbourhood_code]
    if elsewhere:
        first = elsewhere[0]
        raise NotPossible(
            f"Bản ghi {first.id} thuộc khu phố {first.neighbourhood_code}, còn thiết bị được "
            f"đăng ký cho khu phố {device.neighbourhood_code}. Hãy sửa khu phố của bản ghi "
            "trước khi chuyển.",
            f"Record {first.id} is in neighbourhood {first.neighbourhood_code}, the device is "
            f"enrolled for {device.neighbourhood_code}. Correct the record's neighbourhood "
            "before handing it over.",
            [message("other_neighbourhood", "Khác khu phố.", "Another neighbourhood.",
                     field="device_id")],
        )
    previous: dict[str, str | None] = {}
    for record in records:
        previous[record.id] = record.owner_device_id
        if record.owner_device_id == device.id:
            continue
        record.owner_device_id = device.id
        record.updated_at = now
        session.flush()
        head = _head_payload(session, record)
        data = {"from_device": previous[record.id], "to_device": device.id,
                "comment": comment.strip(), "head_revision": record.head_revision}
        _append(session, FeedKind.HANDOVER, record.id, {**data, "record": head}, now,
                device_id=device.id)
        if previous[record.id] is not None:
            _append(session, FeedKind.HANDOVER, record.id, data, now,
                    device_id=previous[record.id])
        audit.record(session, actor, "record.hand_over", f"record:{record.id}",
                     {"from": previous[record.id], "to": device.id, "comment": comment.strip()},
                     at=now)
    return previous


def records_owned_by(session: Session, device_id: str) -> list[str]:
    return list(
        session.scalars(
            select(Record.id).where(Record.owner_device_id == device_id).order_by(Record.id)
        )
    )


def publish_reference(session: Session, reference: ReferenceData, *, now: datetime) -> None:
    """Store checked reference data as the set in force; laptops are told in the feed."""
    version = reference.version
    session.add(
        ReferenceSet(
            version=version, documents=json.dumps(reference.json_documents()), published_at=now
        )
    )
    session.flush()
    _append(session, FeedKind.REFERENCE, None, {"version": version}, now)


def _record_for(session: Session, user: User, record_id: str, roles: frozenset[Role]) -> Record:
    if Role(user.role) not in roles:
        raise NotAllowed(
            "Tài khoản của bạn không có quyền làm việc này.",
            "Your account is not allowed to do this.",
        )
    record = session.get(Record, record_id)
    if record is None or not may_see(user, record):
        raise NoSuchRecord(f"Không có bản ghi {record_id}.", f"There is no record {record_id}.")
    return record


def _head_payload(session: Session, record: Record) -> dict[str, Any]:
    payload = session.scalar(
        select(RecordVersion.payload).where(
            RecordVersion.record_id == record.id,
            RecordVersion.revision == record.head_revision,
            RecordVersion.content_hash == record.head_hash,
        )
    )
    if payload is None:  # the head always points at a stored version
        raise RuntimeError(f"record {record.id} has no head version")
    loaded: dict[str, Any] = json.loads(payload)
    return loaded


def _max_revision(session: Session, record_id: str) -> int:
    return int(
        session.scalar(
            select(func.max(RecordVersion.revision)).where(RecordVersion.record_id == record_id)
        )
        or 0
    )


def _store_head(
    session: Session, record: Record, data: AssistanceRecord, *, base: int, now: datetime
) -> None:
    payload = canonical_json(data)
    digest = content_hash(payload)
    session.add(
        RecordVersion(
            record_id=record.id,
            revision=data.revision,
            base_revision=base,
            content_hash=digest,
            device_id=None,
            outcome=VersionOutcome.CORRECTION.value,
            payload=payload,
            received_at=now,
            via="staff",
        )
    )
    session.execute(
        update(Record)
        .where(Record.id == record.id)
        .values(
            head_revision=data.revision,
            head_hash=digest,
            updated_at=now,
            neighbourhood_code=data.neighbourhood_code,
        )
    )
    session.expire(record)


def _append(
    session: Session,
    kind: FeedKind,
    record_id: str | None,
    data: dict[str, Any],
    now: datetime,
    *,
    device_id: str | None = None,
) -> None:
    session.flush()
    feed.append(
        session.connection(),
        [
            {
                "kind": kind.value,
                "record_id": record_id,
                "device_id": device_id,
                "payload": json.dumps(data, ensure_ascii=False),
                "created_at": now,
            }
        ],
    )
