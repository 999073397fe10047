"""The ward's bundle key: the X25519 key pair USB bundles are encrypted to.

The private key is a PEM file (PKCS#8), mode 0600 in a 0700 folder, outside the database on
purpose: a copy of the database or of its backups cannot read any bundle. Where it is:
``--bundle-key PATH``, else ``$HOTROSO_BUNDLE_KEY``, else ``ward-bundle-key.pem`` in the server's
per-user data folder (beside the default SQLite database). ``hotroso-server serve`` creates it
when it is missing and hands the public half to every laptop at enrolment; ``import-bundle``
only reads it. Back it up (docs/deployment.md): without it, bundles made for it cannot be
read, and every laptop has to enrol again to learn a new key.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from sync.contract.bundle import key_id
from sync.contract.errors import KnownError
from sync.contract.private_files import PRIVATE_FILE_MODE, make_private, private_dir

ENV_BUNDLE_KEY = "HOTROSO_BUNDLE_KEY"
FILE_NAME = "ward-bundle-key.pem"


class BundleKeyError(KnownError):
    """The ward's bundle key is missing or unreadable (bilingual)."""


@dataclass(frozen=True, repr=False)
class WardKey:
    path: Path
    private: bytes
    public: bytes

    @property
    def id(self) -> str:
        return key_id(self.public)


def key_path(explicit: Path | None = None, *, folder: Path | None = None) -> Path:
    """The key file: ``explicit``, else ``$HOTROSO_BUNDLE_KEY``, else in the server's folder."""
    if explicit is not None:
        return explicit.expanduser()
    from_env = os.environ.get(ENV_BUNDLE_KEY)
    if from_env:
        return Path(from_env).expanduser()
    if folder is not None:
        return folder / FILE_NAME
    return platformdirs.user_data_path("hotroso-server", appauthor=False) / FILE_NAME


def load(path: Path) -> WardKey:
    """The key at ``path``; a missing or foreign file is a known error (never replaced)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise BundleKeyError(
            f"Không thấy khoá gói dữ liệu của phường ({path}). Hãy khôi phục tệp này từ bản sao "
            "lưu; chạy `hotroso-server serve` một lần sẽ tạo khoá mới, nhưng khoá mới không "
            "đọc được các gói đã tạo cho khoá cũ.",
            f"The ward's bundle key ({path}) is missing. Restore it from the backup; running "
            "`hotroso-server serve` once makes a new one, but a new key cannot read bundles "
            "made for the old one.",
        ) from None
    except OSError as exc:
        raise BundleKeyError(f"Không đọc được {path}: {exc.strerror}.",
                             f"Cannot read {path}: {exc.strerror}.") from None
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError):
        key = None
    if not isinstance(key, X25519PrivateKey):
        raise BundleKeyError(
            f"Tệp {path} không phải khoá gói dữ liệu của phường (khoá X25519 dạng PEM).",
            f"{path} is not a ward bundle key (an X25519 key in PEM).",
        )
    return WardKey(path, key.private_bytes_raw(), key.public_key().public_bytes_raw())


def load_or_create(path: Path) -> tuple[WardKey, bool]:
    """The key at ``path``, made (0600) when there is no file yet; (key, created)."""
    if path.exists():
        make_private(path)
        return load(path), False
    private_dir(path.parent)
    key = X25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    # O_EXCL: two servers starting at once never overwrite each other's new key.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    except FileExistsError:
        return load(path), False
    try:
        make_private(path)
        with os.fdopen(fd, "wb") as fh:
            fh.write(pem)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            path.unlink()
        raise
    return load(path), True
