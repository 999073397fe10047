"""Request handling that is not HTTP plumbing: inflating and decoding a push body, applying it.

Kept apart from the FastAPI routes so that ``import-bundle`` runs exactly the same code.

A push is bounded at every step before the next one costs anything: the body as sent (the
ASGI middleware), the body inflated (gzip stops at the cap), the number of items and the size
of each item (a pre-scan that parses one item at a time and stops at the first item over the
count), then each field (the record model's bounds, checked in Rust), and only then the
contract's validation.
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError
from sqlalchemy import Engine, update
from sqlalchemy.exc import IntegrityError

from sync.contract.record import MAX_REVISION, AssistanceRecord
from sync.contract.wire import MAX_BATCH_ITEMS, MAX_BODY_BYTES, MAX_ITEM_BYTES, Message, Outcome
from sync.server import quota as quotas
from sync.server.checks import RecordCheck
from sync.server.derived import answered_comments, heads_changed
from sync.server.messages import bad_body, message, too_large
from sync.server.models import Device
from sync.server.push import (
    ItemResult,
    ParsedItem,
    Sender,
    accept_record,
    apply_items,
    count_outcomes,
    parse_item,
    rejected_item,
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
    base_revision: int = Field(default=0, ge=0, le=MAX_REVISION, strict=True)
    record: AssistanceRecord


class _FastBody(BaseModel):
    batch_id: str = ""
    items: list[_FastItem]


_FAST_BODY = TypeAdapter(_FastBody)
#: Withdrawn record ids one bundle may carry (a laptop's pending ones; each is a few bytes).
MAX_BUNDLE_WITHDRAWALS = 10_000


@dataclass(frozen=True)
class DecodedPush:
    batch_id: str
    items: list[ParsedItem]
    #: Record ids whose consent was withdrawn on the laptop (bundles only; see ``decode_push``).
    withdrawals: list[str] = field(default_factory=list)


class Inflater:
    """Gunzip (or pass through) a body fed chunk by chunk, never holding more than ``limit``
    inflated bytes: a small zip bomb stops at the cap, not in the server's memory."""

    def __init__(self, content_encoding: str | None, limit: int = MAX_BODY_BYTES) -> None:
        encoding = (content_encoding or "identity").strip().lower()
        if encoding not in ("identity", "gzip"):
            raise BadPush(415, bad_body(f"unsupported Content-Encoding {encoding!r}"))
        self._inflater = zlib.decompressobj(16 + zlib.MAX_WBITS) if encoding == "gzip" else None
        self._limit = limit
        self._out = bytearray()

    def feed(self, chunk: bytes) -> None:
        if self._inflater is None:
            self._out += chunk
        else:
            # At most 1 MiB at a time: the inflated piece is copied into the buffer, and a
            # piece as large as the cap would be held twice over for a moment.
            pending = chunk
            while pending:
                room = min(self._limit + 1 - len(self._out), _INFLATE_STEP)
                try:
                    self._out += self._inflater.decompress(pending, room)
                except zlib.error as exc:
                    raise BadPush(400, bad_body(f"gzip: {exc}")) from None
                pending = self._inflater.unconsumed_tail
                if len(self._out) > self._limit:
                    self._too_large()
        if len(self._out) > self._limit:
            self._too_large()

    def finish(self) -> bytes:
        return bytes(self._finished())

    def text(self) -> str:
        """The body as text, decoded straight from the buffer (which is then released): a
        body near the cap is never held three times over."""
        buffer = self._finished()
        self._out = bytearray()
        try:
            return buffer.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise BadPush(
                400, bad_body(f"not UTF-8 ({exc.reason} at byte {exc.start})")
            ) from None

    def _finished(self) -> bytearray:
        if self._inflater is not None:
            if not self._inflater.eof:
                raise BadPush(400, bad_body("the gzip stream is truncated"))
            if self._inflater.unused_data:
                raise BadPush(400, bad_body("data after the end of the gzip stream"))
        return self._out

    def _too_large(self) -> None:
        self._out = bytearray()
        raise BadPush(413, too_large("decompressed body", self._limit))


