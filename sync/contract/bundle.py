"""The offline bundle: a laptop's outbox in one file, carried to the ward on a USB stick.

Format (version 2)::

    <header JSON, one line>\\n<ciphertext>

The body inside is exactly a push request (``{"batch_id", "items"}``), gzip-compressed, so
``import-bundle`` applies it with the push semantics. It is **encrypted to the ward** and
**signed by the device**:

- encryption: an ephemeral X25519 key agreed with the ward's public key (received at
  enrolment), HKDF-SHA256 (salt: both public keys; info: the format and the device id) to a
  ChaCha20-Poly1305 key; the header (without its signature) is the AEAD's associated data, so
  no header field can be changed without the ward noticing. Only the ward's private key reads
  it; a lost USB stick reveals the device id and the date, nothing of the records.
- signature: Ed25519, by the key pair the laptop made at enrolment, over the header and the
  ciphertext. The ward keeps only the public half, so a copy of the ward database (or of its
  backups) cannot make a bundle any device would be believed to have made.

Reading is two steps so that nothing is decrypted or inflated before the signature is checked:
:func:`read_bundle` parses the header (size-capped, no crypto), the importer looks up the
device's public key by the header's device id, and :meth:`SealedBundle.open` verifies the
signature, then decrypts, then inflates with a cap (:data:`MAX_INFLATED_BYTES`).

Version 1 (gzip with an HMAC keyed by the hash of the device token, which the ward database
stores) is refused: anyone with that database could forge it. Laptops enrolled before version
2 must enrol again to make bundles (docs/sync.md).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from sync.contract.errors import KnownError
from sync.contract.private_files import write_private_bytes

FORMAT = "hotroso-bundle"
FORMAT_VERSION = 2
CIPHER = "x25519-hkdf-sha256-chacha20poly1305"
SIGNATURE = "ed25519"
#: A bundle file larger than this is refused before it is read (a month of a busy volunteer's
#: records is a few MB).
MAX_BUNDLE_BYTES = 256 * 1024 * 1024
#: The decompressed push body may not exceed this (a "zip bomb" stops here).
MAX_INFLATED_BYTES = 256 * 1024 * 1024
MAX_HEADER_BYTES = 4096
KEY_BYTES = 32
_GZIP_MAGIC = b"\x1f\x8b"
_SIGNING_CONTEXT = b"hotroso-bundle/2\n"
_NONCE_BYTES = 12


class BundleError(KnownError):
    """The file is not a readable, authentic bundle (bilingual)."""


# ---- keys -----------------------------------------------------------------------------------


def encode_key(raw: bytes) -> str:
    """Key (or nonce, signature) bytes as base64 text, for JSON."""
    return base64.b64encode(raw).decode("ascii")


def decode_key(text: str) -> bytes:
    """32 raw key bytes from their base64 text; ``ValueError`` for anything else."""
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise ValueError("not base64") from None
    if len(raw) != KEY_BYTES:
        raise ValueError(f"a key is {KEY_BYTES} bytes, this one is {len(raw)}")
    return raw


def key_id(public: bytes) -> str:
    """A short fingerprint naming a public key (shown to staff, written in bundle headers)."""
    return hashlib.sha256(public).hexdigest()[:16]


def new_signing_key() -> tuple[bytes, bytes]:
    """A device's Ed25519 key pair: (private, public), 32 raw bytes each."""
    private = Ed25519PrivateKey.generate()
    return private.private_bytes_raw(), private.public_key().public_bytes_raw()


def new_ward_key() -> tuple[bytes, bytes]:
    """The ward's X25519 key pair: (private, public), 32 raw bytes each."""
    private = X25519PrivateKey.generate()
    return private.private_bytes_raw(), private.public_key().public_bytes_raw()


def ward_public_key(private: bytes) -> bytes:
    return X25519PrivateKey.from_private_bytes(private).public_key().public_bytes_raw()


def valid_signing_public_key(text: str) -> bool:
    """Whether ``text`` is a usable Ed25519 public key (base64 of 32 bytes)."""
    try:
        Ed25519PublicKey.from_public_bytes(decode_key(text))
    except ValueError:
        return False
    return True


# ---- writing --------------------------------------------------------------------------------


