"""The sync operations the GUI needs, as plain functions of one open store.

Qt-free like :mod:`desktop.gui.services`: each method runs on a worker thread of the
background-work helper (a sync run and the reachability probe on the network worker, the
small reads on the database worker). The GUI never speaks HTTP itself: it calls these, which
call the sync client (``sync.client``) and the store's sync bookkeeping
(``desktop.store.sync_state``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop.io.personal_export import export_usb_bundle
from desktop.store import Store
from desktop.store.sync_state import StoreSync, server_message_text
from sync.client.credentials import TokenStore
from sync.client.http import CancelToken
from sync.client.port import Enrolment
from sync.client.report import SyncProgress, SyncReport
from sync.client.session import DEFAULT_BATCH, SyncClient, enroll, probe

__all__ = ["SyncServices", "SyncStatus", "message_text"]


@dataclass(frozen=True)
class SyncStatus:
    """What the settings dialog and the main window show about sync on this laptop."""

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


def message_text(raw: str | None, lang: str) -> str:
    """The server's stored message about a record (JSON, both languages) in ``lang``."""
    return server_message_text(raw, lang)


class SyncServices:
    """Sync for one open store; the token lives where :class:`TokenStore` puts it.

    Args:
        store: the laptop's open store.
        tokens: where device tokens are kept (OS keyring, or a user-only file).
        clock: the time written into enrolment and history (injected by tests).
        batch_size: records per push request.
    """

    def __init__(self, store: Store, *, tokens: TokenStore | None = None,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC),
                 batch_size: int = DEFAULT_BATCH) -> None:
        self.store = store
        self.sync = StoreSync(store)
        self.tokens = tokens or TokenStore(store.data_dir)
        self._clock = clock
        self._batch_size = batch_size

    # --- state ------------------------------------------------------------------------------

    def status(self) -> SyncStatus:
        enrolment = self.sync.enrolment()
        has_token = enrolment is not None and self.tokens.load(
            enrolment.server_url, enrolment.device_id) is not None
        history = self.sync.history()
        return SyncStatus(enrolment=enrolment, has_token=has_token,
                          revoked_at=self.sync.revoked_at(),
                          last_run=history[-1] if history else None)

    def history(self) -> list[dict[str, Any]]:
        """Past sync runs, newest first (``SyncReport.to_history()`` dictionaries)."""
        return list(reversed(self.sync.history()))

    # --- network ----------------------------------------------------------------------------

    def enroll(self, server_url: str, code: str, *, ca_cert: Path | None,
               device_label: str) -> Enrolment:
        """Trade a one-time code for a device token (raises ``SyncError`` subclasses)."""
        return enroll(self.sync, self.tokens, server_url, code.strip(),
                      device_label=device_label, ca_cert=ca_cert, clock=self._clock)

    def set_ca_cert(self, ca_cert: Path | None) -> None:
        """Use another ward CA certificate for the enrolled server from the next sync on."""
        self.sync.set_ca_cert(str(ca_cert) if ca_cert else None, at=self._clock())

    def reachable(self) -> bool:
        """The cheap probe: True when the enrolled server answers its health check."""
        enrolment = self.sync.enrolment()
        if enrolment is None:
            return False
        ca = Path(enrolment.ca_cert) if enrolment.ca_cert else None
        return probe(enrolment.server_url, ca_cert=ca)

    @staticmethod
    def reachable_at(url: str) -> bool:
        """The probe for an address not enrolled yet (Settings, the screenshot script)."""
        return probe(url)

    def run(self, progress: Callable[[SyncProgress], None] | None,
            cancel: CancelToken) -> SyncReport:
        """One sync run (push, then pull); known failures are in the report, never raised."""
        client = SyncClient(tokens=self.tokens, clock=self._clock, batch_size=self._batch_size)
        return client.run(self.sync, progress, cancel)

    def export_bundle(self, path: Path) -> int:
        """Write every unsent record to ``path`` for a USB stick (encrypted to the ward,
        signed by this laptop, logged); returns how many."""
        return export_usb_bundle(self.store, self.tokens, path, clock=self._clock)
