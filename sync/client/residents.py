"""The staff client's side of the resident pairs (``/api/v1/residents…``): the proposals the
ward server made, and the decisions on them (Qt-free; the GUI calls it through
``desktop.app.residents`` on the network worker).

The answers are parsed with the wire models themselves (:mod:`sync.contract.wire`), so the
client and the server cannot disagree about a field.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sync.client.staff import StaffClient
from sync.contract.wire import (
    ProposalDecision,
    ProposalDetail,
    ProposalInfo,
    ProposalPageResponse,
)

PAGE_SIZE = 50


class PairsClient:
    """The resident-pair requests of one signed-in staff client.

    It sends through the staff client's one request method (its HTTP session, the session
    token, the idle sign-out and the error body all stay in one place).
    """

    def __init__(self, staff: StaffClient) -> None:
        self.staff = staff

    def list_pairs(self, *, states: Sequence[str] = ("open",), levels: Sequence[str] = (),
                   kind: str | None = None, limit: int = PAGE_SIZE,
                   after: tuple[int, int] | None = None) -> ProposalPageResponse:
        params: dict[str, Any] = {"limit": limit, "state": list(states)}
        if levels:
            params["level"] = list(levels)
        if kind:
            params["kind"] = kind
        if after is not None:
            params["after_score"], params["after_id"] = after
        return ProposalPageResponse.model_validate(
            self.staff._send("GET", "/residents/proposals", params=params))

    def get_pair(self, proposal_id: int) -> ProposalDetail:
        return ProposalDetail.model_validate(
            self.staff._send("GET", f"/residents/proposals/{proposal_id}"))

    def same_person(self, proposal_id: int) -> ProposalDecision:
        return self._decide(f"/residents/proposals/{proposal_id}/same")

    def link_records(self, record_a: str, record_b: str) -> ProposalDecision:
        """Two records staff found to be the same person (undo: :meth:`unlink`)."""
        return self._decide("/residents/links", {"record_a": record_a, "record_b": record_b})

    def unlink(self, link_id: int) -> ProposalDecision:
        return self._decide(f"/residents/links/{link_id}/unlink")

    def different_people(self, proposal_id: int) -> ProposalDecision:
        return self._decide(f"/residents/proposals/{proposal_id}/different")

    def reopen(self, proposal_id: int) -> ProposalDecision:
        return self._decide(f"/residents/proposals/{proposal_id}/reopen")

    def double_entry(self, proposal_id: int, record_id: str, reason: str = ""
                     ) -> ProposalDecision:
        """Leave ``record_id`` (one of the pair) out of the counts."""
        return self._decide(f"/residents/proposals/{proposal_id}/exclude",
                            {"record_id": record_id, "reason": reason})

    def include_again(self, record_id: str) -> ProposalDecision:
        return self._decide(f"/residents/records/{record_id}/include")

    def undo(self, before: ProposalInfo) -> ProposalDecision:
        """Undo the decision ``before`` shows (as the pair was answered after it)."""
        if before.state == "linked" and before.link_id is not None:
            return self.unlink(before.link_id)
        if before.state == "different":
            return self.reopen(before.id)
        if before.state == "excluded":
            excluded = before.a if before.a.excluded else before.b
            return self.include_again(excluded.record_id)
        raise ValueError(f"nothing to undo for a pair in state {before.state}")

    def _decide(self, path: str, body: dict[str, Any] | None = None) -> ProposalDecision:
        return ProposalDecision.model_validate(self.staff._send("POST", path, json=body or {}))
