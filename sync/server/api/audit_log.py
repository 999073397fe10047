"""Administrators read the ward server's audit trail: who signed in, viewed, exported,
corrected, erased or purged which records (``GET /api/v1/admin/audit``, newest first, paged
by ``before_id``). The trail itself is append-only (triggers refuse UPDATE and DELETE)."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import select

from sync.contract.wire import API_PREFIX, MAX_CURSOR, AuditEntryInfo
from sync.server.api.deps import DB, Admin
from sync.server.models import AuditEntry

router = APIRouter(prefix=f"{API_PREFIX}/admin", tags=["admin"])


@router.get("/audit", response_model=list[AuditEntryInfo])
def list_audit(
    session: DB,
    admin: Admin,
    action: Annotated[str | None, Query(min_length=1, max_length=64,
                                        pattern=r"^[a-z_.]+$")] = None,
    actor: Annotated[str | None, Query(min_length=1, max_length=100)] = None,
    before_id: Annotated[int | None, Query(ge=1, le=MAX_CURSOR)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[AuditEntryInfo]:
    """Entries newest first; ``before_id`` pages back from the oldest one seen."""
    del admin  # the dependency is the check
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if action is not None:
        query = query.where(AuditEntry.action == action)
    if actor is not None:
        query = query.where(AuditEntry.actor == actor)
    if before_id is not None:
        query = query.where(AuditEntry.id < before_id)
    return [
        AuditEntryInfo(id=e.id, at=e.at, actor=e.actor, action=e.action, target=e.target,
                       details=_details(e.details))
        for e in session.scalars(query)
    ]


def _details(raw: str) -> dict[str, object]:
    try:
        value = json.loads(raw)
    except ValueError:
        return {"text": raw}
    return value if isinstance(value, dict) else {"value": value}
