"""Keeping the matcher's index in step with the records' heads.

For each accepted head version: its profile (``resident_profiles``), its blocking keys
(``resident_keys``) and the name-part counts (``resident_name_counts``). A new revision
replaces what the old one filed (only the keys that changed are touched); a deleted record,
or one whose personal fields were erased, leaves the index together with its open proposals.
Everything is set-based: one SELECT of the old profiles, then executemany writes, so the cost
of a batch depends on the batch, not on what is stored.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, bindparam, delete, select, text, update
from sqlalchemy.dialects import sqlite

from sync.server.linkage.frequency import TOTAL
from sync.server.linkage.keys import name_parts, stored_keys
from sync.server.linkage.models import (
    ProposalState,
    ResidentKey,
    ResidentNameCount,
    ResidentProfile,
    ResidentProposal,
)
from sync.server.linkage.profile import (
    PROFILE_COLUMNS,
    Profile,
    profile_from_payload,
    profile_from_row,
    profile_row,
)
from sync.server.linkage.reasons import dump, load, without_details
from sync.server.linkage.sql import (
    copy_rows,
    delete_text_rows,
    is_postgres,
    packed,
    rows_where_in,
)
from sync.server.models import Record

#: A head to index: the record id and its payload (the wire dict), ``None`` when erased.
Head = tuple[str, Mapping[str, Any] | None]


@dataclass(frozen=True, slots=True)
class IndexResult:
    #: Records (re)indexed: pass them to ``propose_for``.
    indexed: list[str]
    #: Records that left the index (deleted, erased, nothing identifying left).
    removed: list[str]


def table(model: Any) -> Table:
    result = model.__table__
    assert isinstance(result, Table)
    return result


def index_records(conn: Connection, heads: Iterable[Head], *, now: datetime) -> IndexResult:
    """File the given head versions (the last one wins for a repeated id), in the caller's
    transaction."""
    latest: dict[str, Mapping[str, Any] | None] = {}
    for record_id, payload in heads:
        latest[str(record_id)] = payload
    if not latest:
        return IndexResult([], [])
    new: dict[str, Profile] = {}
    for record_id, payload in latest.items():
        profile = profile_from_payload(record_id, dict(payload)) if payload is not None else None
        if profile is not None:
            new[record_id] = profile
    _lock_records(conn, sorted(latest))
    old = load_profiles(conn, list(latest))

    drop_keys: list[dict[str, str]] = []
    add_keys: list[dict[str, str]] = []
    counts: Counter[tuple[str, str]] = Counter()
    for record_id in latest:
        before = old.get(record_id)
        after = new.get(record_id)
        keys_before = stored_keys(before) if before else set()
        keys_after = stored_keys(after) if after else set()
        drop_keys += [{"key": k, "record_id": record_id} for k in sorted(keys_before - keys_after)]
        add_keys += [{"key": k, "record_id": record_id} for k in sorted(keys_after - keys_before)]
        if before is not None:
            counts.subtract([*name_parts(before), TOTAL])
        if after is not None:
            counts.update([*name_parts(after), TOTAL])

    keys = table(ResidentKey)
    delete_text_rows(conn, keys, drop_keys)
    copy_rows(conn, keys, add_keys)
    _replace_profiles(conn, list(old), list(new.values()), now)
    _update_counts(conn, counts)
    removed = sorted(set(latest) - set(new))
    _drop_open_proposals(conn, removed)
    _scrub_decided_reasons(conn, removed)
    return IndexResult(sorted(new), removed)


def _lock_records(conn: Connection, record_ids: list[str]) -> None:
    """Serialise indexing of one record across concurrent pushes (PostgreSQL; SQLite has one
    writer). The push transaction already holds these rows when it moved a head; locking
    them here in id order makes any other caller safe too."""
    if is_postgres(conn):
        records = table(Record)
        for _ in rows_where_in(
            conn,
            lambda cond: select(records.c.id).where(cond).order_by(records.c.id)
            .with_for_update(),
            records.c.id,
            record_ids,
        ):
            pass


def load_profiles(conn: Connection, record_ids: Iterable[str]) -> dict[str, Profile]:
    profiles = table(ResidentProfile)
    columns = [profiles.c[name] for name in PROFILE_COLUMNS]
    return {
        row.record_id: profile_from_row(row)
        for row in rows_where_in(
            conn, lambda cond: select(*columns).where(cond), profiles.c.record_id, record_ids
        )
    }


def _replace_profiles(
    conn: Connection, old_ids: list[str], profiles: list[Profile], now: datetime
) -> None:
    table_ = table(ResidentProfile)
    delete_text_rows(conn, table_, [{"record_id": record_id} for record_id in old_ids])
    copy_rows(conn, table_, [profile_row(p, now) for p in profiles])


def _update_counts(conn: Connection, counts: Counter[tuple[str, str]]) -> None:
    # Sorted, so two batches updating the same hot rows ("nguyen") lock them in one order.
    rows = [
        {"part": part, "value": value, "records": delta}
        for (part, value), delta in sorted(counts.items())
        if delta != 0
    ]
    if not rows:
        return
    if is_postgres(conn):
        conn.execute(
            text(
                "INSERT INTO resident_name_counts (part, value, records) "
                "SELECT * FROM unnest(string_to_array(:p, E'\\n'), string_to_array(:v, E'\\n'),"
                " CAST(string_to_array(:d, E'\\n') AS integer[])) "
                "ON CONFLICT (part, value) DO UPDATE "
                "SET records = resident_name_counts.records + excluded.records"
            ),
            {
                "p": packed(r["part"] for r in rows),
                "v": packed(r["value"] for r in rows),
                "d": packed(r["records"] for r in rows),
            },
        )
        return
    counts_table = table(ResidentNameCount)
    statement = sqlite.insert(counts_table)
    conn.execute(
        statement.on_conflict_do_update(
            index_elements=["part", "value"],
            set_={"records": counts_table.c.records + statement.excluded.records},
        ),
        rows,
    )


def _scrub_decided_reasons(conn: Connection, record_ids: list[str]) -> None:
    """Decided proposals stay as history, but their reasons quote names and birth dates: a
    record that left the index (deleted, or its personal data erased) keeps only the words."""
    if not record_ids:
        return
    proposals = table(ResidentProposal)
    found: dict[int, str] = {}
    for column in (proposals.c.record_a, proposals.c.record_b):
        for row in rows_where_in(
            conn,
            lambda cond: select(proposals.c.id, proposals.c.reasons).where(cond),
            column,
            record_ids,
        ):
            found[row.id] = row.reasons
    changes = [
        {"b_id": proposal_id, "b_reasons": dump(without_details(load(text_)))}
        for proposal_id, text_ in sorted(found.items())
    ]
    if changes:
        conn.execute(
            update(proposals)
            .where(proposals.c.id == bindparam("b_id"))
            .values(reasons=bindparam("b_reasons")),
            changes,
        )


def _drop_open_proposals(conn: Connection, record_ids: list[str]) -> None:
    if not record_ids:
        return
    proposals = table(ResidentProposal)
    for column in (proposals.c.record_a, proposals.c.record_b):
        stale = [
            row.id
            for row in rows_where_in(
                conn,
                lambda cond: select(proposals.c.id).where(
                    cond, proposals.c.state == ProposalState.OPEN.value
                ),
                column,
                record_ids,
            )
        ]
        if stale:
            conn.execute(delete(proposals).where(proposals.c.id.in_(stale)))
