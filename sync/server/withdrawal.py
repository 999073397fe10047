"""A resident withdrew their consent on a laptop: erase the personal data of those records on
the ward server, as ``hotroso-server resident erase`` does. Reached over the network
(``POST /api/v1/withdrawals``) and through a USB bundle (``import-bundle``).

Only records the asking device owns are erased (``Record.owner_device_id``): a laptop cannot
erase another laptop's records, and the outcome says which ones it asked for in vain. The
erasure (every stored version, feed item and the resident index) is
:func:`sync.server.erasure.erase`, which also puts an ``erasure`` item in the feed so that every
other laptop holding a record erases it too at its next sync. Each call leaves one audit
entry naming the device and the records, never the personal data.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.contract.wire import WithdrawalOutcome
from sync.server import audit, erasure
from sync.server.models import Record

WITHDRAWAL_REASON = "người dân rút lại sự đồng ý / consent withdrawn (laptop)"


def withdraw(
    session: Session, device_id: str, record_ids: Sequence[str], *, now: datetime, via: str
) -> dict[str, WithdrawalOutcome]:
    """Erase what ``device_id`` owns of ``record_ids`` in the caller's transaction; returns
    the outcome of each id asked for. The caller compacts the database files after commit
    when anything was erased (:func:`sync.server.erasure.compact_storage`)."""
    asked = list(dict.fromkeys(str(rid) for rid in record_ids))
    owners = dict(session.execute(
        select(Record.id, Record.owner_device_id).where(Record.id.in_(asked))).all())
    outcomes = {
        rid: (WithdrawalOutcome.UNKNOWN if rid not in owners
              else WithdrawalOutcome.ERASED if owners[rid] == device_id
              else WithdrawalOutcome.REFUSED)
        for rid in asked
    }
    erased = [rid for rid, outcome in outcomes.items() if outcome is WithdrawalOutcome.ERASED]
    report = erasure.erase(session.connection(), erased,
                           erased_by=audit.device_actor(device_id),
                           reason=WITHDRAWAL_REASON, now=now)
    audit.record(session, audit.device_actor(device_id), "resident.withdraw", "", {
        "records": erased,
        "refused": [r for r, o in outcomes.items() if o is WithdrawalOutcome.REFUSED],
        "unknown": [r for r, o in outcomes.items() if o is WithdrawalOutcome.UNKNOWN],
        "versions": report.versions, "feed_items": report.feed_items, "via": via,
    }, at=now)
    return outcomes
