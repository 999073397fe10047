"""The laptop application: one open store and the operations on it.

    app = LaptopApp.open(data_dir)           # the CLI; the GUI passes its writer
    done = app.records.save(record)          # Done(stored record, Change(created=…))
    app.close()
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from desktop.app.drafts import DraftOps
from desktop.app.meetings import MeetingOps
from desktop.app.profile import ProfileOps
from desktop.app.protection import ProtectionOps
from desktop.app.records import NameOrder, RecordOps, plain_name_order
from desktop.app.sync import SyncOps
from desktop.app.transfer import TransferOps
from desktop.app.writer import Writer, in_place
from desktop.store import Store, protection
from desktop.store.clock import Clock, system_clock
from desktop.store.keys import StoreKey
from sync.client.credentials import TokenStore
from sync.client.session import DEFAULT_BATCH
from sync.contract.reference import ReferenceData


class LaptopApp:
    """The operations of the volunteer's app on one open store.

    Args:
        store: the open local store (closed by :meth:`close`).
        writer: where the store calls of network operations run (the GUI's database
            worker; in place for the CLI).
        name_order: how lists sorted by name are ordered (the GUI passes Qt's Vietnamese
            collation).
        tokens: where device tokens are kept (default: the OS keyring, or a file beside the
            data).
        batch_size: records per sync push.
    """

    def __init__(self, store: Store, *, writer: Writer = in_place,
                 name_order: NameOrder = plain_name_order, tokens: TokenStore | None = None,
                 batch_size: int = DEFAULT_BATCH) -> None:
        self.store = store
        self.profile = ProfileOps(store)
        self.records = RecordOps(store, self.profile, name_order=name_order)
        self.meetings = MeetingOps(store)
        self.transfer = TransferOps(store, self.profile)
        self.drafts = DraftOps(store)
        self.protection = ProtectionOps(store)
        self.sync = SyncOps(store, self.profile, writer=writer, tokens=tokens,
                            batch_size=batch_size)

    @classmethod
    def open(cls, data_dir: Path, *, clock: Clock = system_clock,
             passphrase: StoreKey | None = None, writer: Writer = in_place,
             name_order: NameOrder = plain_name_order, tokens: TokenStore | None = None,
             batch_size: int = DEFAULT_BATCH) -> LaptopApp:
        """Open (and migrate) the encrypted store in ``data_dir`` through its protection (the
        key from the OS keyring, or ``passphrase``); raises the known errors of
        :func:`desktop.store.protection.open_store`."""
        store = protection.open_store(data_dir, passphrase=passphrase, clock=clock)
        return cls(store, writer=writer, name_order=name_order, tokens=tokens,
                   batch_size=batch_size)

    # --- the one place for what every part reads --------------------------------------------

    @property
    def reference(self) -> ReferenceData:
        """The reference data in force now. Read it when needed, never keep a copy: a sync
        may install a newer version (the operation's ``Change.reference`` says so)."""
        return self.store.reference

    @property
    def data_dir(self) -> Path:
        return self.store.data_dir

    def now(self) -> datetime:
        return self.store.clock()

    def today(self) -> date:
        return self.store.today()

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> LaptopApp:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
