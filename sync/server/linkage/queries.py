"""Reading proposals: a filtered page for the review screens, and the CSV of the command line
(``hotroso-server duplicates --db URL FILE.csv``)."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TextIO

from sqlalchemy import Connection, and_, exists, or_, select

from sync.server.linkage.index import table
from sync.server.linkage.models import ProposalState, ResidentProposal
from sync.server.linkage.proposal import Proposal
from sync.server.linkage.reasons import in_words, load
from sync.server.models import Record

CSV_HEADER = ("record_id_a", "record_id_b", "score", "level", "reasons")
MAX_PAGE = 500


@dataclass(frozen=True, slots=True)
class ProposalFilter:
    states: tuple[str, ...] = (ProposalState.OPEN.value,)  # () = every state
    levels: tuple[str, ...] = ()  # () = every level
    kind: str | None = None
    record_id: str | None = None  # proposals involving this record
    min_score: int | None = None
    #: Only pairs whose two records are both of this neighbourhood (a team lead's view).
    neighbourhood: str | None = None


@dataclass(frozen=True, slots=True)
class Page:
    limit: int = 100
    #: The (score, id) of the last proposal of the previous page (keyset paging: the cost of
    #: page 500 is the cost of page 1).
    after: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class ProposalPage:
    items: list[Proposal] = field(default_factory=list)
    #: Pass as ``Page(after=...)`` for the next page; ``None`` on the last one.
    next_after: tuple[int, int] | None = None


def list_proposals(
    conn: Connection, filters: ProposalFilter | None = None, page: Page | None = None
) -> ProposalPage:
    """Proposals, best score first (ties: newest first)."""
    filters = filters or ProposalFilter()
    page = page or Page()
    limit = max(1, min(page.limit, MAX_PAGE))
    proposals = table(ResidentProposal)
    query = select(proposals)
    if filters.states:
        query = query.where(proposals.c.state.in_(filters.states))
    if filters.levels:
        query = query.where(proposals.c.level.in_(filters.levels))
    if filters.kind is not None:
        query = query.where(proposals.c.kind == filters.kind)
    if filters.record_id is not None:
        query = query.where(
            or_(proposals.c.record_a == filters.record_id,
                proposals.c.record_b == filters.record_id)
        )
    if filters.min_score is not None:
        query = query.where(proposals.c.score >= filters.min_score)
    if filters.neighbourhood is not None:
        for side in (proposals.c.record_a, proposals.c.record_b):
            query = query.where(
                exists().where(Record.id == side,
                               Record.neighbourhood_code == filters.neighbourhood)
            )
    if page.after is not None:
        score, last_id = page.after
        query = query.where(
            or_(proposals.c.score < score,
                and_(proposals.c.score == score, proposals.c.id < last_id))
        )
    rows = conn.execute(
        query.order_by(proposals.c.score.desc(), proposals.c.id.desc()).limit(limit + 1)
    ).all()
    items = [Proposal.from_row(row) for row in rows[:limit]]
    next_after = (items[-1].score, items[-1].id) if len(rows) > limit else None
    return ProposalPage(items, next_after)


def write_proposals_csv(
    conn: Connection,
    file: TextIO,
    *,
    states: Iterable[str] = (ProposalState.OPEN.value,),
    lang: str = "vi",
) -> int:
    """Write the current proposals, one pair a row: ``record_id_a, record_id_b, score,
    level, reasons`` (reasons in words, "; "-separated). Returns the number of rows."""
    proposals = table(ResidentProposal)
    writer = csv.writer(file)
    writer.writerow(CSV_HEADER)
    rows = conn.execution_options(yield_per=2_000).execute(
        select(proposals.c.record_a, proposals.c.record_b, proposals.c.score,
               proposals.c.level, proposals.c.reasons)
        .where(proposals.c.state.in_(list(states)))
        .order_by(proposals.c.score.desc(), proposals.c.id)
    )
    count = 0
    for row in rows:
        writer.writerow((row.record_a, row.record_b, row.score, row.level,
                         in_words(load(row.reasons), lang)))
        count += 1
    return count
