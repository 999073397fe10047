"""Ward staff deciding the linkage engine's proposals (issue 11, point 5): the staff API's
side of :mod:`sync.server.linkage`.

Each decision runs in the route's transaction together with what must follow it:

- the reporting facts of every record whose resident changed (``refresh_facts``: a link or
  its undo changes who each record's person is) or that left / re-entered the counts
  (``set_excluded``), then the flags of locked periods, so a report never counts from stale
  facts;
- an audit entry naming the staff member, the pair and the records.

Team leads read the pairs whose two records are both of their neighbourhood (any other pair
does not exist for them: 404); staff and administrators read and decide every pair.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from sync.contract.wire import (
    ProposalDecision,
    ProposalDetail,
    ProposalInfo,
    ProposalKind,
    ProposalLevel,
    ProposalPageResponse,
    ProposalReason,
    ProposalSide,
    ProposalState,
)
from sync.server import audit
from sync.server.linkage import (
    LinkageError,
    Page,
    Proposal,
    ProposalFilter,
    exclude_double,
    get_proposal,
    include_again,
    link,
    link_records,
    list_proposals,
    mark_different,
    reopen,
    resident_of,
    unlink,
)
from sync.server.linkage.models import RecordExclusion, ResidentLink, ResidentProfile
from sync.server.models import Record, RecordVersion, Role, User
from sync.server.reports.facts import refresh_facts, set_excluded
from sync.server.reports.locks import flag_changes_in_locked_periods
from sync.server.reports.models import RecordFact

#: Fields that say nothing about the person or the help (never "differing" for staff).
TECHNICAL_FIELDS = frozenset({"id", "device_id", "revision", "created_at", "updated_at"})


class PairNotFound(LinkageError):
    """The pair does not exist, or not for this user (a team lead's other neighbourhoods)."""


def _not_found(proposal_id: int) -> PairNotFound:
    return PairNotFound(
        f"Không tìm thấy cặp đề xuất số {proposal_id}.",
        f"Proposal pair {proposal_id} was not found.",
    )


def _area(user: User) -> str | None:
    return user.neighbourhood_code if Role(user.role) is Role.TEAM_LEAD else None


def list_pairs(
    session: Session,
    user: User,
    *,
    states: tuple[str, ...],
    levels: tuple[str, ...],
    kind: str | None,
    limit: int,
    after: tuple[int, int] | None,
) -> ProposalPageResponse:
    """A page of proposals, best score first (keyset paging)."""
    conn = session.connection()
    page = list_proposals(
        conn,
        ProposalFilter(states=states, levels=levels, kind=kind, neighbourhood=_area(user)),
        Page(limit=limit, after=after),
    )
    return ProposalPageResponse(items=describe(session, page.items), next_after=page.next_after)


def pair_detail(session: Session, user: User, proposal_id: int) -> ProposalDetail:
    proposal = _visible(session, user, proposal_id)
    heads = _heads(session, [proposal.record_a, proposal.record_b])
    record_a, record_b = heads.get(proposal.record_a, {}), heads.get(proposal.record_b, {})
    differing = sorted(
        name
        for name in set(record_a) | set(record_b)
        if name not in TECHNICAL_FIELDS and record_a.get(name) != record_b.get(name)
    )
    return ProposalDetail(
        proposal=describe(session, [proposal])[0],
        record_a=record_a,
        record_b=record_b,
        differing=differing,
    )


def decide_same(session: Session, user: User, proposal_id: int, *, now: datetime
                ) -> ProposalDecision:
    """Same person: link the two records to one resident (undo: :func:`undo_link`)."""
    _visible(session, user, proposal_id)
    conn = session.connection()
    done = link(conn, proposal_id, by=user.id, now=now)
    _residents_changed(session, done.moved, done.kept_resident, done.merged_resident, now=now)
    audit.record(session, audit.user_actor(user.username), "resident.link",
                 f"proposal:{proposal_id}",
                 {"link": done.id, "kept": done.kept_resident, "merged": done.merged_resident,
                  "moved": list(done.moved)}, at=now)
    return _decision(session, proposal_id, link_id=done.id, moved=done.moved)


def link_found(session: Session, user: User, record_a: str, record_b: str, *, now: datetime
               ) -> ProposalDecision:
    """Same person, for two records staff found themselves: the same link as a decided
    proposal (an open proposal between them is settled by it), undone the same way."""
    if record_a == record_b:
        raise LinkageError("Hãy chọn hai bản ghi khác nhau.", "Choose two different records.")
    done = link_records(session.connection(), record_a, record_b, by=user.id, now=now)
    _residents_changed(session, done.moved, done.kept_resident, done.merged_resident, now=now)
    audit.record(session, audit.user_actor(user.username), "resident.link",
                 f"records:{min(record_a, record_b)},{max(record_a, record_b)}",
                 {"link": done.id, "kept": done.kept_resident, "merged": done.merged_resident,
                  "moved": list(done.moved), "found_by_staff": True}, at=now)
    return _decision(session, None, link_id=done.id, moved=done.moved)


def undo_link(session: Session, user: User, link_id: int, *, now: datetime) -> ProposalDecision:
    conn = session.connection()
    proposal_id = session.scalar(select(ResidentLink.proposal_id).where(ResidentLink.id == link_id))
    done = unlink(conn, link_id, by=user.id, now=now)
    _residents_changed(session, done.moved, done.kept_resident, done.merged_resident, now=now)
    audit.record(session, audit.user_actor(user.username), "resident.unlink",
                 f"link:{link_id}", {"proposal": proposal_id, "moved": list(done.moved)},
                 at=now)
    return _decision(session, proposal_id, link_id=None, moved=done.moved)


def decide_different(session: Session, user: User, proposal_id: int, *, now: datetime
                     ) -> ProposalDecision:
    _visible(session, user, proposal_id)
    mark_different(session.connection(), proposal_id, by=user.id, now=now)
    audit.record(session, audit.user_actor(user.username), "resident.different",
                 f"proposal:{proposal_id}", at=now)
    return _decision(session, proposal_id)


def undo_different(session: Session, user: User, proposal_id: int, *, now: datetime
                   ) -> ProposalDecision:
    _visible(session, user, proposal_id)
    reopen(session.connection(), proposal_id, by=user.id, now=now)
    audit.record(session, audit.user_actor(user.username), "resident.reopen",
                 f"proposal:{proposal_id}", at=now)
    return _decision(session, proposal_id)


def decide_double(session: Session, user: User, proposal_id: int, record_id: str, reason: str,
                  *, now: datetime) -> ProposalDecision:
    """A double entry: ``record_id`` (one of the pair) leaves the counts."""
    _visible(session, user, proposal_id)
    exclude_double(session.connection(), proposal_id, record_id, by=user.id, now=now,
                   reason=reason.strip())
    _counts_changed(session, [record_id], excluded=True, now=now)
    audit.record(session, audit.user_actor(user.username), "resident.exclude",
                 f"record:{record_id}", {"proposal": proposal_id, "reason": reason.strip()},
                 at=now)
    return _decision(session, proposal_id)


def undo_double(session: Session, user: User, record_id: str, *, now: datetime
                ) -> ProposalDecision:
    proposal_id = session.scalar(
        select(RecordExclusion.proposal_id).where(RecordExclusion.record_id == record_id)
    )
    include_again(session.connection(), record_id, by=user.id, now=now)
    _counts_changed(session, [record_id], excluded=False, now=now)
    audit.record(session, audit.user_actor(user.username), "resident.include",
                 f"record:{record_id}", {"proposal": proposal_id}, at=now)
    return _decision(session, proposal_id)


# --- describing pairs -------------------------------------------------------------------------


def describe(session: Session, proposals: list[Proposal]) -> list[ProposalInfo]:
    """Proposals as the API hands them out, with what a row shows of each record."""
    ids = sorted({p.record_a for p in proposals} | {p.record_b for p in proposals})
    if not ids:
        return []
    conn = session.connection()
    profiles = {
        row.record_id: row
        for row in session.execute(
            select(ResidentProfile.record_id, ResidentProfile.name, ResidentProfile.birth_year,
                   ResidentProfile.category, ResidentProfile.assisted_on)
            .where(ResidentProfile.record_id.in_(ids))
        )
    }
    areas = dict(session.execute(
        select(Record.id, Record.neighbourhood_code).where(Record.id.in_(ids))
    ).all())
    excluded = set(session.scalars(
        select(RecordExclusion.record_id).where(RecordExclusion.record_id.in_(ids))
    ))
    residents = resident_of(conn, ids)
    deciders = {p.decided_by for p in proposals if p.decided_by is not None}
    names = dict(session.execute(
        select(User.id, User.username).where(User.id.in_(deciders))
    ).all()) if deciders else {}

    def side(record_id: str) -> ProposalSide:
        profile = profiles.get(record_id)
        return ProposalSide(
            record_id=record_id,
            neighbourhood_code=areas.get(record_id, ""),
            full_name=profile.name if profile is not None else "",
            birth_year=profile.birth_year if profile is not None else None,
            category=profile.category if profile is not None else None,
            assisted_on=(profile.assisted_on.isoformat()
                         if profile is not None and profile.assisted_on else None),
            resident_id=residents[record_id],
            excluded=record_id in excluded,
        )

    return [
        ProposalInfo(
            id=p.id,
            kind=ProposalKind(p.kind),
            level=ProposalLevel(p.level),
            score=p.score,
            reasons=[ProposalReason(code=r.code, vi=r.vi, en=r.en, weight=round(r.weight, 2))
                     for r in p.reasons],
            state=ProposalState(p.state),
            link_id=p.link_id,
            decided_by=names.get(p.decided_by) if p.decided_by is not None else None,
            decided_at=p.decided_at,
            a=side(p.record_a),
            b=side(p.record_b),
        )
        for p in proposals
    ]


def _decision(session: Session, proposal_id: int | None, *, link_id: int | None = None,
              moved: Iterable[str] = ()) -> ProposalDecision:
    """The pair as it is now (``None``: a link or exclusion made outside the proposals,
    e.g. by the command line)."""
    info = None
    if proposal_id is not None:
        info = describe(session, [get_proposal(session.connection(), proposal_id)])[0]
    return ProposalDecision(proposal=info, link_id=link_id, moved=sorted(moved))


def _visible(session: Session, user: User, proposal_id: int) -> Proposal:
    try:
        proposal = get_proposal(session.connection(), proposal_id)
    except LinkageError:
        raise _not_found(proposal_id) from None
    area = _area(user)
    if area is not None:
        areas = set(session.scalars(
            select(Record.neighbourhood_code).where(
                Record.id.in_([proposal.record_a, proposal.record_b]))
        ))
        if areas != {area}:
            raise _not_found(proposal_id)
    return proposal


def _heads(session: Session, record_ids: list[str]) -> dict[str, dict[str, Any]]:
    rows = session.execute(
        select(Record.id, RecordVersion.payload)
        .join(RecordVersion, (RecordVersion.record_id == Record.id)
              & (RecordVersion.revision == Record.head_revision)
              & (RecordVersion.content_hash == Record.head_hash))
        .where(Record.id.in_(record_ids))
    ).all()
    heads: dict[str, dict[str, Any]] = {}
    for row in rows:
        payload: Mapping[str, Any] = json.loads(row.payload)
        heads[row.id] = dict(payload)
    return heads


def _residents_changed(session: Session, moved: Iterable[str], *residents: str,
                       now: datetime) -> None:
    """A link or its undo changed who these records' person is: the report facts of the
    records (and of the residents' namesake records) follow in the same transaction, and a
    locked period they count in sees the change (its residents figure moved)."""
    ids = sorted(set(moved) | set(residents))
    conn = session.connection()
    refresh_facts(conn, ids)
    for start in range(0, len(ids), 900):  # SQLite: bound parameters per statement
        conn.execute(update(RecordFact).where(RecordFact.record_id.in_(ids[start:start + 900]))
                     .values(changed_at=now))
    flag_changes_in_locked_periods(conn, ids)


def _counts_changed(session: Session, record_ids: list[str], *, excluded: bool,
                    now: datetime) -> None:
    conn = session.connection()
    set_excluded(conn, record_ids, excluded, now=now)
    flag_changes_in_locked_periods(conn, record_ids)
