"""Ward staff's endpoints for the same resident across records: the proposed pairs and the
decisions on them (same person / different people / double entry, each undoable).

Roles: team leads read the pairs whose two records are both of their neighbourhood (other
pairs do not exist for them: 404) and decide nothing (403); staff and administrators read and
decide every pair; volunteer accounts and devices have no access.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, TypeVar

from fastapi import APIRouter, Path, Query

from sync.contract.wire import (
    API_PREFIX,
    MAX_PROPOSAL_PAGE,
    ExcludeRequest,
    LinkRequest,
    ProposalDecision,
    ProposalDetail,
    ProposalKind,
    ProposalLevel,
    ProposalPageResponse,
    ProposalState,
)
from sync.server import messages as msg
from sync.server import resident_review as review
from sync.server import view_audit
from sync.server.api.deps import DB, Context, Corrector, Reviewer
from sync.server.api.errors import ApiError
from sync.server.linkage import LinkageError, RecordsNotFound

router = APIRouter(prefix=f"{API_PREFIX}/residents", tags=["residents"])

_T = TypeVar("_T")
ProposalId = Annotated[int, Path(ge=1, le=2**31 - 1)]
LinkId = Annotated[int, Path(ge=1, le=2**31 - 1)]
RecordId = Annotated[str, Path(min_length=1, max_length=36, pattern=r"^[0-9a-fA-F-]+$")]


@router.get("/proposals", response_model=ProposalPageResponse)
def list_proposals(
    session: DB,
    user: Reviewer,
    context: Context,
    state: Annotated[list[ProposalState] | None, Query(max_length=4)] = None,
    level: Annotated[list[ProposalLevel] | None, Query(max_length=3)] = None,
    kind: ProposalKind | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PROPOSAL_PAGE)] = 50,
    after_score: Annotated[int | None, Query(ge=0, le=100)] = None,
    after_id: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
) -> ProposalPageResponse:
    """Proposed pairs, best score first (default: the open ones of every level). Page on with
    ``after_score`` and ``after_id`` from ``next_after``."""
    if (after_score is None) != (after_id is None):
        raise ApiError(422, msg.message(
            "invalid_request",
            "Cần cả after_score và after_id (lấy từ next_after của trang trước).",
            "Give both after_score and after_id (from the previous page's next_after).",
            field="after_id",
        ))
    after = (after_score, after_id) if after_score is not None and after_id is not None else None
    states = tuple(s.value for s in state) if state else (ProposalState.OPEN.value,)
    page = review.list_pairs(
        session, user, states=states, levels=tuple(v.value for v in level or ()),
        kind=kind.value if kind else None, limit=limit, after=after,
    )
    view_audit.record_view(
        session, user, "residents.pairs", [r for p in page.items for r in (p.a.record_id,
                                                                            p.b.record_id)],
        at=context.now(), filters={"state": list(states), "limit": limit})
    return page


@router.get("/proposals/{proposal_id}", response_model=ProposalDetail)
def get_proposal(proposal_id: ProposalId, session: DB, user: Reviewer, context: Context
                 ) -> ProposalDetail:
    """One pair with both records' current versions and the fields that differ."""
    detail = _decided(lambda: review.pair_detail(session, user, proposal_id))
    view_audit.record_view(session, user, "residents.pair",
                           [detail.proposal.a.record_id, detail.proposal.b.record_id],
                           at=context.now(), filters={"proposal": proposal_id})
    return detail


@router.post("/proposals/{proposal_id}/same", response_model=ProposalDecision)
def same_person(proposal_id: ProposalId, session: DB, user: Corrector, context: Context
                ) -> ProposalDecision:
    """The same person: both records (and the records already linked to either) become one
    resident; histories are kept. Undo with ``POST /links/{link_id}/unlink``."""
    return _decided(lambda: review.decide_same(session, user, proposal_id, now=context.now()))


@router.post("/links", response_model=ProposalDecision)
def link_found(body: LinkRequest, session: DB, user: Corrector, context: Context
               ) -> ProposalDecision:
    """The same person, for two records staff found themselves (the engine never proposed
    them, or below the levels shown): linked as a decided pair is. Undo with
    ``POST /links/{link_id}/unlink``."""
    return _decided(lambda: review.link_found(session, user, body.record_a, body.record_b,
                                              now=context.now()))


@router.post("/links/{link_id}/unlink", response_model=ProposalDecision)
def unlink(link_id: LinkId, session: DB, user: Corrector, context: Context) -> ProposalDecision:
    """Undo a "same person" decision: each record gets back the resident it had."""
    return _decided(lambda: review.undo_link(session, user, link_id, now=context.now()))


@router.post("/proposals/{proposal_id}/different", response_model=ProposalDecision)
def different_people(proposal_id: ProposalId, session: DB, user: Corrector, context: Context
                     ) -> ProposalDecision:
    """Different people: the pair is never proposed again (undo: ``/reopen``)."""
    return _decided(
        lambda: review.decide_different(session, user, proposal_id, now=context.now())
    )


@router.post("/proposals/{proposal_id}/reopen", response_model=ProposalDecision)
def reopen(proposal_id: ProposalId, session: DB, user: Corrector, context: Context
           ) -> ProposalDecision:
    """Take back a "different people" decision."""
    return _decided(lambda: review.undo_different(session, user, proposal_id, now=context.now()))


@router.post("/proposals/{proposal_id}/exclude", response_model=ProposalDecision)
def exclude(proposal_id: ProposalId, body: ExcludeRequest, session: DB, user: Corrector,
            context: Context) -> ProposalDecision:
    """A double entry (same person, category and day): ``record_id`` leaves the counts; the
    other record stays. Undo with ``POST /records/{record_id}/include``."""
    return _decided(lambda: review.decide_double(
        session, user, proposal_id, body.record_id, body.reason, now=context.now()))


@router.post("/records/{record_id}/include", response_model=ProposalDecision)
def include(record_id: RecordId, session: DB, user: Corrector, context: Context
            ) -> ProposalDecision:
    """Count an excluded double entry again."""
    return _decided(lambda: review.undo_double(session, user, record_id, now=context.now()))


def _decided(action: Callable[[], _T]) -> _T:
    try:
        return action()
    except (review.PairNotFound, RecordsNotFound) as exc:
        raise ApiError(404, msg.message("not_found", exc.message_vi, exc.message_en)) from None
    except LinkageError as exc:
        raise ApiError(409, msg.message("not_possible", exc.message_vi, exc.message_en)
                       ) from None
