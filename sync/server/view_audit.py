"""Who viewed which records of personal data over the staff API (Luật 91/2025: the controller
knows who saw what). Each GET of records writes one audit entry in the request's transaction,
so a view is never answered without its entry. The entry names the records shown and the
filters used, never a number or name searched for: a search term is itself personal data.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from sync.server import audit
from sync.server.models import User


def record_view(session: Session, user: User, action: str, record_ids: Iterable[str], *,
                at: datetime, filters: Mapping[str, Any] | None = None) -> None:
    """Append ``action`` (``record.view``, ``records.list`` …) by ``user`` for these records.

    ``filters`` hold only the non-personal query parameters (states, flags, paging)."""
    shown = list(record_ids)
    audit.record(session, audit.user_actor(user.username), action,
                 shown[0] if len(shown) == 1 else "",
                 {"records": shown, **({"filters": dict(filters)} if filters else {})}, at=at)
