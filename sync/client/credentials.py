"""Where the device's secrets live: the OS keyring, or a file only the user can read.

Two secrets per enrolment: the device token (sync) and the device's Ed25519 private key,
made at enrolment, that signs USB bundles (the ward keeps only the public half).

The file fallback is for machines without a usable keyring (a headless Linux box, a locked-down
Windows profile): the secrets are written with mode 600 in the app's data folder, and the
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
#: Suffix of the keyring account (and file entry) of the device's bundle-signing key.
SIGNING_KEY = "#bundle-signing-key"


class TokenStore:
    def __init__(self, fallback_dir: Path) -> None:
        self._file = fallback_dir / FILE_NAME

    @staticmethod
    def _keyring_usable() -> bool:
        backend = keyring.get_keyring()
        return not isinstance(backend, (null.Keyring, fail.Keyring))

    def save(self, server_url: str, device_id: str, token: str) -> str:
        """Store the token; returns where ("keyring" or the file path) for the summary."""
        return self._save(_account(server_url, device_id), token, keep_file_entries=False)

    def save_signing_key(self, server_url: str, device_id: str, key: str) -> str:
        """Store the device's bundle-signing private key (base64), like the token."""
        return self._save(_account(server_url, device_id) + SIGNING_KEY, key,
                          keep_file_entries=True)

    def load_signing_key(self, server_url: str, device_id: str) -> str | None:
        return self._load(_account(server_url, device_id) + SIGNING_KEY)

    def _save(self, account: str, secret: str, *, keep_file_entries: bool) -> str:
        if self._keyring_usable():
            try:
                keyring.set_password(SERVICE, account, secret)
                if not keep_file_entries:
                    with contextlib.suppress(FileNotFoundError):
                        self._file.unlink()  # no stale copy left behind
                return "keyring"
            except keyring.errors.KeyringError:
                pass  # locked or broken keyring: fall back to the file
        entries = self._read_file() if keep_file_entries else {}
        # Only this enrolment's secrets: another device id's are stale.
        prefix = account.removesuffix(SIGNING_KEY)
        entries = {k: v for k, v in entries.items() if k.startswith(prefix)}
        entries[account] = secret
        self._write_file(entries)
        return str(self._file)

    def load(self, server_url: str, device_id: str) -> str | None:
        return self._load(_account(server_url, device_id))

    def _load(self, account: str) -> str | None:
        if self._keyring_usable():
            try:
                found = keyring.get_password(SERVICE, account)
            except keyring.errors.KeyringError:
                found = None
            if found:
                return found
        return self._read_file().get(account)

    def forget(self, server_url: str, device_id: str) -> None:
        if self._keyring_usable():
            for account in (_account(server_url, device_id),
                            _account(server_url, device_id) + SIGNING_KEY):
                with contextlib.suppress(keyring.errors.KeyringError):
                    keyring.delete_password(SERVICE, account)
        with contextlib.suppress(FileNotFoundError):
            self._file.unlink()

    def _read_file(self) -> dict[str, str]:
        try:
            data = json.loads(self._file.read_text(encoding="utf-8"))
        except (FileNotFoundError, json.JSONDecodeError):
            return {}
        if not isinstance(data, dict):
            return {}
        return {str(k): v for k, v in data.items() if isinstance(v, str)}

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
