"""The key that opens the laptop's encrypted store, and where a random one is kept.

Two kinds of key (see docs/privacy.md):

- a **random 256-bit key** kept in the OS keyring (Windows Credential Manager, the macOS
  Keychain, the Secret Service on Linux). It is given to SQLCipher as a raw key together with
  the database's salt (``x'<key><salt>'``), so no key derivation runs when the app starts, and
  the keyring entry is named after that salt, which SQLCipher keeps in the file's first 16
  bytes: the file itself says which entry opens it.
- a **passphrase** typed at start-up (shared laptops, USB sticks): SQLCipher derives the key
  from it with its own KDF (PBKDF2-HMAC-SHA512, 256,000 iterations, the file's salt). The text
  is NFC-normalised first, so the same Vietnamese passphrase typed with a different input
  method (composed or decomposed accents) opens the same file.

The keyring is reached through :class:`KeyStore`, so tests inject an in-memory keyring and
a machine without a usable one is recognised (``available()``) instead of failing later.
"""

from __future__ import annotations

import secrets
import unicodedata
from dataclasses import dataclass
from typing import Any, Literal, Protocol

import keyring
import keyring.errors
from keyring.backends import fail, null

from desktop.store.errors import StoreError

KEY_BYTES = 32
SALT_BYTES = 16
MIN_PASSPHRASE = 8
MAX_PASSPHRASE = 1024
KEYRING_SERVICE = "hotroso-store"


class PassphraseError(StoreError):
    """A new passphrase is not acceptable (too short, …)."""


class KeyringError(StoreError):
    """The OS keyring refused to keep or give the key (bilingual)."""


@dataclass(frozen=True, repr=False)
class StoreKey:
    """What opens one encrypted store file. ``repr`` never shows the secret."""

    kind: Literal["raw", "passphrase"]
    secret: str  # raw: 64 hex digits of key followed by 32 of salt; passphrase: NFC text

    @classmethod
    def raw(cls, key: bytes, salt: bytes) -> StoreKey:
        if len(key) != KEY_BYTES or len(salt) != SALT_BYTES:
            raise ValueError("a raw store key is 32 bytes of key and 16 of salt")
        return cls("raw", key.hex() + salt.hex())

    @classmethod
    def generate(cls) -> StoreKey:
        """A new random key with a new random salt (for a new database file)."""
        return cls.raw(secrets.token_bytes(KEY_BYTES), secrets.token_bytes(SALT_BYTES))

    @classmethod
    def from_keyring_value(cls, value: str) -> StoreKey:
        text = value.strip().lower()
        if len(text) != 2 * (KEY_BYTES + SALT_BYTES) or any(c not in "0123456789abcdef"
                                                           for c in text):
            raise KeyringError(
                "Khoá dữ liệu trong kho khoá của máy bị hỏng.",
                "The data key in this computer's keyring is damaged.",
            )
        return cls("raw", text)

    @classmethod
    def passphrase(cls, text: str) -> StoreKey:
        """A passphrase as typed (checked only for being usable at all; see ``new_passphrase``)."""
        normalised = unicodedata.normalize("NFC", text)
        if not normalised or "\x00" in normalised or len(normalised) > MAX_PASSPHRASE:
            raise PassphraseError("Mật khẩu không hợp lệ.", "The passphrase is not valid.")
        return cls("passphrase", normalised)

    @property
    def salt(self) -> bytes | None:
        """The salt a raw key carries (the passphrase's salt is chosen by SQLCipher)."""
        return bytes.fromhex(self.secret[2 * KEY_BYTES:]) if self.kind == "raw" else None

    def sql_literal(self) -> str:
        """The key as it follows ``PRAGMA key =`` or ``ATTACH … KEY``: a quoted SQL string."""
        if self.kind == "raw":
            return f"\"x'{self.secret}'\""
        return "'" + self.secret.replace("'", "''") + "'"

    def __repr__(self) -> str:
        return f"StoreKey({self.kind}, <hidden>)"


def new_passphrase(text: str, again: str | None = None) -> StoreKey:
    """A passphrase chosen for a store: long enough, and typed the same twice if asked."""
    key = StoreKey.passphrase(text) if text else None
    if key is None or len(key.secret) < MIN_PASSPHRASE:
        raise PassphraseError(
            f"Mật khẩu cần ít nhất {MIN_PASSPHRASE} ký tự.",
            f"The passphrase needs at least {MIN_PASSPHRASE} characters.",
        )
    if again is not None and unicodedata.normalize("NFC", again) != key.secret:
        raise PassphraseError("Hai lần nhập mật khẩu không khớp.", "The two passphrases differ.")
    return key


def keyring_account(salt: bytes) -> str:
    """The keyring entry of the store file with this salt."""
    return f"store-{salt.hex()}"


class KeyStore(Protocol):
    """Where random store keys are kept (the OS keyring in the app)."""

    def available(self) -> bool: ...

    def load(self, account: str) -> str | None: ...

    def save(self, account: str, secret: str) -> None: ...

    def delete(self, account: str) -> None: ...


class OsKeyring:
    """The ``keyring`` library: the OS credential store, or the given backend (tests)."""

    def __init__(self, backend: Any | None = None, *, service: str = KEYRING_SERVICE) -> None:
        self._backend = backend
        self._service = service

    def _ring(self) -> Any:
        return self._backend if self._backend is not None else keyring.get_keyring()

    def available(self) -> bool:
        ring = self._ring()
        # keyring's chainer wraps the real backends; "fail"/"null" mean there is none.
        return not isinstance(ring, (null.Keyring, fail.Keyring))

    def load(self, account: str) -> str | None:
        try:
            value = self._ring().get_password(self._service, account)
        except keyring.errors.KeyringError as exc:
            raise _keyring_failed(exc) from None
        return value if isinstance(value, str) and value else None

    def save(self, account: str, secret: str) -> None:
        try:
            self._ring().set_password(self._service, account, secret)
        except keyring.errors.KeyringError as exc:
            raise _keyring_failed(exc) from None
        if self.load(account) != secret:
            # Some backends accept a write they cannot read back (a locked collection):
            # a key that cannot be read back would lock the volunteer out of their data.
            raise _keyring_failed(None)

    def delete(self, account: str) -> None:
        try:
            self._ring().delete_password(self._service, account)
        except keyring.errors.PasswordDeleteError:
            return  # not there: nothing to remove
        except keyring.errors.KeyringError as exc:
            raise _keyring_failed(exc) from None


def default_keystore() -> KeyStore:
    """The keystore the app uses: the OS keyring."""
    return OsKeyring()


def _keyring_failed(exc: Exception | None) -> KeyringError:
    detail = f" ({exc})" if exc else ""
    return KeyringError(
        "Kho khoá của máy (Windows Credential Manager/Keychain) không cất hoặc không trả lại "
        f"được khoá dữ liệu{detail}. Hãy mở khoá kho khoá, hoặc dùng mật khẩu thay cho kho khoá.",
        "This computer's keyring (Windows Credential Manager/Keychain) could not keep or give "
        f"back the data key{detail}. Unlock the keyring, or use a passphrase instead.",
    )
