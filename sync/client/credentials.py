"""Where the device token lives: the OS keyring, or a file only the user can read.

The file fallback is for machines without a usable keyring (a headless Linux box, a locked-down
Windows profile): the token is written with mode 600 in the app's data folder, and the
folder's permissions are the volunteer's own.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

import keyring
import keyring.errors
from keyring.backends import fail, null

SERVICE = "hotroso-sync"
FILE_NAME = "sync-token.json"


class TokenStore:
    def __init__(self, fallback_dir: Path) -> None:
        self._file = fallback_dir / FILE_NAME

    @staticmethod
    def _keyring_usable() -> bool:
        backend = keyring.get_keyring()
        return not isinstance(backend, (null.Keyring, fail.Keyring))

    def save(self, server_url: str, device_id: str, token: str) -> str:
        """Store the token; returns where ("keyring" or the file path) for the summary."""
        account = _account(server_url, device_id)
        if self._keyring_usable():
            try:
                keyring.set_password(SERVICE, account, token)
                with contextlib.suppress(FileNotFoundError):
                    self._file.unlink()  # no stale copy left behind
                return "keyring"
            except keyring.errors.KeyringError:
                pass  # locked or broken keyring: fall back to the file
        self._write_file({account: token})
        return str(self._file)

    def load(self, server_url: str, device_id: str) -> str | None:
        account = _account(server_url, device_id)
        if self._keyring_usable():
            try:
                found = keyring.get_password(SERVICE, account)
            except keyring.errors.KeyringError:
                found = None
            if found:
                return found
        try:
            data = json.loads(self._file.read_text(encoding="utf-8"))
        except (FileNotFoundError, json.JSONDecodeError):
            return None
        value = data.get(account) if isinstance(data, dict) else None
        return value if isinstance(value, str) else None

    def forget(self, server_url: str, device_id: str) -> None:
        if self._keyring_usable():
            with contextlib.suppress(keyring.errors.KeyringError):
                keyring.delete_password(SERVICE, _account(server_url, device_id))
        with contextlib.suppress(FileNotFoundError):
            self._file.unlink()

    def _write_file(self, data: dict[str, str]) -> None:
        self._file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self._file.with_name(self._file.name + ".part")
        # Created 600 from the start: the token is never readable by others, not even briefly.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh)
        os.chmod(tmp, 0o600)
        tmp.replace(self._file)


def _account(server_url: str, device_id: str) -> str:
    return f"{server_url.rstrip('/')}#{device_id}"
