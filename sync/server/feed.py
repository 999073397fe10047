"""The pull feed: what each device must learn, in commit order, behind a numeric cursor."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, exists, insert, or_, select, text
from sqlalchemy.orm import aliased

from sync.contract.wire import MAX_PULL_PAGE, ReferenceUpdate
from sync.server.models import FeedItem, FeedKind, Record, ReferenceSet

DEFAULT_PAGE = 500
MAX_PAGE = MAX_PULL_PAGE


def append(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    """Add feed rows so that their ``seq`` order is also their commit order.

    A device's cursor says "I have everything up to seq N". If two transactions could commit
    seq 11 before seq 10, a pull in between would skip 10 for ever. PostgreSQL therefore takes
    an exclusive lock on the feed (readers are not blocked) until commit; SQLite already runs
    one writer at a time.
    """
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        conn.execute(text("LOCK TABLE feed IN EXCLUSIVE MODE"))
    conn.execute(insert(FeedItem), list(rows))


@dataclass(frozen=True)
class FeedPage:
    cursor: int
    has_more: bool
    items: list[dict[str, Any]]
    reference: ReferenceUpdate | None


def read_page(
    conn: Connection,
    *,
    device_id: str,
    cursor: int,
    limit: int = DEFAULT_PAGE,
    reference_version: str | None = None,
) -> FeedPage:
    """The items after ``cursor`` meant for this device: those addressed to it, those about
    records it owns now (made, or handed to it by the ward), and ward-wide ones (reference
    data). A device never reads the feed of a record it does not own, with one exception: the
    erasure of a record it made or once held and the ward handed to another device, since it
    still holds its copy (an erasure item names no personal data, only that the fields must
    go)."""
    limit = max(1, min(limit, MAX_PAGE))
    concerns_device = exists().where(
        and_(Record.id == FeedItem.record_id, Record.owner_device_id == device_id)
    )
    made_by_device = exists().where(
        and_(Record.id == FeedItem.record_id, Record.device_id == device_id)
    )
    # A device the ward handed the record to (and later away from) still holds a copy too.
    handed = aliased(FeedItem)
    held_by_device = exists().where(
        and_(
            handed.record_id == FeedItem.record_id,
            handed.kind == FeedKind.HANDOVER.value,
            handed.device_id == device_id,
        )
    )
    rows = conn.execute(
        select(FeedItem)
        .where(
            FeedItem.seq > cursor,
            or_(
                FeedItem.device_id == device_id,
                and_(
                    FeedItem.device_id.is_(None),
                    or_(
                        FeedItem.record_id.is_(None),
                        concerns_device,
                        and_(
                            FeedItem.kind == FeedKind.ERASURE.value,
                            or_(made_by_device, held_by_device),
                        ),
                    ),
                ),
            ),
        )
        .order_by(FeedItem.seq)
        .limit(limit + 1)
    ).all()
    has_more = len(rows) > limit
    rows = rows[:limit]
    items = [
        {
            "seq": row.seq,
            "kind": row.kind,
            "record_id": row.record_id,
            "data": json.loads(row.payload),
            "created_at": row.created_at.isoformat(),
        }
        for row in rows
    ]
    return FeedPage(
        cursor=rows[-1].seq if rows else cursor,
        has_more=has_more,
        items=items,
        reference=_reference_update(conn, reference_version),
    )


def _reference_update(conn: Connection, known_version: str | None) -> ReferenceUpdate | None:
    latest = conn.execute(
        select(ReferenceSet.version, ReferenceSet.documents)
        .order_by(ReferenceSet.id.desc())
        .limit(1)
    ).first()
    if latest is None or latest.version == known_version:
        return None
    return ReferenceUpdate(version=latest.version, documents=json.loads(latest.documents))
