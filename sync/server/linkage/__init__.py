"""Finding the same resident across records (issue 11, points 5–6): the server-side engine.

Qt-free, no HTTP: every function takes a SQLAlchemy ``Connection`` (the caller's transaction)
and the time as ``now`` (the server's injected clock). docs/residents.md explains the model,
the blocking, the levels and the thresholds.

Wiring (done: pushes, bundle imports and staff edits queue their records and
``sync.server.linking`` scores them after the answer; the staff API is
``sync.server.resident_review`` / ``api/residents.py``)::

    # for a batch of accepted heads (sync.server.linking.link_heads does this):
    heads = [(item.record_id, json.loads(item.payload)) for item, result in zip(items, results)
             if result.outcome is Outcome.ACCEPTED]
    done = index_records(conn, heads, now=now)      # keys, profiles, name counts
    proposals = propose_for(conn, done.indexed, now)  # new/changed proposals of the batch

    # erasure of a resident's personal fields (consent withdrawn): re-index the erased head,
    # or index_records(conn, [(record_id, None)], now=now) to drop it from the index.

    # staff endpoints (by = the staff user's id; LinkageError is a KnownError -> 4xx):
    list_proposals(conn, ProposalFilter(levels=("certain", "likely")), Page(limit=50))
    link(conn, proposal_id, by=user.id, now=now)            -> Link (its id undoes it)
    unlink(conn, link.id, by=user.id, now=now)
    mark_different(conn, proposal_id, by=user.id, now=now)  # reopen(...) takes it back
    exclude_double(conn, proposal_id, record_id, by=user.id, now=now, reason="...")
    include_again(conn, record_id, by=user.id, now=now)
    resident_of(conn, record_ids) -> {record_id: resident_id}

    # hotroso-server duplicates --db URL FILE.csv
    with engine.connect() as conn, open(path, "w", newline="", encoding="utf-8") as fh:
        write_proposals_csv(conn, fh)   # record_id_a, record_id_b, score, level, reasons

Reports: residents are ``COALESCE(record_residents.resident_id, records.id)``; a record with a
row in ``record_exclusions`` is a double entry left out of counts.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection

from sync.server.linkage.decisions import (
    Link,
    LinkageError,
    RecordsNotFound,
    exclude_double,
    get_proposal,
    include_again,
    link,
    link_records,
    mark_different,
    reopen,
    unlink,
)
from sync.server.linkage.index import Head, IndexResult, index_records
from sync.server.linkage.models import ProposalState
from sync.server.linkage.proposal import Proposal
from sync.server.linkage.propose import propose_for
from sync.server.linkage.queries import (
    Page,
    ProposalFilter,
    ProposalPage,
    list_proposals,
    write_proposals_csv,
)
from sync.server.linkage.reasons import Reason
from sync.server.linkage.residents import residents_of
from sync.server.linkage.score import MatchLevel, ProposalKind


def resident_of(conn: Connection, record_ids: Iterable[str]) -> dict[str, str]:
    """record id -> resident id (a record never linked is its own resident)."""
    return residents_of(conn, record_ids)


__all__ = [
    "Head",
    "IndexResult",
    "Link",
    "LinkageError",
    "MatchLevel",
    "Page",
    "Proposal",
    "ProposalFilter",
    "ProposalKind",
    "ProposalPage",
    "ProposalState",
    "Reason",
    "RecordsNotFound",
    "exclude_double",
    "get_proposal",
    "include_again",
    "index_records",
    "link",
    "link_records",
    "list_proposals",
    "mark_different",
    "propose_for",
    "reopen",
    "resident_of",
    "unlink",
    "write_proposals_csv",
]
