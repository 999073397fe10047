"""Sync with the ward server: status, enrolment, the CA certificate, a sync run, USB bundles.

Threads: ``run``, ``enroll`` and ``reachable`` wait on the network; the GUI calls them on its
network worker. Their store calls go through the :class:`~desktop.app.writer.Writer` (the
GUI's database worker), one call at a time, so the network worker only talks HTTP and the
store has one writer. The other operations only touch the store and run where they are
called (the GUI's database worker, the CLI's thread).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from desktop.app.change import NOTHING, Change, Done
from desktop.app.profile import ProfileOps
from desktop.app.writer import Writer, in_place
from desktop.io.personal_export import export_usb_bundle
from desktop.store import Store
from desktop.store.records import RecordRepository
from desktop.store.sync_state import StoreSync
from sync.client.credentials import TokenStore
from sync.client.http import CancelToken
from sync.client.port import SyncStore
from sync.client.report import SyncProgress, SyncReport
from sync.client.session import DEFAULT_BATCH, SyncClient, enroll, is_loopback_url, probe
from sync.contract.sync_types import Enrolment, ItemOutcome, OutgoingItem, PullEffects, Transfer

T = TypeVar("T")
Clock = Callable[[], datetime]


def is_unencrypted_remote(server_url: str) -> bool:
    """True for a plain ``http://`` address beyond this machine: enrolling with it needs the
    ward's explicit say-so (``allow_insecure``), since anyone on the network could read it."""
    return server_url.strip().lower().startswith("http://") and not is_loopback_url(
        server_url.strip()
    )


@dataclass(frozen=True)
class SyncStatus:
    """What Settings and the main window show about sync on this laptop."""

    enrolment: Enrolment | None
    has_token: bool
    revoked_at: str | None
    last_run: dict[str, Any] | None

    @property
    def enrolled(self) -> bool:
        return self.enrolment is not None and self.has_token

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def can_sync(self) -> bool:
        return self.enrolled and not self.revoked


@dataclass(frozen=True)
class SyncHistory:
    """Past runs, newest first, and the names of the records they rejected (by id)."""

    runs: list[dict[str, Any]]
    names: dict[str, str]


class _OnWriter:
    """The store as the sync client sees it, every call handed to the writer."""

    def __init__(self, store: StoreSync, writer: Writer) -> None:
        self._store = store
        self._writer = writer

    def _do(self, fn: Callable[[], T]) -> T:
        return self._writer(fn)

    def enrolment(self) -> Enrolment | None:
        return self._do(self._store.enrolment)

    def save_enrolment(self, enrolment: Enrolment, *, at: datetime) -> None:
        self._do(lambda: self._store.save_enrolment(enrolment, at=at))

    def adopt_device_id(self, device_id: str, *, at: datetime) -> int:
        return self._do(lambda: self._store.adopt_device_id(device_id, at=at))

    def count_outgoing(self) -> int:
        return self._do(self._store.count_outgoing)

    def outgoing(self, limit: int, *, only: Sequence[int] | None = None,
                 after: int = 0) -> list[OutgoingItem]:
        return self._do(lambda: self._store.outgoing(limit, only=only, after=after))

    def pending_transfers(self) -> list[Transfer]:
        return self._do(self._store.pending_transfers)

    def begin_transfer(self, transfer: Transfer) -> None:
        self._do(lambda: self._store.begin_transfer(transfer))

    def apply_push_results(self, outcomes: Sequence[ItemOutcome], *, at: datetime,
                           batch_id: str) -> None:
        self._do(lambda: self._store.apply_push_results(outcomes, at=at, batch_id=batch_id))

    def pull_position(self) -> tuple[int, str | None]:
        return self._do(self._store.pull_position)

    def apply_pull(self, items: Sequence[dict[str, Any]], cursor: int,
                   reference: dict[str, Any] | None, *, at: datetime) -> PullEffects:
        return self._do(lambda: self._store.apply_pull(items, cursor, reference, at=at))

    def pending_withdrawals(self) -> list[str]:
        return self._do(self._store.pending_withdrawals)

    def settle_withdrawals(self, outcomes: Mapping[str, str], *, at: datetime) -> None:
        self._do(lambda: self._store.settle_withdrawals(outcomes, at=at))

    def mark_revoked(self, *, at: datetime) -> None:
        self._do(lambda: self._store.mark_revoked(at=at))

    def add_history(self, entry: dict[str, Any]) -> None:
        self._do(lambda: self._store.add_history(entry))


