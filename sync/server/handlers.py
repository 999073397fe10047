"""Request handling that is not HTTP plumbing: decoding a push body and applying it.

Kept apart from the FastAPI routes so that ``import-bundle`` runs exactly the same code.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError
from sqlalchemy import Engine, update
from sqlalchemy.exc import IntegrityError

from sync.contract.record import AssistanceRecord
from sync.contract.wire import MAX_BATCH_ITEMS, MAX_BODY_BYTES, Message
from sync.server.checks import RecordCheck
from sync.server.messages import bad_body, too_large
from sync.server.models import Device
from sync.server.push import (
    ItemResult,
    ParsedItem,
    accept_record,
    apply_items,
    count_outcomes,
    parse_item,
)


class BadPush(Exception):
    """The push as a whole cannot be read (the client's mistake: answered with 4xx)."""

    def __init__(self, status: int, message: Message) -> None:
        super().__init__(message.message_en)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class PushOutcome:
    batch_id: str
    results: list[ItemResult]

    def to_json(self) -> bytes:
        body = {
            "batch_id": self.batch_id,
            "results": [r.to_wire() for r in self.results],
            "counts": count_outcomes(self.results),
        }
        return json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


class _FastItem(BaseModel):
    model_config = ConfigDict(extra="forbid")
    base_revision: int = Field(default=0, ge=0, strict=True)
    record: AssistanceRecord


class _FastBody(BaseModel):
    batch_id: str = ""
    items: list[_FastItem]


_FAST_BODY = TypeAdapter(_FastBody)


@dataclass(frozen=True)
class DecodedPush:
    batch_id: str
    items: list[ParsedItem]


def inflate(raw: bytes, content_encoding: str | None) -> bytes:
    """Gunzip with a cap, so that a small zip bomb cannot exhaust the server's memory."""
    encoding = (content_encoding or "identity").strip().lower()
    if encoding == "identity":
        if len(raw) > MAX_BODY_BYTES:
            raise BadPush(413, too_large("body", MAX_BODY_BYTES))
        return raw
    if encoding != "gzip":
        raise BadPush(415, bad_body(f"unsupported Content-Encoding {encoding!r}"))
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        data = inflater.decompress(raw, MAX_BODY_BYTES + 1)
    except zlib.error as exc:
        raise BadPush(400, bad_body(f"gzip: {exc}")) from None
    if len(data) > MAX_BODY_BYTES or inflater.unconsumed_tail:
        raise BadPush(413, too_large("decompressed body", MAX_BODY_BYTES))
    if not inflater.eof:
        raise BadPush(400, bad_body("the gzip stream is truncated"))
    return data


def decode_push(
    data: bytes, check: RecordCheck | None, *, max_items: int = MAX_BATCH_ITEMS
) -> DecodedPush:
    """Parse and check every item of a push body.

    Fast path: pydantic validates the whole body straight from the JSON bytes (in Rust).
    If any item is malformed that fails as a whole, and the slow path parses item by item so
    that each bad one gets its own rejection and the good ones still go through.
    """
    try:
        body = _FAST_BODY.validate_json(data)
    except ValidationError:
        return _decode_slowly(data, check, max_items)
    if len(body.items) > max_items:
        raise BadPush(413, too_large(f"{len(body.items)} items", max_items))
    return DecodedPush(
        body.batch_id,
        [accept_record(i, it.base_revision, it.record, check) for i, it in enumerate(body.items)],
    )


def _decode_slowly(data: bytes, check: RecordCheck | None, max_items: int) -> DecodedPush:
    try:
        parsed = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadPush(400, bad_body(f"not JSON ({exc})")) from None
    if not isinstance(parsed, dict) or not isinstance(parsed.get("items"), list):
        raise BadPush(400, bad_body('expected an object {"batch_id": ..., "items": [...]}'))
    if len(parsed["items"]) > max_items:
        raise BadPush(413, too_large(f"{len(parsed['items'])} items", max_items))
    return DecodedPush(
        str(parsed.get("batch_id") or ""),
        [parse_item(i, raw, check) for i, raw in enumerate(parsed["items"])],
    )


def apply_push(
    engine: Engine,
    push: DecodedPush,
    *,
    device_id: str | None,
    now: Callable[[], datetime],
    via: str = "push",
) -> PushOutcome:
    """Apply a decoded push in one transaction.

    Two pushes carrying the same new record can race between our SELECT and INSERT; the loser
    gets an IntegrityError, and simply running it again sees the winner's rows and answers
    ``already_had`` or ``conflict`` as it should.
    """
    for attempt in range(3):
        try:
            with engine.begin() as conn:
                at = now()
                results = apply_items(conn, push.items, device_id=device_id, now=at, via=via)
                if device_id is not None:
                    conn.execute(
                        update(Device).where(Device.id == device_id).values(last_seen_at=at)
                    )
            return PushOutcome(push.batch_id, results)
        except IntegrityError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def gzip_bytes(data: bytes) -> bytes:
    # Level 1: on a LAN the CPU is the bottleneck, and level 1 already gets most of the gain.
    return gzip.compress(data, compresslevel=1, mtime=0)
