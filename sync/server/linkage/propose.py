"""Proposing pairs for newly indexed records: candidates by blocking keys, scored in Python.

Per batch, whatever is stored: one query for all candidate keys of the batch (each key
capped at ``max_records_per_key`` + 1 rows, so a key shared by thousands of records costs
what a rare one does and is then dropped as too common), one for the candidates' profiles,
one for the name counts, and one each for decisions, residents and existing proposals of the
pairs found. Scoring is pure Python (rapidfuzz for the string distances).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, delete, select, text, update
from sqlalchemy.dialects import postgresql, sqlite

from sync.server.linkage.compare import compare
from sync.server.linkage.frequency import load_shares
from sync.server.linkage.index import load_profiles, table
from sync.server.linkage.keys import lookup_keys, name_parts, stored_keys
from sync.server.linkage.models import (
    ProposalState,
    ResidentDecision,
    ResidentKey,
    ResidentProposal,
)
from sync.server.linkage.parameters import Parameters, parameters
from sync.server.linkage.proposal import Proposal
from sync.server.linkage.reasons import dump
from sync.server.linkage.residents import residents_of
from sync.server.linkage.score import Match, judge
from sync.server.linkage.sql import is_postgres, packed, rows_where_in

Pair = tuple[str, str]

# One row per key: the ids of at most :lim records filed under it, comma-joined (fewer rows
# and no per-row overhead in the driver). The batch's own records are among them (their keys
# were just written) and are told apart in Python, which is cheaper than comparing every
# row against the batch's ids in SQL.
_CAPPED_LOOKUP = text(
    """
    SELECT q.key AS key,
           (SELECT string_agg(rk.record_id, ',')
            FROM (SELECT record_id FROM resident_keys
                  WHERE resident_keys.key = q.key LIMIT :lim) AS rk) AS ids
    FROM unnest(string_to_array(:keys, E'\\n')) AS q(key)
    """
)


def propose_for(
    conn: Connection,
    record_ids: Iterable[str],
    now: datetime,
    *,
    params: Parameters | None = None,
) -> list[Proposal]:
    """Score each indexed record among ``record_ids`` against its candidates; store new
    proposals, refresh open ones, drop open ones that no longer hold. Pairs staff decided
    (linked, different, excluded) or already one resident are left alone. Returns the
    proposals created or changed."""
    params = params or parameters()
    batch = load_profiles(conn, record_ids)
    if not batch:
        return []
    wanted = {record_id: lookup_keys(profile) for record_id, profile in batch.items()}
    postings = _lookup(
        conn, wanted, {rid: stored_keys(p) for rid, p in batch.items()},
        params.blocking.max_records_per_key,
    )

    pairs: set[Pair] = set()
    for record_id, keys in wanted.items():
        for key in keys:
            for other in postings.get(key, ()):
                if other != record_id:
                    pairs.add((record_id, other) if record_id < other else (other, record_id))
    others = {rid for pair in pairs for rid in pair} - set(batch)
    profiles = {**batch, **load_profiles(conn, others)}
    pairs = {pair for pair in pairs if pair[0] in profiles and pair[1] in profiles}

    shares = load_shares(conn, (part for p in profiles.values() for part in name_parts(p)))
    shares.phone_counts = {
        key[2:]: len(records) for key, records in postings.items() if key.startswith("p:")
    }
    matches: dict[Pair, Match] = {}
    for a, b in pairs:
        match = judge(compare(profiles[a], profiles[b], shares, params), params)
        if match is not None:
            matches[(a, b)] = match
    return _store(conn, set(batch), matches, now)


def _lookup(
    conn: Connection, wanted: dict[str, set[str]], filed: dict[str, frozenset[str]], cap: int
) -> dict[str, list[str]]:
    """key -> the records filed under it (stored and in the batch), for the keys shared by at
    most ``cap`` records; the batch's own keys come from ``filed``, not from the database."""
    keys = set().union(*wanted.values())
    postings: dict[str, list[str]] = defaultdict(list)
    for record_id, own in filed.items():
        for key in own & keys:
            postings[key].append(record_id)
    if not keys:
        return postings
    if is_postgres(conn):
        # Enough rows per key to see cap + 1 stored records besides the batch's own.
        limit = cap + 1 + max((len(ids) for ids in postings.values()), default=0)
        rows = conn.execute(_CAPPED_LOOKUP, {"keys": packed(sorted(keys)), "lim": limit})
        for row in rows:
            if row.ids:
                postings[row.key] += [rid for rid in row.ids.split(",") if rid not in filed]
    else:
        for row in rows_where_in(
            conn,
            lambda cond: select(ResidentKey.key, ResidentKey.record_id).where(cond),
            ResidentKey.key,
            keys,
        ):
            if row.record_id not in filed:
                postings[row.key].append(row.record_id)
    return {key: records for key, records in postings.items() if len(records) <= cap}


