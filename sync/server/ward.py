"""What ward staff do with received records: review, correct, resolve conflicts, publish
reference data. Each action also appends the feed item that tells the laptops at their next pull.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from sync.contract.record import AssistanceRecord
from sync.server import feed
from sync.server.accounts import AccountError
from sync.server.models import (
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
    """A staff action that cannot be done as asked (bilingual)."""

    #: HTTP status the API answers with: 400 a bad request, 403 a role without the right,
    #: 404 a record the user cannot see.
    status = 400


class NotAllowed(WardActionError):
    status = 403


class NoSuchRecord(WardActionError):
    status = 404


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
    return record


def correct(
    session: Session,
    user: User,
    record_id: str,
    changes: dict[str, Any],
    comment: str,
    *,
    now: datetime,
) -> AssistanceRecord:
    """Write a new head revision with ``changes`` applied; the laptops receive it at pull."""
    record = _record_for(session, user, record_id, CORRECTOR_ROLES)
    head = _head_payload(session, record)
    forbidden = {"id", "revision", "device_id", "created_at"} & set(changes)
    if forbidden:
        raise WardActionError(
            f"Không được sửa các trường: {', '.join(sorted(forbidden))}.",
            f"These fields cannot be corrected: {', '.join(sorted(forbidden))}.",
        )
    top = _max_revision(session, record_id)
    merged = {**head, **changes, "revision": top + 1, "updated_at": now.isoformat()}
    try:
        corrected = AssistanceRecord.model_validate(merged)
    except ValidationError as exc:
        fields = ", ".join(str(e["loc"][0]) for e in exc.errors() if e["loc"])
        raise WardActionError(
            f"Giá trị sửa không hợp lệ ở trường: {fields}.",
            f"The corrected value is not valid in field(s): {fields}.",
        ) from None
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
    return corrected


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
    resolved = AssistanceRecord.model_validate(data)
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
    return resolved


def publish_reference(
    session: Session, version: str, documents: dict[str, Any], *, now: datetime
) -> None:
    session.add(
        ReferenceSet(
            version=version, documents=json.dumps(documents, default=str), published_at=now
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
    session: Session, kind: FeedKind, record_id: str | None, data: dict[str, Any], now: datetime
) -> None:
    session.flush()
    feed.append(
        session.connection(),
        [
            {
                "kind": kind.value,
                "record_id": record_id,
                "device_id": None,
                "payload": json.dumps(data, ensure_ascii=False),
                "created_at": now,
            }
        ],
    )
