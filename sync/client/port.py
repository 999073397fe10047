"""What the sync client needs from a local store, as a Protocol (the client imports no
``desktop`` code; :mod:`desktop.store.sync_state` implements this for the laptop's store).

Every method is one transaction on the store's side; the client never holds one open across
a network call, so a sync killed at any point leaves the store consistent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from sync.contract.wire import Message, Outcome


@dataclass(frozen=True)
class Enrolment:
    """Where this laptop syncs to. The token itself lives in :mod:`sync.client.credentials`."""

    server_url: str
    device_id: str
    ca_cert: str | None = None
    #: The ward's X25519 public key (base64) that USB bundles are encrypted to; ``None`` for a
    #: laptop enrolled before bundles were encrypted (it must enrol again to make bundles).
    bundle_key: str | None = None
    #: The ward allowed plain ``http://`` to a server beyond this machine
    #: (``hotroso enroll --allow-insecure``); without it only https:// and loopback are used.
    allow_insecure: bool = False


@dataclass(frozen=True, slots=True)
class OutgoingItem:
    """The newest unsent revision of one record, ready to push."""

    outbox_id: int
    #: The record's id in the store's own spelling (any form ``uuid.UUID()`` accepts).
    record_id: str
    revision: int
    #: The last revision of this record the server confirmed as its head (0 if none).
    base_revision: int
    #: The record's wire JSON as the store holds it: pasted into the batch, never re-encoded.
    payload_json: str
    #: Older unsent outbox rows of the same record that this one supersedes.
    covers: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class ItemOutcome:
    item: OutgoingItem
    outcome: Outcome
    original_outcome: Outcome | None = None
    reason: Message | None = None
    problems: tuple[Message, ...] = ()

    @property
    def effective(self) -> Outcome:
        """What it means for the laptop: a replay counts as what the first delivery got."""
        if self.outcome is Outcome.ALREADY_HAD and self.original_outcome is not None:
            return self.original_outcome
        return self.outcome


@dataclass(frozen=True)
class Transfer:
    """A batch in flight, saved before it is sent so an interrupted sync resends it first."""

    batch_id: str
    outbox_ids: tuple[int, ...]


@dataclass(frozen=True)
class PullEffects:
    reviews: int = 0
    corrections: int = 0
    conflicts: int = 0
    reference_version: str | None = None
    skipped: tuple[str, ...] = field(default_factory=tuple)


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

    def mark_revoked(self, *, at: datetime) -> None: ...

    def add_history(self, entry: dict[str, Any]) -> None: ...