def _store(
    conn: Connection, batch: set[str], matches: dict[Pair, Match], now: datetime
) -> list[Proposal]:
    proposals = table(ResidentProposal)
    existing: dict[Pair, Any] = {}
    for row in _touching(conn, proposals, batch):
        existing[(row.record_a, row.record_b)] = row
    decided = _different_pairs(conn, batch)
    involved = {rid for pair in matches for rid in pair}
    resident = residents_of(conn, involved)

    fresh: list[dict[str, Any]] = []
    changed: list[dict[str, Any]] = []
    for pair, match in sorted(matches.items()):
        if pair in decided or resident[pair[0]] == resident[pair[1]]:
            continue
        values = {
            "kind": match.kind.value,
            "level": match.level.value,
            "score": match.score,
            "weight": round(match.weight, 3),
            "reasons": dump(list(match.reasons)),
        }
        row = existing.get(pair)
        if row is None:
            fresh.append({"record_a": pair[0], "record_b": pair[1], **values,
                          "state": ProposalState.OPEN.value, "created_at": now,
                          "updated_at": now})
        elif row.state == ProposalState.OPEN.value and any(
            getattr(row, name) != value for name, value in values.items()
        ):
            changed.append({"b_id": row.id, **{f"b_{k}": v for k, v in values.items()},
                            "b_at": now})
    stale = [
        {"b_id": row.id}
        for pair, row in existing.items()
        if row.state == ProposalState.OPEN.value and pair not in matches
    ]
    if stale:
        conn.execute(delete(proposals).where(proposals.c.id == bindparam("b_id")), stale)
    if changed:
        conn.execute(
            update(proposals)
            .where(proposals.c.id == bindparam("b_id"))
            .values(
                kind=bindparam("b_kind"),
                level=bindparam("b_level"),
                score=bindparam("b_score"),
                weight=bindparam("b_weight"),
                reasons=bindparam("b_reasons"),
                updated_at=bindparam("b_at"),
            ),
            changed,
        )
    ids = [row["b_id"] for row in changed]
    if fresh:
        # Two pushes re-indexing the two records of one pair at the same moment both find it:
        # the second insert yields to the first instead of failing its push.
        dialect_insert = postgresql.insert if is_postgres(conn) else sqlite.insert
        statement = (
            dialect_insert(proposals)
            .on_conflict_do_nothing(index_elements=["record_a", "record_b"])
            .returning(proposals.c.id)
        )
        ids += [row.id for row in conn.execute(statement, fresh) if row is not None]
    if not ids:
        return []
    result: list[Proposal] = []
    for start in range(0, len(ids), 10_000):
        chunk = ids[start : start + 10_000]
        result += [Proposal.from_row(row) for row in
                   conn.execute(select(proposals).where(proposals.c.id.in_(chunk)))]
    return sorted(result, key=lambda p: (-p.weight, p.id))


def _touching(conn: Connection, proposals: Any, record_ids: set[str]) -> list[Any]:
    columns = [proposals.c.id, proposals.c.record_a, proposals.c.record_b, proposals.c.state,
               proposals.c.kind, proposals.c.level, proposals.c.score, proposals.c.weight,
               proposals.c.reasons]
    found: dict[int, Any] = {}
    for column in (proposals.c.record_a, proposals.c.record_b):
        for row in rows_where_in(conn, lambda cond: select(*columns).where(cond), column,
                                 record_ids):
            found[row.id] = row
    return list(found.values())


def _different_pairs(conn: Connection, record_ids: set[str]) -> set[Pair]:
    decisions = table(ResidentDecision)
    found: set[Pair] = set()
    for column in (decisions.c.record_a, decisions.c.record_b):
        for row in rows_where_in(
            conn,
            lambda cond: select(decisions.c.record_a, decisions.c.record_b).where(cond),
            column,
            record_ids,
        ):
            found.add((row.record_a, row.record_b))
    return found

