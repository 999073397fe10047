"""``import-bundle``: apply a laptop's USB bundle with exactly the push semantics."""

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
from sync.server.handlers import BadPush, apply_push, decode_push
from sync.server.models import Device
from sync.server.push import count_outcomes


@dataclass(frozen=True)
class BundleResult:
    device_id: str
    counts: dict[str, int]
    rejections: list[str]


def import_bundle(engine: Engine, path: Path, *, now: Callable[[], datetime]) -> BundleResult:
    bundle = read_bundle(path)
    with Session(engine) as session:
        device = session.get(Device, bundle.device_id)
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
    checker = ReferenceCache(engine, now).checker()
    try:
        # A bundle may hold days of work: no per-request item cap (it is not a request).
        decoded = decode_push(bundle.body, checker, max_items=10**7)
    except BadPush as exc:
        raise BundleError(exc.message.message_vi, exc.message.message_en) from None
    outcome = apply_push(engine, decoded, device_id=bundle.device_id, now=now, via="bundle")
    rejections = [
        f"{r.record_id} rev {r.revision}: {r.reason.message_en if r.reason else '?'}"
        for r in outcome.results
        if r.outcome is Outcome.REJECTED
    ]
    return BundleResult(bundle.device_id, count_outcomes(outcome.results), rejections)
