"""The sync bookkeeping vocabulary that the sync client and a laptop store share.

The client (``sync.client``) pushes what a store hands it and tells the store what the
server answered; the laptop's store (``desktop.store.sync_state``) keeps that. Both speak in
these values, which is why they live in the contract and not in either of them: the store
never imports the client, and the client never imports ``desktop``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sync.contract.wire import Message, Outcome


@dataclass(frozen=True)
class Enrolment:
    """Where this laptop syncs to. The token itself lives in :mod:`sync.client.credentials`.

    ``volunteer_name`` and ``neighbourhood_code`` are who the ward issued the code for (in
    an enrolment's answer only): a laptop enrolled before it had a profile gets that one.
    """

    server_url: str
    device_id: str
    ca_cert: str | None = None
    #: The ward's X25519 public key (base64) that USB bundles are encrypted to; ``None`` for a
    #: laptop enrolled before bundles were encrypted (it must enrol again to make bundles).
    bundle_key: str | None = None
    #: The ward allowed plain ``http://`` to a server beyond this machine
    #: (``hotroso enroll --allow-insecure``); without it only https:// and loopback are used.
    allow_insecure: bool = False
    volunteer_name: str | None = None
    neighbourhood_code: str | None = None


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
    handovers: int = 0
    reference_version: str | None = None
    skipped: tuple[str, ...] = field(default_factory=tuple)
