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

from sync.contract.wire import (
    API_PREFIX,
    WithdrawalOutcome,
    WithdrawalRequest,
    WithdrawalResponse,
    WithdrawalResult,
)
from sync.server import erasure, withdrawal
from sync.server.api.deps import Context, CurrentDevice

router = APIRouter(prefix=API_PREFIX, tags=["device"])


@router.post("/withdrawals", response_model=WithdrawalResponse)
def withdraw(body: WithdrawalRequest, device: CurrentDevice,
             context: Context) -> WithdrawalResponse:
    """Erase the personal data of these records of this device; one result per record."""
    # Its own transaction, committed before the database files are compacted (which cannot
    # run inside one) and before the laptop hears "erased".
    with context.sessions.begin() as session:
        outcomes = withdrawal.withdraw(session, device.id, [str(r) for r in body.record_ids],
                                       now=context.now(), via="network")
    if any(o is WithdrawalOutcome.ERASED for o in outcomes.values()):
        erasure.compact_storage(context.engine)
    return WithdrawalResponse(results=[
        WithdrawalResult(record_id=str(rid), outcome=outcomes[str(rid)])
        for rid in body.record_ids
    ])
