"""``import-bundle``: apply a laptop's USB bundle with exactly the push semantics.

Bounded like a push, in this order: the file's size, the device and the signature (over the
compressed body: nothing is inflated before it is known to come from that enrolled laptop),
then gzip inflation with a cap, the item count and item sizes, the fields, the contract. The
records are owned as in a push: the bundle's device may add records only in its own
neighbourhood and edit only records it owns. The daily quota does not apply: the ward itself
imports the file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sync.contract.bundle import BundleError, read_bundle
from sync.contract.wire import Outcome
from sync.server.checks import ReferenceCache
from sync.server.handlers import BadPush, apply_push, decode_push, inflate
from sync.server.models import Device
from sync.server.push import Sender, count_outcomes
from sync.server.settings import ServerSettings


@dataclass(frozen=True)
class BundleResult:
    device_id: str
    counts: dict[str, int]
    rejections: list[str]


def import_bundle(
    engine: Engine,
    path: Path,
    *,
    now: Callable[[], datetime],
    settings: ServerSettings | None = None,
) -> BundleResult:
    settings = settings or ServerSettings()
    bundle = read_bundle(path, max_bytes=settings.max_bundle_bytes)
    with Session(engine) as session:
        device = session.get(Device, bundle.device_id[:36])
        if device is None or device.token_hash is None:
            raise BundleError(
                f"Gói dữ liệu đến từ thiết bị {bundle.device_id} chưa đăng ký với phường này.",
                f"The bundle comes from device {bundle.device_id}, not enrolled with this ward.",
            )
        if device.revoked_at is not None:
            raise BundleError(
                "Thiết bị tạo gói dữ liệu này đã bị thu hồi; không nhận gói.",
                "The device that made this bundle has been revoked; the bundle is refused.",
            )
        if not bundle.verify(device.token_hash):
            raise BundleError(
                "Gói dữ liệu không đúng chữ ký của thiết bị (bị sửa hoặc hỏng).",
                "The bundle's signature does not match its device (altered or damaged).",
            )
        sender = Sender(device.id, device.neighbourhood_code)
    checker = ReferenceCache(engine, now).checker()
    try:
        body = inflate(bundle.compressed_body, "gzip", settings.max_bundle_inflated_bytes)
        decoded = decode_push(body, checker, max_items=settings.max_bundle_items)
    except BadPush as exc:
        raise BundleError(exc.message.message_vi, exc.message.message_en) from None
    outcome = apply_push(engine, decoded, sender=sender, now=now, via="bundle")
    rejections = [
        f"{r.record_id} rev {r.revision}: {r.reason.message_en if r.reason else '?'}"
        for r in outcome.results
        if r.outcome is Outcome.REJECTED
    ]
    return BundleResult(bundle.device_id, count_outcomes(outcome.results), rejections)