def inflate(raw: bytes, content_encoding: str | None, limit: int = MAX_BODY_BYTES) -> bytes:
    """Gunzip a whole body with the cap (see :class:`Inflater`)."""
    inflater = Inflater(content_encoding, limit)
    inflater.feed(raw)
    return inflater.finish()


_INFLATE_STEP = 1024 * 1024
_SPACE = re.compile(r"[ \t\n\r]*")
_WHITESPACE = frozenset(" \t\n\r")
_DECODER = json.JSONDecoder()


def prescan(
    text: str, *, max_items: int, withdrawals: list[str] | None = None
) -> tuple[str, list[tuple[Any, int]]]:
    """``(batch_id, [(item, its JSON length)…])`` of a push body, parsed one item at a time.

    The count is checked as items are read, so a body of millions of tiny items stops at
    item ``max_items + 1`` (413) instead of becoming millions of objects in memory.
    Unknown top-level keys are refused before their value is parsed.
    """
    scan: Callable[[str, int], tuple[Any, int]] = _DECODER.scan_once  # type: ignore[attr-defined]
    end = len(text)

    def skip(i: int) -> int:
        match = _SPACE.match(text, i)
        assert match is not None
        return match.end()

    def expect(i: int, chars: str, what: str) -> int:
        i = skip(i)
        if i >= end or text[i] not in chars:
            raise BadPush(400, bad_body(f"expected {what} at character {i}"))
        return i

    def value(i: int) -> tuple[Any, int]:
        try:
            return scan(text, i)
        except StopIteration:
            raise BadPush(400, bad_body(f"not JSON at character {i}")) from None
        except (json.JSONDecodeError, RecursionError) as exc:
            raise BadPush(400, bad_body(f"not JSON ({exc})")) from None

    batch_id: Any = ""
    items: list[tuple[Any, int]] | None = None
    i = expect(0, "{", '{"batch_id": …, "items": […]}') + 1
    i = skip(i)
    if i < end and text[i] == "}":
        raise BadPush(400, bad_body('expected an object {"batch_id": ..., "items": [...]}'))
    while True:
        i = expect(i, '"', "a key")
        key, i = value(i)
        i = expect(i, ":", "':'") + 1
        if key == "items" and items is None:
            items = []
            i = expect(i, "[", "the list of items") + 1
            i = skip(i)
            if i < end and text[i] == "]":
                i += 1
            else:
                # The hot loop of a push, one pass per item: no regex or helper call unless
                # there is whitespace or an error (a client's compact JSON has none).
                append = items.append
                while True:
                    start = skip(i) if i < end and text[i] in _WHITESPACE else i
                    try:
                        item, i = scan(text, start)
                    except StopIteration:
                        raise BadPush(400, bad_body(f"not JSON at character {start}")) from None
                    except (json.JSONDecodeError, RecursionError) as exc:
                        raise BadPush(400, bad_body(f"not JSON ({exc})")) from None
                    append((item, i - start))
                    if len(items) > max_items:
                        raise BadPush(413, too_large(f"more than {max_items} items", max_items))
                    if i < end and text[i] == ",":
                        i += 1
                        continue
                    i = expect(i, ",]", "',' or ']' in the list of items") + 1
                    if text[i - 1] == "]":
                        break
        elif key == "batch_id":
            batch_id, i = value(skip(i))
        elif key == "withdrawals" and withdrawals is not None and not withdrawals:
            listed, i = value(skip(i))
            if not (isinstance(listed, list) and len(listed) <= MAX_BUNDLE_WITHDRAWALS
                    and all(isinstance(r, str) and 0 < len(r) <= 36 for r in listed)):
                raise BadPush(400, bad_body("withdrawals must be a list of record ids"))
            withdrawals.extend(listed)
        else:
            raise BadPush(400, bad_body(f"unexpected key {str(key)[:40]!r} in the push body"))
        i = expect(i, ",}", "',' or '}'") + 1
        if text[i - 1] == "}":
            break
    if skip(i) != end:
        raise BadPush(400, bad_body(f"data after the push body at character {skip(i)}"))
    if items is None:
        raise BadPush(400, bad_body('expected an object {"batch_id": ..., "items": [...]}'))
    return (batch_id if isinstance(batch_id, str) else str(batch_id))[:64], items