def write_bundle(
    path: Path,
    *,
    device_id: str,
    created_at: str,
    push_body: bytes,
    signing_key: bytes,
    ward_key: bytes,
) -> None:
    """Seal ``push_body`` for the ward and write it atomically and owner-only (a pulled-out
    USB stick never holds half a file).

    Args:
        signing_key: the device's Ed25519 private key (raw).
        ward_key: the ward's X25519 public key (raw), received at enrolment.
    """
    if len(push_body) > MAX_INFLATED_BYTES:
        raise BundleError(
            "Quá nhiều bản ghi cho một gói dữ liệu; hãy đồng bộ qua mạng.",
            "Too many records for one bundle; sync over the network instead.",
        )
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes_raw()
    nonce = os.urandom(_NONCE_BYTES)
    header: dict[str, Any] = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "device_id": device_id,
        "created_at": created_at,
        "cipher": CIPHER,
        "signature_alg": SIGNATURE,
        "ward_key": key_id(ward_key),
        "ephemeral_key": encode_key(ephemeral_public),
        "nonce": encode_key(nonce),
    }
    aad = _canonical(header)
    key = _content_key(ephemeral.exchange(X25519PublicKey.from_public_bytes(ward_key)),
                       ephemeral_public, ward_key, device_id)
    compressed = _gzip(push_body)
    ciphertext = ChaCha20Poly1305(key).encrypt(nonce, compressed, aad)
    signer = Ed25519PrivateKey.from_private_bytes(signing_key)
    header["signature"] = encode_key(signer.sign(_SIGNING_CONTEXT + aad + b"\n" + ciphertext))
    line = json.dumps(header, sort_keys=True, separators=(",", ":")).encode("ascii")
    write_private_bytes(path, line + b"\n" + ciphertext)


# ---- reading --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SealedBundle:
    """A bundle file parsed but not yet trusted: nothing in it is decrypted."""

    device_id: str
    created_at: str
    ward_key_id: str
    header: dict[str, Any] = field(repr=False)
    aad: bytes = field(repr=False)
    signature: bytes = field(repr=False)
    ciphertext: bytes = field(repr=False)

    def signed_by(self, device_public_key: bytes) -> bool:
        try:
            Ed25519PublicKey.from_public_bytes(device_public_key).verify(
                self.signature, _SIGNING_CONTEXT + self.aad + b"\n" + self.ciphertext)
        except (InvalidSignature, ValueError):
            return False
        return True

    def open(self, *, device_public_key: bytes, ward_private_key: bytes,
             max_inflated: int | None = None) -> bytes:
        """The push body: the signature checked first, then decrypted, then inflated.

        Raises:
            BundleError: a wrong signature (checked before anything else), a bundle made for
                another ward key, a damaged ciphertext, or a body above ``max_inflated``.
        """
        if not self.signed_by(device_public_key):
            raise BundleError(
                "Gói dữ liệu không đúng chữ ký của thiết bị (bị sửa, hỏng, hoặc không do thiết "
                "bị này tạo); không mở gói.",
                "The bundle's signature does not match its device (altered, damaged, or not "
                "made by this device); it was not opened.",
            )
        ward_public = ward_public_key(ward_private_key)
        if self.ward_key_id != key_id(ward_public):
            raise BundleError(
                f"Gói dữ liệu được mã hoá cho khoá phường {self.ward_key_id}, không phải khoá "
                f"của máy chủ này ({key_id(ward_public)}). Hãy dùng đúng tệp khoá phường "
                "(--bundle-key).",
                f"The bundle is encrypted for ward key {self.ward_key_id}, not this server's "
                f"({key_id(ward_public)}). Use the right ward key file (--bundle-key).",
            )
        try:
            ephemeral = decode_key(str(self.header["ephemeral_key"]))
            nonce = base64.b64decode(str(self.header["nonce"]), validate=True)
            shared = X25519PrivateKey.from_private_bytes(ward_private_key).exchange(
                X25519PublicKey.from_public_bytes(ephemeral))
            key = _content_key(shared, ephemeral, ward_public, self.device_id)
            compressed = ChaCha20Poly1305(key).decrypt(nonce, self.ciphertext, self.aad)
        except (InvalidTag, ValueError, KeyError, binascii.Error):
            raise _unreadable("bundle") from None
        return _gunzip_capped(compressed, MAX_INFLATED_BYTES if max_inflated is None
                              else max_inflated)


