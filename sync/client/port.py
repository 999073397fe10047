"""What the sync client needs from a local store, as a Protocol (the client imports no
``desktop`` code; :mod:`desktop.store.sync_state` implements this for the laptop's store,
speaking the shared values of :mod:`sync.contract.sync_types`).

Every method is one transaction on the store's side; the client never holds one open across
a network call, so a sync killed at any point leaves the store consistent.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, Protocol

# The values both sides speak live in the contract (the store must not import the client);
# re-exported here because they are also the client's API.
from sync.contract.sync_types import (
    Enrolment,
    ItemOutcome,
    OutgoingItem,
    PullEffects,
    Transfer,
)

__all__ = ["Enrolment", "ItemOutcome", "OutgoingItem", "PullEffects", "SyncStore", "Transfer"]


class SyncStore(Protocol):
    def enrolment(self) -> Enrolment | None: ...

    def save_enrolment(self, enrolment: Enrolment, *, at: datetime) -> None: ...

    def adopt_device_id(self, device_id: str, *, at: datetime) -> int:
        """Make ``device_id`` (the enrolment's) the one device id of this laptop: new records
        carry it, and records made before enrolment that the server has never seen are
        re-stamped with it. Returns how many records were re-stamped."""
        ...

    def count_outgoing(self) -> int: ...

    def outgoing(
        self, limit: int, *, only: Sequence[int] | None = None, after: int = 0
    ) -> list[OutgoingItem]:
        """Up to ``limit`` records' newest unsent revisions, ordered by each record's oldest
        unsent outbox id; only records whose oldest unsent id is > ``after``; ``only``: just
        these outbox ids, if still unsent."""
        ...

    def pending_transfers(self) -> list[Transfer]:
        """Batches saved by ``begin_transfer`` and not yet settled (an interrupted sync)."""
        ...

    def begin_transfer(self, transfer: Transfer) -> None: ...

    def apply_push_results(
        self, outcomes: Sequence[ItemOutcome], *, at: datetime, batch_id: str
    ) -> None:
        """Record what the server said about each item and end that transfer, atomically."""
        ...

    def pull_position(self) -> tuple[int, str | None]:
        """(feed cursor, reference-data version held here)."""
        ...

    def apply_pull(
        self,
        items: Sequence[dict[str, Any]],
        cursor: int,
        reference: dict[str, Any] | None,
        *,
        at: datetime,
    ) -> PullEffects:
        """Apply one page of the feed and move the cursor, atomically."""
        ...

    def pending_withdrawals(self) -> list[str]:
        """Ids of records whose consent was withdrawn on this laptop, not yet confirmed by
        the ward."""
        ...

    def settle_withdrawals(self, outcomes: Mapping[str, str], *, at: datetime) -> None:
        """Forget the ids the ward answered for (``outcomes``: id -> WithdrawalOutcome)."""
        ...

    def mark_revoked(self, *, at: datetime) -> None: ...

    def add_history(self, entry: dict[str, Any]) -> None: ...
