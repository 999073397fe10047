"""A resident withdrew their consent on a laptop: the laptop asks the ward to erase the
personal data of those records, as ``hotroso-server resident erase`` does.

Only records the calling device owns are erased (``Record.owner_device_id``): a laptop cannot
erase another laptop's records, and the answer says which ones it asked for in vain. The
erasure (every stored version, feed item and the resident index) is
:func:`sync.server.erasure.erase`, which also puts an ``erasure`` item in the feed so that
another laptop holding a record (after a hand-over) erases it too at its next sync. Each
request leaves one audit entry, naming the device and the records, never the personal data.
"""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import select

from sync.contract.wire import (
    API_PREFIX,
    WithdrawalOutcome,
    WithdrawalRequest,
    WithdrawalResponse,
    WithdrawalResult,
)
from sync.server import audit, erasure
from sync.server.api.deps import Context, CurrentDevice
from sync.server.models import Record

router = APIRouter(prefix=API_PREFIX, tags=["device"])

WITHDRAWAL_REASON = "người dân rút lại sự đồng ý / consent withdrawn (laptop)"


@router.post("/withdrawals", response_model=WithdrawalResponse)
def withdraw(body: WithdrawalRequest, device: CurrentDevice,
             context: Context) -> WithdrawalResponse:
    """Erase the personal data of these records of this device; one result per record."""
    asked = list(dict.fromkeys(str(rid) for rid in body.record_ids))
    now = context.now()
    # Its own transaction, committed before the database files are compacted (which cannot
    # run inside one) and before the laptop hears "erased".
    with context.sessions.begin() as session:
        owners = dict(session.execute(
            select(Record.id, Record.owner_device_id).where(Record.id.in_(asked))).all())
        outcomes = {
            rid: (WithdrawalOutcome.UNKNOWN if rid not in owners
                  else WithdrawalOutcome.ERASED if owners[rid] == device.id
                  else WithdrawalOutcome.REFUSED)
            for rid in asked
        }
        erased = [rid for rid, outcome in outcomes.items() if outcome is WithdrawalOutcome.ERASED]
        report = erasure.erase(session.connection(), erased,
                               erased_by=audit.device_actor(device.id),
                               reason=WITHDRAWAL_REASON, now=now)
        audit.record(session, audit.device_actor(device.id), "resident.withdraw", "", {
            "records": erased,
            "refused": [r for r, o in outcomes.items() if o is WithdrawalOutcome.REFUSED],
            "unknown": [r for r, o in outcomes.items() if o is WithdrawalOutcome.UNKNOWN],
            "versions": report.versions, "feed_items": report.feed_items,
        }, at=now)
    if erased:
        erasure.compact_storage(context.engine)
    return WithdrawalResponse(results=[
        WithdrawalResult(record_id=str(rid), outcome=outcomes[str(rid)])
        for rid in body.record_ids
    ])
