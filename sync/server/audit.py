"""The server's audit trail: one helper to append to it, used by every part that must leave a
trace (sign-ins and their failures, account changes, record hand-overs; later views and
exports of personal data).

Entries are written in the caller's transaction, so an action and its audit entry are stored
together or not at all. The table refuses UPDATE and DELETE (triggers in migration
``0004_a_boundary``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from sync.server.models import AuditEntry

#: The actor for commands typed at the server's console (``hotroso-server …``).
CONSOLE = "cli"


def user_actor(username: str) -> str:
    return f"user:{username}"


def device_actor(device_id: str) -> str:
    return f"device:{device_id}"


def record(
    session: Session,
    actor: str,
    action: str,
    target: str = "",
    details: Mapping[str, Any] | None = None,
    *,
    at: datetime | None = None,
) -> None:
    """Append one entry (in the caller's transaction). Values are cut to the column sizes
    rather than refused: an audit entry must never be the reason an action fails."""
    session.execute(
        insert(AuditEntry).values(
            at=at or datetime.now(UTC),
            actor=actor[:100],
            action=action[:64],
            target=target[:200],
            details=json.dumps(dict(details or {}), ensure_ascii=False, default=str),
        )
    )


def entries(
    session: Session, *, action: str | None = None, limit: int = 1000
) -> list[AuditEntry]:
    """The newest entries first (for the console and the tests)."""
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if action is not None:
        query = query.where(AuditEntry.action == action)
    return list(session.scalars(query))