class SyncOps:
    """Sync for one open store; the device token lives where :class:`TokenStore` puts it.

    Args:
        store: the laptop's open store.
        profile: the profile operations (the server address lives in the profile).
        writer: where store calls of network operations run (see module docstring).
        tokens: where device tokens are kept (OS keyring, or a user-only file).
        clock: the time written into enrolment and history (injected by tests).
        batch_size: records per push request.
    """

    def __init__(self, store: Store, profile: ProfileOps, *, writer: Writer = in_place,
                 tokens: TokenStore | None = None, clock: Clock | None = None,
                 batch_size: int = DEFAULT_BATCH) -> None:
        self._store = store
        self._profile = profile
        self._sync = StoreSync(store)
        self._writer = writer
        self._on_writer: SyncStore = _OnWriter(self._sync, writer)
        self.tokens = tokens or TokenStore(store.data_dir)
        self._clock: Clock = clock or store.clock
        self._batch_size = batch_size

    # --- the store only ---------------------------------------------------------------------

    def status(self) -> SyncStatus:
        enrolment = self._sync.enrolment()
        has_token = enrolment is not None and self.tokens.load(
            enrolment.server_url, enrolment.device_id) is not None
        history = self._sync.history()
        return SyncStatus(enrolment=enrolment, has_token=has_token,
                          revoked_at=self._sync.revoked_at(),
                          last_run=history[-1] if history else None)

    def history(self) -> SyncHistory:
        runs = list(reversed(self._sync.history()))
        ids = {uuid.UUID(r["record_id"]) for entry in runs
               for r in entry.get("rejected_records") or () if r.get("record_id")}
        rows = RecordRepository(self._store).fetch_rows(sorted(ids)) if ids else []
        return SyncHistory(runs, {str(r.id): r.full_name for r in rows})

    def count_outgoing(self) -> int:
        return self._sync.count_outgoing()

    def set_ca_cert(self, ca_cert: Path | None) -> Done[None]:
        """Use another ward CA certificate for the enrolled server from the next sync on."""
        before = self._sync.enrolment()
        self._sync.set_ca_cert(str(ca_cert) if ca_cert else None, at=self._clock())
        after = self._sync.enrolment()
        return Done(None, NOTHING if before == after else Change(settings=True,
                                                                  sync_status=True))

    def export_bundle(self, path: Path) -> Done[int]:
        """Write every unsent record to ``path`` for a USB stick; returns how many."""
        # Encrypted to the ward, signed by this laptop, and recorded in the log of exports.
        return Done(export_usb_bundle(self._store, self.tokens, path, clock=self._clock),
                    NOTHING)

    # --- the network (store calls through the writer) ---------------------------------------

    def enroll(self, server_url: str | None, code: str, *, ca_cert: Path | None = None,
               device_label: str = "", allow_insecure: bool = False) -> Done[Enrolment]:
        """Trade a one-time code for a device token (raises ``SyncError`` subclasses; a laptop
        without a profile gets the one the ward issued the code for).

        ``allow_insecure``: the ward allows plain ``http://`` to its server beyond this
        machine (otherwise only https:// or loopback)."""
        enrolment = enroll(self._on_writer, self.tokens, server_url, code.strip(),
                           device_label=device_label, ca_cert=ca_cert, clock=self._clock,
                           allow_insecure=allow_insecure)
        reloaded = self._writer(self._profile.reloaded)
        return Done(enrolment, reloaded.change | Change(
            sync_status=True, server=True, records_many=True))

    def reachable(self) -> bool:
        """The cheap probe: True when the enrolled server answers its health check."""
        enrolment = self._on_writer.enrolment()
        if enrolment is None:
            return False
        ca = Path(enrolment.ca_cert) if enrolment.ca_cert else None
        return probe(enrolment.server_url, ca_cert=ca)

    def waiting(self) -> int:
        """Records waiting to be sent (asked from the network worker)."""
        return self._on_writer.count_outgoing()

    @staticmethod
    def reachable_at(url: str) -> bool:
        """The probe for an address not enrolled yet."""
        return probe(url)

    def run(self, progress: Callable[[SyncProgress], None] | None = None,
            cancel: CancelToken | None = None) -> Done[SyncReport]:
        """One sync run (push, then pull); known failures are in the report, never raised."""
        client = SyncClient(tokens=self.tokens, clock=self._clock, batch_size=self._batch_size)
        report = client.run(self._on_writer, progress, cancel)
        change = Change(sync_status=True, reference=report.reference_version is not None,
                        records_many=bool(report.sent or report.pulled or report.rejected))
        return Done(report, change)
