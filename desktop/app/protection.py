"""The store's protection (encryption at rest) as the command line and the GUI use it: which
key opens the store, changing it, setting an unreadable store aside. The work is done in
:mod:`desktop.store.protection`; this is the application layer's face of it, so that the
callers above stay off the store (the import-linter layers in pyproject.toml)."""

from __future__ import annotations

from desktop.store import Store
from desktop.store.clock import system_clock
from desktop.store.errors import StoreError
from desktop.store.keys import (
    MIN_PASSPHRASE,
    KeyStore,
    PassphraseError,
    StoreKey,
    default_keystore,
    new_passphrase,
)
from desktop.store.protection import (
    FileKind,
    Mode,
    PassphraseNeeded,
    ProtectionChoiceNeeded,
    WrongPassphrase,
    change_protection,
    inspect,
    open_store,
    set_aside,
)

#: A passphrase for scripts and headless machines (no keyring), instead of a dialog or prompt.
ENV_PASSPHRASE = "HOTROSO_PASSPHRASE"

__all__ = [
    "ENV_PASSPHRASE", "MIN_PASSPHRASE", "FileKind", "KeyStore", "Mode", "PassphraseError",
    "PassphraseNeeded", "ProtectionChoiceNeeded", "Store", "StoreError", "StoreKey",
    "WrongPassphrase", "change_protection", "inspect", "keyring_available", "new_passphrase",
    "open_store", "set_aside", "system_clock",
]  # fmt: skip


def keyring_available() -> bool:
    """Whether this machine has an OS keyring the store's key can live in."""
    return default_keystore().available()
