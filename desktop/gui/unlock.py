"""Opening the encrypted store at start-up, asking only for what is needed.

- keyring mode: nothing to ask;
- a passphrase-protected store: the passphrase, again after a wrong one (the file is never
  touched by a wrong try);
- a new store, or a plain one from before encryption, where there is no keyring, or in
  portable mode (a USB stick moves between computers, a keyring does not): a new passphrase.

A plain database is encrypted once, on the database worker, with a progress dialog. Known
problems other than these (a missing keyring entry, a damaged file) propagate to the caller,
which shows them; nothing here ever replaces or deletes data.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtWidgets import QDialog

from desktop import paths
from desktop.app.protection import (
    ENV_PASSPHRASE,
    FileKind,
    KeyStore,
    PassphraseNeeded,
    ProtectionChoiceNeeded,
    Store,
    StoreKey,
    WrongPassphrase,
    inspect,
    new_passphrase,
    open_store,
)
from desktop.gui.errors import known_message
from desktop.gui.passphrase_dialog import CREATE, ENTER, PassphraseDialog
from desktop.gui.tasks import TaskRunner

translate = QCoreApplication.translate

#: Builds a passphrase dialog (tests replace it to type into the dialog they are given).
DialogFactory = Callable[..., PassphraseDialog]


def is_portable(directory: Path) -> bool:
    portable = paths.portable_data_dir()
    return portable is not None and portable.resolve() == directory.resolve()


def open_app_store(tasks: TaskRunner, directory: Path, *, keystore: KeyStore | None = None,
                   portable: bool | None = None,
                   dialog_factory: DialogFactory = PassphraseDialog,
                   **store_options: Any) -> Store | None:
    """The open store, or None when the volunteer cancelled a passphrase dialog."""
    state = inspect(directory)
    new = state.kind is not FileKind.ENCRYPTED
    from_env = os.environ.get(ENV_PASSPHRASE)
    passphrase: StoreKey | None = None
    if from_env:
        passphrase = new_passphrase(from_env) if new else StoreKey.passphrase(from_env)
    elif new and (is_portable(directory) if portable is None else portable):
        dialog = dialog_factory(CREATE, reason=translate(
            "unlock", "This copy of the app runs from a USB stick, which moves between "
            "computers: the records on it are protected with a passphrase."))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        passphrase = dialog.key()
    label = translate("unlock", "Encrypting the records on this laptop (once)…") \
        if state.kind is FileKind.PLAIN else ""
    while True:
        try:
            return _on_worker(tasks, lambda key=passphrase: open_store(  # type: ignore[misc]
                directory, keystore=keystore, passphrase=key, **store_options), label)
        except PassphraseNeeded:
            dialog = dialog_factory(ENTER)
        except WrongPassphrase as exc:
            if from_env:
                raise
            dialog = dialog_factory(ENTER, problem=known_message(exc) or "")
        except ProtectionChoiceNeeded:
            if from_env:
                raise
            # The dialog's own text already says a passphrase is asked at each start: the
            # reason says only why there is no other way here.
            dialog = dialog_factory(CREATE, reason=translate(
                "unlock", "This computer has no keyring to keep the data key in, so the "
                "records are protected with a passphrase."))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        passphrase = dialog.key()


def _on_worker(tasks: TaskRunner, fn: Callable[[], Store], label: str) -> Store:
    """Run ``fn`` on the database worker while the event loop runs (so a progress dialog
    paints during a long encryption), and return its result or raise its exception."""
    outcome: dict[str, Any] = {}
    loop = QEventLoop()

    def finish(key: str, value: object) -> None:
        outcome[key] = value
        loop.quit()

    tasks.run_db(lambda ctx: fn(), on_success=lambda store: finish("store", store),
                 on_failure=lambda exc: finish("error", exc), label=label)
    if not outcome:
        loop.exec()
    if "error" in outcome:
        raise outcome["error"]
    store: Store = outcome["store"]
    return store
