"""The store's protection (encryption at rest) as the command line and the GUI use it: which
key opens the store, changing it, setting an unreadable store aside. The work is done in
:mod:`desktop.store.protection`; this is the application layer's face of it, so that the
callers above stay off the store (the import-linter layers in pyproject.toml)."""

from __future__ import annotations

from desktop.app.change import Change, Done
from desktop.store import Store
from desktop.store import keys as key_stores
from desktop.store.clock import system_clock
from desktop.store.errors import StoreError
from desktop.store.keys import (
    MIN_PASSPHRASE,
    KeyStore,
    PassphraseError,
    StoreKey,
    new_passphrase,
)
from desktop.store.protection import (
    FileKind,
    Mode,
    PassphraseNeeded,
    ProtectionChoiceNeeded,
    WrongPassphrase,
    change_protection,
    current_mode,
    inspect,
    open_store,
    set_aside,
)

#: A passphrase for scripts and headless machines (no keyring), instead of a dialog or prompt.
ENV_PASSPHRASE = "HOTROSO_PASSPHRASE"

__all__ = [
    "ENV_PASSPHRASE",
    "MIN_PASSPHRASE",
    "FileKind",
    "KeyStore",
    "Mode",
    "PassphraseError",
    "PassphraseNeeded",
    "ProtectionChoiceNeeded",
    "ProtectionOps",
    "Store",
    "StoreError",
    "StoreKey",
    "WrongPassphrase",
    "change_protection",
    "inspect",
    "keyring_available",
    "new_passphrase",
    "open_store",
    "set_aside",
    "system_clock",
]  # fmt: skip


def keyring_available() -> bool:
    """Whether this machine has an OS keyring the store's key can live in."""
    # Looked up when called, so a keyring swapped in (tests, a headless session) is seen.
    return key_stores.default_keystore().available()


class ProtectionOps:
    """How the open store is protected, and changing it (Settings → Data protection, the
    first run's choice). The re-write runs on the thread that owns the store (the GUI's
    database worker)."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def mode(self) -> Mode | None:
        return current_mode(self._store)

    @staticmethod
    def keyring_available() -> bool:
        return keyring_available()

    def change(self, mode: Mode, passphrase: StoreKey | None = None) -> Done[None]:
        """Re-encrypt the store for ``mode`` (see :func:`change_protection`); the laptop's
        settings changed (the views showing the protection read it again)."""
        change_protection(self._store, mode, passphrase=passphrase)
        return Done(None, Change(settings=True))
