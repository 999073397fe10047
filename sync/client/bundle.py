"""``export-bundle``: the whole outbox in one file for a USB stick, encrypted to the ward and
signed by this device (format: :mod:`sync.contract.bundle`).

Nothing is marked sent here: the ward imports the bundle (``hotroso-server import-bundle``)
with the push semantics, and at the laptop's next online sync the same items are pushed again
and answered ``already_had`` — that is how the laptop learns the outcome.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from sync.client.credentials import TokenStore
from sync.client.errors import NotEnrolled, SyncError
from sync.client.port import SyncStore
from sync.client.session import batch_body
from sync.contract.bundle import decode_key, write_bundle

#: Every unsent record: a bundle is one file, not one request, so the push cap does not apply.
BUNDLE_LIMIT = 10_000_000


def export_bundle(
    store: SyncStore,
    tokens: TokenStore,
    path: Path,
    *,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> int:
    """Write every unsent record to ``path`` (owner-only); returns how many.

    Raises:
        NotEnrolled: not enrolled, or enrolled before bundles were encrypted (no ward key or
            no signing key on this laptop): enrol again.
        SyncError: the file cannot be written.
    """
    enrolment = store.enrolment()
    token = tokens.load(enrolment.server_url, enrolment.device_id) if enrolment else None
    if enrolment is None or token is None:
        raise NotEnrolled(
            "Cần đăng ký máy với phường (một lần, khi có mạng) trước khi tạo gói dữ liệu.",
            "Enrol this laptop with the ward (once, while online) before making a bundle.",
        )
    signing = tokens.load_signing_key(enrolment.server_url, enrolment.device_id)
    try:
        ward_key = decode_key(enrolment.bundle_key or "")
        signing_key = decode_key(signing or "")
    except ValueError:
        raise NotEnrolled(
            "Máy này được đăng ký trước khi gói dữ liệu USB được mã hoá, nên chưa có khoá để "
            "tạo gói. Hãy xin cán bộ phường mã đăng ký mới và đăng ký lại (Cài đặt); đồng bộ "
            "qua mạng vẫn dùng được như cũ.",
            "This laptop was enrolled before USB bundles were encrypted, so it has no keys to "
            "make one. Ask ward staff for a new enrolment code and enrol again (Settings); "
            "syncing over the network works as before.",
        ) from None
    # As before a sync: records made before enrolment take the enrolment's device id.
    store.adopt_device_id(enrolment.device_id, at=clock())
    items = store.outgoing(BUNDLE_LIMIT)
    body = batch_body(str(uuid.uuid4()), items)
    withdrawn = store.pending_withdrawals()
    if withdrawn:
        # Consents withdrawn here travel too, so a laptop that only syncs by USB still has
        # the ward erase its copies (they stay pending: the next sync asks again, harmlessly).
        body = body[:-1] + b',"withdrawals":' + json.dumps(withdrawn).encode() + b"}"
    try:
        write_bundle(
            path,
            device_id=enrolment.device_id,
            created_at=clock().isoformat(),
            push_body=body,
            signing_key=signing_key,
            ward_key=ward_key,
        )
    except OSError as exc:
        raise SyncError(
            f"Không ghi được tệp {path}: {exc.strerror}.", f"Cannot write {path}: {exc.strerror}."
        ) from None
    return len(items)
