"""The staff review queue: records filtered on the server (neighbourhood, volunteer,
category, result, review state, period, conflict) and searched with the laptop's
accent-insensitive key, a page at a time in arrival order, with the total that matches.

Search: the words of ``q`` folded like the laptop's search (case, diacritics, đ) must all
appear in the record's folded name (``resident_profiles.name_key``, a trigram index on
PostgreSQL), or ``q`` is a phone, CCCD or CMND number (digits, any spacing). Names are
indexed with the resident profiles, right after the push is answered (sync.server.linking),
so a record is found by name a few seconds after it arrives.

Roles: team leads see their neighbourhood only; staff and administrators everything.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query
from sqlalchemy import Select, and_, func, or_, select

from sync.contract.normalize import search_key
from sync.contract.wire import (
    API_PREFIX,
    MAX_OFFSET,
    MAX_SEARCH,
    QueuePage,
    RecordSummary,
    ReviewState,
)
from sync.server.api.deps import DB, Reviewer
from sync.server.linkage.models import ResidentProfile
from sync.server.models import Record, RecordVersion, Role
from sync.server.reports.models import RecordFact

router = APIRouter(prefix=f"{API_PREFIX}/queue", tags=["staff"])

_NOT_DIGITS = re.compile(r"[\s.+()-]")
Code = Annotated[str | None, Query(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")]


@router.get("", response_model=QueuePage)
def queue(
    session: DB,
    user: Reviewer,
    neighbourhood: Code = None,
    volunteer: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
    category: Code = None,
    result: Code = None,
    review_state: Annotated[list[ReviewState] | None, Query(max_length=5)] = None,
    flagged: bool | None = None,
    assisted_from: date | None = None,
    assisted_to: date | None = None,
    q: Annotated[str | None, Query(max_length=MAX_SEARCH)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> QueuePage:
    """Records in arrival order, filtered and searched; ``total``: how many match."""
    ids = select(Record.id)
    if Role(user.role) is Role.TEAM_LEAD:
        ids = ids.where(Record.neighbourhood_code == user.neighbourhood_code)
    if neighbourhood is not None:
        ids = ids.where(Record.neighbourhood_code == neighbourhood)
    if flagged is not None:
        ids = ids.where(Record.flagged == flagged)
    if review_state:
        ids = ids.where(Record.review_state.in_([s.value for s in review_state]))
    facts: list[Any] = []
    if volunteer is not None:
        facts.append(RecordFact.volunteer_name == volunteer.strip())
    if category is not None:
        facts.append(RecordFact.category == category)
    if result is not None:
        facts.append(RecordFact.result == result)
    if assisted_from is not None:
        facts.append(RecordFact.assisted_on >= assisted_from)
    if assisted_to is not None:
        facts.append(RecordFact.assisted_on <= assisted_to)
    if facts:
        ids = ids.join(RecordFact, RecordFact.record_id == Record.id).where(and_(*facts))
    ids = _searched(ids, q)
    total = int(session.scalar(select(func.count()).select_from(ids.subquery())) or 0)
    page = ids.order_by(Record.first_received_at, Record.id).limit(limit).offset(offset)
    rows = session.execute(
        select(Record, RecordVersion.payload)
        .join(RecordVersion, (RecordVersion.record_id == Record.id)
              & (RecordVersion.revision == Record.head_revision)
              & (RecordVersion.content_hash == Record.head_hash))
        .where(Record.id.in_(page.scalar_subquery()))
        .order_by(Record.first_received_at, Record.id)
    ).all()
    return QueuePage(items=[_summary(r.Record, r.payload) for r in rows], total=total,
                     offset=offset, limit=limit)


def _searched(ids: Select[Any], q: str | None) -> Select[Any]:
    text = (q or "").strip()
    if not text:
        return ids
    digits = _NOT_DIGITS.sub("", text)
    ids = ids.join(ResidentProfile, ResidentProfile.record_id == Record.id)
    if digits.isdigit() and len(digits) >= 4:
        phone = "+84" + digits[1:] if digits.startswith("0") else "+" + digits
        return ids.where(or_(ResidentProfile.phone == phone, ResidentProfile.cccd == digits,
                             ResidentProfile.cmnd == digits))
    words = [w.replace("\\", "").replace("%", "").replace("_", "") for w in
             search_key(text).split()]
    return ids.where(and_(*(ResidentProfile.name_key.like(f"%{w}%") for w in words if w)))


def _summary(record: Record, payload: str) -> RecordSummary:
    return RecordSummary(
        id=record.id,
        head_revision=record.head_revision,
        neighbourhood_code=record.neighbourhood_code,
        owner_device_id=record.owner_device_id,
        flagged=record.flagged,
        review_state=ReviewState(record.review_state),
        review_comment=record.review_comment,
        record=json.loads(payload),
    )



