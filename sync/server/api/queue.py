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
from sqlalchemy.orm import Session

from sync.contract.normalize import search_key
from sync.contract.record import NUL_FREE
from sync.contract.wire import (
    API_PREFIX,
    MAX_OFFSET,
    MAX_SEARCH,
    QueuePage,
    RecordSummary,
    ReviewState,
)
from sync.server import view_audit
from sync.server.api.deps import DB, Context, Reviewer
from sync.server.linkage.models import ResidentProfile
from sync.server.models import Record, RecordVersion, Role, User
from sync.server.reports.models import RecordFact

router = APIRouter(prefix=f"{API_PREFIX}/queue", tags=["staff"])

_NOT_DIGITS = re.compile(r"[\s.+()-]")
Code = Annotated[str | None, Query(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")]


@router.get("", response_model=QueuePage)
def queue(
    session: DB,
    user: Reviewer,
    context: Context,
    neighbourhood: Code = None,
    volunteer: Annotated[str | None, Query(min_length=1, max_length=200,
                                           pattern=NUL_FREE)] = None,
    category: Code = None,
    result: Code = None,
    review_state: Annotated[list[ReviewState] | None, Query(max_length=5)] = None,
    flagged: bool | None = None,
    assisted_from: date | None = None,
    assisted_to: date | None = None,
    q: Annotated[str | None, Query(max_length=MAX_SEARCH, pattern=NUL_FREE)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> QueuePage:
    """Records in arrival order, filtered and searched; ``total``: how many match. Every
    page shown is audited (who saw which records; the non-personal filters, never the search
    text or a volunteer's name)."""
    page = _queue_page(session, user, neighbourhood, volunteer, category, result, review_state,
                       flagged, assisted_from, assisted_to, q, limit, offset)
    view_audit.record_view(
        session, user, "records.list", [item.id for item in page.items], at=context.now(),
        filters={"neighbourhood": neighbourhood, "category": category, "result": result,
                 "review_state": [s.value for s in review_state or ()], "flagged": flagged,
                 "assisted_from": assisted_from.isoformat() if assisted_from else None,
                 "assisted_to": assisted_to.isoformat() if assisted_to else None,
                 "searched": q is not None, "limit": limit, "offset": offset})
    return page


def _queue_page(
    session: Session,
    user: User,
    neighbourhood: str | None,
    volunteer: str | None,
    category: str | None,
    result: str | None,
    review_state: list[ReviewState] | None,
    flagged: bool | None,
    assisted_from: date | None,
    assisted_to: date | None,
    q: str | None,
    limit: int,
    offset: int,
) -> QueuePage:
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
    search = _search_conditions(q)
    lead = Role(user.role) is Role.TEAM_LEAD
    if search is not None and not (lead or flagged is not None or review_state or facts):
        return _search_page(session, search, neighbourhood, limit, offset)
    if search is not None:
        ids = ids.join(ResidentProfile, ResidentProfile.record_id == Record.id).where(*search)
    total = int(session.scalar(select(func.count()).select_from(ids.subquery())) or 0)
    page = ids.order_by(Record.first_received_at, Record.id).limit(limit).offset(offset)
    rows = session.execute(
        _with_heads().where(Record.id.in_(page.scalar_subquery()))
        .order_by(Record.first_received_at, Record.id)
    ).all()
    return QueuePage(items=[_summary(r.Record, r.payload) for r in rows], total=total,
                     offset=offset, limit=limit)


def _search_page(session: Session, search: list[Any], neighbourhood: str | None, limit: int,
                 offset: int) -> QueuePage:
    """A search with no other filter than the neighbourhood, answered from the profiles
    alone (their trigram and number indexes, the neighbourhood of the head they were made
    from), in the order records were indexed (arrival, or their last change): counting and
    ordering 100,000 matches of a common word then needs no join with ``records``.
    Team leads always take the other path, which checks the record's own neighbourhood."""
    matches = select(ResidentProfile.record_id).where(*search)
    if neighbourhood is not None:
        matches = matches.where(ResidentProfile.neighbourhood == neighbourhood)
    total = int(session.scalar(select(func.count()).select_from(matches.subquery())) or 0)
    ids = list(session.scalars(
        matches.order_by(ResidentProfile.indexed_at, ResidentProfile.record_id)
        .limit(limit).offset(offset)
    ))
    rows = {r.Record.id: r for r in session.execute(_with_heads().where(Record.id.in_(ids)))}
    items = [_summary(rows[i].Record, rows[i].payload) for i in ids if i in rows]
    return QueuePage(items=items, total=total, offset=offset, limit=limit)


def _with_heads() -> Select[Record, str]:
    return select(Record, RecordVersion.payload).join(
        RecordVersion, (RecordVersion.record_id == Record.id)
        & (RecordVersion.revision == Record.head_revision)
        & (RecordVersion.content_hash == Record.head_hash))


def _search_conditions(q: str | None) -> list[Any] | None:
    """What ``q`` asks of a record's profile (``None``: no search)."""
    text = (q or "").strip()
    if not text:
        return None
    digits = _NOT_DIGITS.sub("", text)
    if digits.isdigit() and len(digits) >= 4:
        phone = "+84" + digits[1:] if digits.startswith("0") else "+" + digits
        return [or_(ResidentProfile.phone == phone, ResidentProfile.cccd == digits,
                    ResidentProfile.cmnd == digits)]
    words = [w.replace("\\", "").replace("%", "").replace("_", "")
             for w in search_key(text).split()]
    return [ResidentProfile.name_key.like(f"%{w}%") for w in words if w] or None


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



