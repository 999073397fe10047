"""A proposal as the service hands it out (one ``resident_proposals`` row)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sync.server.linkage.reasons import Reason, load


@dataclass(frozen=True, slots=True)
class Proposal:
    id: int
    record_a: str  # record_a < record_b
    record_b: str
    kind: str  # ProposalKind
    level: str  # MatchLevel
    score: int  # 0-100; 100 only for "certain"
    weight: float  # bits
    reasons: tuple[Reason, ...]
    state: str  # ProposalState
    created_at: datetime
    updated_at: datetime
    decided_by: int | None = None
    decided_at: datetime | None = None
    link_id: int | None = None

    @classmethod
    def from_row(cls, row: Any) -> Proposal:
        return cls(
            id=row.id,
            record_a=row.record_a,
            record_b=row.record_b,
            kind=row.kind,
            level=row.level,
            score=row.score,
            weight=row.weight,
            reasons=tuple(load(row.reasons)),
            state=row.state,
            created_at=row.created_at,
            updated_at=row.updated_at,
            decided_by=row.decided_by,
            decided_at=row.decided_at,
            link_id=row.link_id,
        )
