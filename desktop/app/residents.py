"""Staff mode's resident pairs, as the GUI uses them: the client of ``/api/v1/residents…`` and
its answers' shapes (the GUI reaches the sync client only through ``desktop.app``)."""

from __future__ import annotations

from sync.client.residents import PAGE_SIZE, PairsClient
from sync.contract.wire import (
    ProposalDecision,
    ProposalDetail,
    ProposalInfo,
    ProposalPageResponse,
    ProposalReason,
    ProposalSide,
)

__all__ = [
    "PAGE_SIZE", "PairsClient", "ProposalDecision", "ProposalDetail", "ProposalInfo",
    "ProposalPageResponse", "ProposalReason", "ProposalSide",
]  # fmt: skip