def decode_push(
    data: bytes | str,
    check: RecordCheck | None,
    *,
    max_items: int = MAX_BATCH_ITEMS,
    max_item_bytes: int = MAX_ITEM_BYTES,
    with_withdrawals: bool = False,
) -> DecodedPush:
    """Parse and check every item of a push body.

    First the pre-scan (item count, item sizes). Then the fast path: pydantic validates the
    whole body straight from the JSON text (in Rust). If any item is malformed that fails as
    a whole, and the slow path checks the pre-scanned items one by one so that each bad one
    gets its own rejection and the good ones still go through. An item over
    ``max_item_bytes`` is rejected before any validation.
    """
    if isinstance(data, str):
        text = data
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise BadPush(
                400, bad_body(f"not UTF-8 ({exc.reason} at byte {exc.start})")
            ) from None
    del data
    withdrawn: list[str] | None = [] if with_withdrawals else None
    batch_id, scanned = prescan(text, max_items=max_items, withdrawals=withdrawn)
    if all(size <= max_item_bytes for _, size in scanned):
        try:
            fast = _FAST_BODY.validate_json(text)
        except ValidationError:
            pass
        else:
            return DecodedPush(
                batch_id,
                [
                    accept_record(i, it.base_revision, it.record, check)
                    for i, it in enumerate(fast.items)
                ],
                withdrawn or [],
            )
    del text
    return DecodedPush(
        batch_id,
        [
            parse_item(i, raw, check)
            if size <= max_item_bytes
            else _oversized(i, raw, size, max_item_bytes)
            for i, (raw, size) in enumerate(scanned)
        ],
        withdrawn or [],
    )


def _oversized(index: int, raw: Any, size: int, limit: int) -> ParsedItem:
    record = raw.get("record") if isinstance(raw, dict) else None
    rid = record.get("id") if isinstance(record, dict) else None
    return rejected_item(
        index,
        rid if isinstance(rid, str) and len(rid) <= 64 else None,
        None,
        message(
            "item_too_large",
            f"Bản ghi quá lớn ({size:,} byte; tối đa {limit:,}). Hãy rút gọn ghi chú hoặc "
            "địa chỉ rồi gửi lại.",
            f"The record is too large ({size:,} bytes; at most {limit:,}). Shorten its notes "
            "or address, then send it again.",
        ),
    )


def apply_push(
    engine: Engine,
    push: DecodedPush,
    *,
    sender: Sender,
    now: Callable[[], datetime],
    via: str = "push",
    quota: quotas.DailyQuota | None = None,
) -> PushOutcome:
    """Apply a decoded push in one transaction.

    Two pushes carrying the same new record can race between our SELECT and INSERT; the loser
    gets an IntegrityError, and simply running it again sees the winner's rows and answers
    ``already_had`` or ``conflict`` as it should.

    Raises:
        quota.QuotaExceeded: over the device's daily quota; nothing was stored.
    """
    for attempt in range(3):
        try:
            with engine.begin() as conn:
                at = now()
                results = apply_items(
                    conn, push.items, sender=sender, now=at, via=via, quota=quota
                )
                accepted = [r.record_id for r in results
                            if r.outcome is Outcome.ACCEPTED and r.record_id]
                heads_changed(conn, accepted, now=at)
                answered_comments(conn, accepted, now=at)
                conn.execute(update(Device).where(Device.id == sender.id).values(last_seen_at=at))
            return PushOutcome(push.batch_id, results)
        except IntegrityError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def gzip_bytes(data: bytes) -> bytes:
    # Level 1: on a LAN the CPU is the bottleneck, and level 1 already gets most of the gain.
    return gzip.compress(data, compresslevel=1, mtime=0)
