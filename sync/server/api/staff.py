"""Ward staff's record endpoints: list, detail with every version, review, correct, resolve a
conflict, hand a record over to another device.

Roles: team leads review the records of their own neighbourhood (another neighbourhood's
record does not exist for them: 404); staff and administrators do everything; volunteer
accounts have no access (403).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Annotated, TypeVar

from fastapi import APIRouter, Path, Query
from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.contract.record import AssistanceRecord
from sync.contract.wire import (
    API_PREFIX,
    MAX_OFFSET,
    CorrectionRequest,
    FieldResolveRequest,
    HandOverRequest,
    HandOverResponse,
    RecordSummary,
    RecordVersionInfo,
    ResolveRequest,
    ReviewRequest,
    ReviewResponse,
    ReviewState,
)
from sync.server import audit, view_audit, ward
from sync.server import messages as msg
from sync.server.api.deps import DB, Context, Corrector, Reviewer
from sync.server.api.errors import ApiError
from sync.server.models import Record, RecordVersion, Role

router = APIRouter(prefix=f"{API_PREFIX}/records", tags=["staff"])

_T = TypeVar("_T")
RecordId = Annotated[str, Path(min_length=1, max_length=36, pattern=r"^[0-9a-fA-F-]+$")]


@router.get("", response_model=list[RecordSummary])
def list_records(
    session: DB,
    user: Reviewer,
    context: Context,
    flagged: bool | None = None,
    review_state: ReviewState | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> list[RecordSummary]:
    """Records, oldest first (team leads: their neighbourhood only)."""
    query = select(Record).order_by(Record.first_received_at, Record.id)
    if flagged is not None:
        query = query.where(Record.flagged == flagged)
    if review_state is not None:
        query = query.where(Record.review_state == review_state.value)
    if Role(user.role) is Role.TEAM_LEAD:
        query = query.where(Record.neighbourhood_code == user.neighbourhood_code)
    rows = session.scalars(query.limit(limit).offset(offset)).all()
    view_audit.record_view(session, user, "records.list", [r.id for r in rows],
                           at=context.now(), filters={
                               "flagged": flagged, "review_state": review_state,
                               "limit": limit, "offset": offset})
    return [_summary(session, r, with_versions=False) for r in rows]


@router.get("/{record_id}", response_model=RecordSummary)
def get_record(record_id: RecordId, session: DB, user: Reviewer,
               context: Context) -> RecordSummary:
    """One record with every version the ward holds."""
    record = session.get(Record, record_id)
    if record is None or not ward.may_see(user, record):
        raise ApiError(404, msg.NOT_FOUND)
    view_audit.record_view(session, user, "record.view", [record.id], at=context.now())
    return _summary(session, record, with_versions=True)


@router.post("/{record_id}/review", response_model=ReviewResponse)
def review(
    record_id: RecordId, body: ReviewRequest, session: DB, user: Reviewer, context: Context
) -> ReviewResponse:
    record = _ward_action(
        lambda: ward.review(session, user, record_id, body.state, body.comment, now=context.now())
    )
    return ReviewResponse(id=record.id, review_state=ReviewState(record.review_state))


@router.post("/{record_id}/correct", response_model=AssistanceRecord)
def correct(
    record_id: RecordId, body: CorrectionRequest, session: DB, user: Corrector, context: Context
) -> AssistanceRecord:
    """A new head revision with ``changes`` applied, validated and normalised exactly like a
    laptop's record (422 naming each field otherwise); the laptop receives it at its pull."""
    return _ward_action(
        lambda: ward.correct(
            session,
            user,
            record_id,
            body.changes,
            body.comment,
            now=context.now(),
            reference=context.references.current(),
        )
    )


@router.post("/{record_id}/resolve", response_model=AssistanceRecord)
def resolve(
    record_id: RecordId, body: ResolveRequest, session: DB, user: Corrector, context: Context
) -> AssistanceRecord:
    """Keep one stored version (named by revision and hash prefix) as the new head."""
    return _ward_action(
        lambda: ward.resolve_conflict(
            session,
            user,
            record_id,
            revision=body.revision,
            content_hash_prefix=body.content_hash,
            comment=body.comment,
            now=context.now(),
        )
    )


@router.post("/{record_id}/resolve-fields", response_model=AssistanceRecord)
def resolve_fields(
    record_id: RecordId, body: FieldResolveRequest, session: DB, user: Corrector,
    context: Context,
) -> AssistanceRecord:
    """Resolve a conflict in one step: the value of each differing field, chosen from either
    version or typed, validated like a correction; the result is a new head revision that
    every laptop holding the record receives (409 if the head moved since ``head_revision``
    or there is no conflict)."""
    return _ward_action(
        lambda: ward.resolve_fields(
            session, user, record_id, head_revision=body.head_revision, values=body.changes,
            comment=body.comment, now=context.now(), reference=context.references.current(),
        )
    )


@router.post("/{record_id}/hand-over", response_model=HandOverResponse)
def hand_over(
    record_id: RecordId, body: HandOverRequest, session: DB, user: Corrector, context: Context
) -> HandOverResponse:
    """Make another device (enrolled for the record's neighbourhood) the record's owner: from
    now on only it may send new versions, and its pull carries the record's feed. Audited."""
    previous = _ward_action(
        lambda: ward.hand_over(
            session,
            [record_id],
            body.device_id,
            actor=audit.user_actor(user.username),
            comment=body.comment,
            now=context.now(),
            user=user,
        )
    )
    return HandOverResponse(
        id=record_id, owner_device_id=body.device_id, previous_owner_device_id=previous[record_id]
    )


def _ward_action(action: Callable[[], _T]) -> _T:
    try:
        return action()
    except ward.WardActionError as exc:
        raise ApiError(
            exc.status, msg.message(exc.code, exc.message_vi, exc.message_en), exc.problems
        ) from None


def _summary(session: Session, record: Record, *, with_versions: bool) -> RecordSummary:
    query = select(RecordVersion).where(RecordVersion.record_id == record.id)
    if not with_versions:
        query = query.where(
            RecordVersion.revision == record.head_revision,
            RecordVersion.content_hash == record.head_hash,
        )
    versions = session.scalars(query.order_by(RecordVersion.id)).all()
    head = next(
        v
        for v in versions
        if v.revision == record.head_revision and v.content_hash == record.head_hash
    )
    return RecordSummary(
        id=record.id,
        head_revision=record.head_revision,
        neighbourhood_code=record.neighbourhood_code,
        owner_device_id=record.owner_device_id,
        flagged=record.flagged,
        review_state=ReviewState(record.review_state),
        review_comment=record.review_comment,
        record=json.loads(head.payload),
        versions=[
            RecordVersionInfo(
                revision=v.revision,
                base_revision=v.base_revision,
                content_hash=v.content_hash,
                device_id=v.device_id,
                outcome=v.outcome,
                via=v.via,
                received_at=v.received_at,
                record=json.loads(v.payload),
            )
            for v in versions
        ]
        if with_versions
        else [],
    )
