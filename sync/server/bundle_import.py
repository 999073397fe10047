"""``import-bundle``: apply a laptop's USB bundle with exactly the push semantics.

Nothing of the bundle is decrypted or inflated before its signature is checked against the
public key the device sent at enrolment (see :mod:`sync.contract.bundle`); the file size and
the inflated size are capped, then the item count and sizes, the fields, the contract. The
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

from sync.contract.bundle import BundleError, decode_key, read_bundle
from sync.contract.wire import Outcome, WithdrawalOutcome
from sync.server import erasure, withdrawal
from sync.server.bundle_key import WardKey
from sync.server.checks import ReferenceCache
from sync.server.handlers import BadPush, apply_push, decode_push
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
    ward_key: WardKey,
    now: Callable[[], datetime],
    settings: ServerSettings | None = None,
) -> BundleResult:
    settings = settings or ServerSettings()
    sealed = read_bundle(path, max_bytes=settings.max_bundle_bytes)
    with Session(engine) as session:
        device = session.get(Device, sealed.device_id[:36])
        if device is None or device.enrolled_at is None:
            raise BundleError(
                f"Gói dữ liệu đến từ thiết bị {sealed.device_id}, chưa đăng ký với phường này.",
                f"The bundle comes from device {sealed.device_id}, not enrolled with this ward.",
            )
        if device.revoked_at is not None:
            raise BundleError(
                "Thiết bị tạo gói dữ liệu này đã bị thu hồi; không nhận gói.",
                "The device that made this bundle has been revoked; the bundle is refused.",
            )
        if device.signing_public_key is None:
            raise BundleError(
                "Thiết bị này đăng ký trước khi gói dữ liệu được mã hoá và ký, nên phường không "
                "có khoá để kiểm tra gói của nó. Hãy cấp mã đăng ký mới cho máy đó và đăng ký "
                "lại; đồng bộ qua mạng vẫn dùng được.",
                "This device was enrolled before bundles were encrypted and signed, so the ward "
                "has no key to check its bundles with. Issue it a new enrolment code and enrol "
                "it again; syncing over the network still works.",
            )
        public_key = decode_key(device.signing_public_key)
        sender = Sender(device.id, device.neighbourhood_code)
    body = sealed.open(device_public_key=public_key, ward_private_key=ward_key.private,
                       max_inflated=settings.max_bundle_inflated_bytes)
    checker = ReferenceCache(engine, now).checker()
    try:
        decoded = decode_push(body, checker, max_items=settings.max_bundle_items,
                              with_withdrawals=True)
    except BadPush as exc:
        raise BundleError(exc.message.message_vi, exc.message.message_en) from None
    outcome = apply_push(engine, decoded, sender=sender, now=now, via="bundle")
    withdrawn: dict[str, WithdrawalOutcome] = {}
    if decoded.withdrawals:
        # Consent withdrawn on a laptop that syncs by USB: erased here as over the network
        # (after the push, so the versions in this very bundle are erased too).
        with Session(engine) as session, session.begin():
            withdrawn = withdrawal.withdraw(session, sender.id, decoded.withdrawals, now=now(),
                                            via="bundle")
        if WithdrawalOutcome.ERASED in withdrawn.values():
            erasure.compact_storage(engine)
    rejections = [
        f"{r.record_id} rev {r.revision}: {r.reason.message_en if r.reason else '?'}"
        for r in outcome.results
        if r.outcome is Outcome.REJECTED
    ]
    counts = count_outcomes(outcome.results)
    if withdrawn:
        counts["withdrawn"] = sum(o is WithdrawalOutcome.ERASED for o in withdrawn.values())
    return BundleResult(sealed.device_id, counts, rejections)
