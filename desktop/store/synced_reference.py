"""The reference data the ward last sent, as the store keeps it (one row of ``sync_cursors``).

Below both :mod:`desktop.store.database` (which installs it when the store opens) and
:mod:`desktop.store.sync_state` (which writes it when a sync brings a new version), so that
neither has to import the other.
"""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.store.models import SyncCursorRow
from sync.contract.reference import ReferenceData, ReferenceDataError

#: The ``sync_cursors`` row holding the ward's reference documents (JSON).
REFERENCE = "sync.reference"


def synced_reference(session: Session) -> ReferenceData | None:
    """The ward's reference data held by this store, or None (never synced, or unreadable)."""
    raw = session.scalar(select(SyncCursorRow.value).where(SyncCursorRow.name == REFERENCE))
    if not raw:
        return None
    try:
        data = json.loads(raw)
        return ReferenceData.from_documents(data["documents"])
    except (ValueError, ReferenceDataError, KeyError, TypeError):
        return None