def read_bundle(path: Path, *, max_bytes: int | None = None) -> SealedBundle:
    """Parse a bundle file's header (no decryption, no inflation; see the module docstring)."""
    max_bytes = MAX_BUNDLE_BYTES if max_bytes is None else max_bytes
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise BundleError(
                f"Tệp {path.name} quá lớn cho một gói dữ liệu ({size} byte; tối đa {max_bytes}).",
                f"{path.name} is too large for a bundle ({size} bytes; at most {max_bytes}).",
            )
        with path.open("rb") as fh:
            raw = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise BundleError(f"Không thấy tệp {path}.", f"File not found: {path}.") from None
    except IsADirectoryError:
        raise _unreadable(path.name) from None
    except OSError as exc:
        raise BundleError(f"Không đọc được tệp {path}: {exc.strerror}.",
                          f"Cannot read {path}: {exc.strerror}.") from None
    if raw.startswith(_GZIP_MAGIC):
        raise BundleError(
            f"Tệp {path.name} là gói dữ liệu kiểu cũ (phiên bản 1), mà chữ ký có thể bị giả từ "
            "bản sao cơ sở dữ liệu của phường, nên không được nhận. Hãy đăng ký lại máy với "
            "phường (xin mã mới) rồi tạo lại gói dữ liệu.",
            f"{path.name} is an old-format bundle (version 1), whose signature could be forged "
            "from a copy of the ward database, so it is refused. Enrol the laptop again (ask "
            "for a new code), then make the bundle again.",
        )
    head, sep, ciphertext = raw[:MAX_HEADER_BYTES + 1].partition(b"\n")
    if not sep:
        raise _unreadable(path.name)
    ciphertext = raw[len(head) + 1:]
    try:
        header = json.loads(head)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise _unreadable(path.name) from None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise _unreadable(path.name)
    if header.get("version") != FORMAT_VERSION:
        raise BundleError(
            f"Gói dữ liệu phiên bản {header.get('version')} chưa được hỗ trợ; "
            "hãy cập nhật máy chủ.",
            f"Bundle version {header.get('version')} is not supported; update the server.",
        )
    if header.get("cipher") != CIPHER or header.get("signature_alg") != SIGNATURE:
        raise _unreadable(path.name)
    try:
        signature = base64.b64decode(str(header.pop("signature")), validate=True)
    except (KeyError, binascii.Error):
        raise _unreadable(path.name) from None
    return SealedBundle(
        device_id=str(header.get("device_id", "")),
        created_at=str(header.get("created_at", "")),
        ward_key_id=str(header.get("ward_key", "")),
        header=header,
        aad=_canonical(header),
        signature=signature,
        ciphertext=ciphertext,
    )


# ---- helpers --------------------------------------------------------------------------------


def _canonical(header: dict[str, Any]) -> bytes:
    return json.dumps(header, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=True).encode("ascii")


def _content_key(shared: bytes, ephemeral_public: bytes, ward_public: bytes,
                 device_id: str) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=ephemeral_public + ward_public,
        info=b"hotroso-bundle/2 content key\n" + device_id.encode("utf-8"),
    ).derive(shared)


def _gzip(data: bytes) -> bytes:
    compressor = zlib.compressobj(6, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


def _gunzip_capped(data: bytes, limit: int) -> bytes:
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        body = inflater.decompress(data, limit + 1)
    except zlib.error:
        raise _unreadable("bundle") from None
    if len(body) > limit or inflater.unconsumed_tail:
        raise BundleError(
            f"Nội dung gói dữ liệu vượt quá {limit} byte khi giải nén; không nhận.",
            f"The bundle's content exceeds {limit} bytes when inflated; it is refused.",
        )
    if not inflater.eof:
        raise _unreadable("bundle")
    return body


def _unreadable(name: str) -> BundleError:
    return BundleError(
        f"Tệp {name} không phải là gói dữ liệu Hỗ trợ số hoặc đã bị hỏng.",
        f"{name} is not a Hỗ trợ số bundle, or it is damaged.",
    )
