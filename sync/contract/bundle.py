"""The offline bundle: a laptop's outbox in one file, carried to the ward on a USB stick.

Format (version 1): gzip of ``<header JSON>\\n<body JSON>``. The body is exactly a push request
(``{"batch_id", "items"}``), so ``import-bundle`` applies it with the push semantics. The header
names the device and carries an HMAC-SHA256 of the body keyed with SHA-256(device token): only
the enrolled laptop can make it, and the server (which stores only that hash) can check it.
"""

from __future__ import annotations

import gzip
import hashlib
import hmac
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sync.contract.errors import KnownError

FORMAT = "hotroso-bundle"
FORMAT_VERSION = 1


class BundleError(KnownError):
    """The file is not a readable, authentic bundle (bilingual)."""


@dataclass(frozen=True)
class Bundle:
    device_id: str
    created_at: str
    body: bytes
    mac: str

    def verify(self, token_hash: str) -> bool:
        return hmac.compare_digest(self.mac, sign(self.body, token_hash))

    def push_body(self) -> dict[str, Any]:
        parsed: dict[str, Any] = json.loads(self.body)
        return parsed


def sign(body: bytes, token_hash: str) -> str:
    return hmac.new(token_hash.encode("ascii"), body, hashlib.sha256).hexdigest()


def write_bundle(
    path: Path, *, device_id: str, token: str, created_at: str, push_body: bytes
) -> None:
    """Write atomically (temp file + rename), so a pulled-out USB stick never holds half a file."""
    token_hash = hashlib.sha256(token.encode("utf-8")).hexdigest()
    header = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "device_id": device_id,
        "created_at": created_at,
        "mac": sign(push_body, token_hash),
    }
    data = gzip.compress(json.dumps(header).encode("utf-8") + b"\n" + push_body, mtime=0)
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(path)


def read_bundle(path: Path) -> Bundle:
    unreadable = BundleError(
        f"Tệp {path.name} không phải là gói dữ liệu Hỗ trợ số hoặc đã bị hỏng.",
        f"{path.name} is not a Hỗ trợ số bundle, or it is damaged.",
    )
    try:
        raw = gzip.decompress(path.read_bytes())
    except FileNotFoundError:
        raise BundleError(f"Không thấy tệp {path}.", f"File not found: {path}.") from None
    except (OSError, EOFError):
        raise unreadable from None
    head, sep, body = raw.partition(b"\n")
    try:
        header = json.loads(head)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise unreadable from None
    if not sep or not isinstance(header, dict) or header.get("format") != FORMAT:
        raise unreadable
    if header.get("version") != FORMAT_VERSION:
        raise BundleError(
            f"Gói dữ liệu phiên bản {header.get('version')} chưa được hỗ trợ; "
            "hãy cập nhật máy chủ.",
            f"Bundle version {header.get('version')} is not supported; update the server.",
        )
    return Bundle(
        device_id=str(header.get("device_id", "")),
        created_at=str(header.get("created_at", "")),
        body=body,
        mac=str(header.get("mac", "")),
    )
