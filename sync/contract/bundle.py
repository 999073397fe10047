"""The offline bundle: a laptop's outbox in one file, carried to the ward on a USB stick.

Format (version 2): ``<header JSON>\\n<gzip of the body JSON>``. The body is exactly a push
request (``{"batch_id", "items"}``), so ``import-bundle`` applies it with the push semantics.
The header names the device and carries an HMAC-SHA256 of the *compressed* body keyed with
SHA-256(device token): only the enrolled laptop can make it, and the server (which stores only
that hash) checks it before inflating anything. Reading is bounded: the file's size, the
header line's length; the server inflates the body with a cap. Version 1 (everything inside
one gzip, so its signature could only be checked after inflating) is refused.
"""

from __future__ import annotations

import gzip
import hashlib
import hmac
import json
from dataclasses import dataclass
from pathlib import Path

from sync.contract.errors import KnownError

FORMAT = "hotroso-bundle"
FORMAT_VERSION = 2
MAX_HEADER_BYTES = 4096
#: The largest bundle file ``read_bundle`` reads by default.
MAX_FILE_BYTES = 64 * 1024 * 1024


class BundleError(KnownError):
    """The file is not a readable, authentic bundle (bilingual)."""


@dataclass(frozen=True)
class Bundle:
    device_id: str
    created_at: str
    #: The push body, still gzip-compressed: inflate it (with a cap) after :meth:`verify`.
    compressed_body: bytes
    mac: str

    def verify(self, token_hash: str) -> bool:
        return hmac.compare_digest(self.mac, sign(self.compressed_body, token_hash))


def sign(body: bytes, token_hash: str) -> str:
    return hmac.new(token_hash.encode("ascii"), body, hashlib.sha256).hexdigest()


def write_bundle(
    path: Path, *, device_id: str, token: str, created_at: str, push_body: bytes
) -> None:
    """Write atomically (temp file + rename), so a pulled-out USB stick never holds half a file."""
    token_hash = hashlib.sha256(token.encode("utf-8")).hexdigest()
    compressed = gzip.compress(push_body, mtime=0)
    header = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "device_id": device_id,
        "created_at": created_at,
        "mac": sign(compressed, token_hash),
    }
    data = json.dumps(header).encode("utf-8") + b"\n" + compressed
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(path)


def read_bundle(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> Bundle:
    """The bundle's header and its still-compressed body (nothing is inflated here)."""
    unreadable = BundleError(
        f"Tệp {path.name} không phải là gói dữ liệu Hỗ trợ số hoặc đã bị hỏng.",
        f"{path.name} is not a Hỗ trợ số bundle, or it is damaged.",
    )
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise BundleError(
                f"Tệp {path.name} quá lớn ({size:,} byte; tối đa {max_bytes:,}).",
                f"{path.name} is too large ({size:,} bytes; at most {max_bytes:,}).",
            )
        with path.open("rb") as fh:
            head = fh.readline(MAX_HEADER_BYTES + 1)
            if head.startswith(b"\x1f\x8b"):  # version 1: one gzip stream
                raise BundleError(
                    f"Tệp {path.name} được tạo bởi phiên bản ứng dụng cũ. Hãy cập nhật ứng "
                    "dụng trên máy tình nguyện viên rồi tạo lại gói; mọi bản ghi vẫn còn trên "
                    "máy.",
                    f"{path.name} was made by an older version of the app. Update the app on "
                    "the volunteer's laptop and make the bundle again; every record is still "
                    "on that laptop.",
                )
            if len(head) > MAX_HEADER_BYTES or not head.endswith(b"\n"):
                raise unreadable
            body = fh.read(max_bytes)
    except FileNotFoundError:
        raise BundleError(f"Không thấy tệp {path}.", f"File not found: {path}.") from None
    except OSError:
        raise unreadable from None
    try:
        header = json.loads(head)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise unreadable from None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise unreadable
    if header.get("version") != FORMAT_VERSION:
        raise BundleError(
            f"Gói dữ liệu phiên bản {header.get('version')} chưa được hỗ trợ; "
            "hãy cập nhật máy chủ.",
            f"Bundle version {header.get('version')} is not supported; update the server.",
        )
    return Bundle(
        device_id=str(header.get("device_id", ""))[:64],
        created_at=str(header.get("created_at", ""))[:64],
        compressed_body=body,
        mac=str(header.get("mac", ""))[:128],
    )
