"""The staff client's review queue (``GET /api/v1/queue``): filtered and searched on the
server, a page at a time, with the total that matches (Qt-free; the GUI calls it through
``desktop.app.queue`` on the network worker)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sync.client.staff import RecordSummary, StaffClient


@dataclass(frozen=True)
class QueueFilters:
    """What the queue shows; ``None`` / empty: no filter on that."""

    review_states: tuple[str, ...] = ()
    flagged: bool | None = None
    neighbourhood: str | None = None
    volunteer: str | None = None
    category: str | None = None
    result: str | None = None
    assisted_from: date | None = None
    assisted_to: date | None = None
    #: The search box: folded words of the name (any order), or a phone / CCCD number.
    search: str = ""

    def params(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.review_states:
            out["review_state"] = list(self.review_states)
        if self.flagged is not None:
            out["flagged"] = "true" if self.flagged else "false"
        for name in ("neighbourhood", "volunteer", "category", "result"):
            value = getattr(self, name)
            if value:
                out[name] = value
        if self.assisted_from is not None:
            out["assisted_from"] = self.assisted_from.isoformat()
        if self.assisted_to is not None:
            out["assisted_to"] = self.assisted_to.isoformat()
        if self.search.strip():
            out["q"] = self.search.strip()[:100]
        return out


@dataclass(frozen=True)
class QueuePage:
    items: list[RecordSummary] = field(default_factory=list)
    total: int = 0


class QueueClient:
    """The review-queue requests of one signed-in staff client (sent through its one
    request method: session token, idle sign-out and error body in one place)."""

    def __init__(self, staff: StaffClient) -> None:
        self.staff = staff

    def page(self, filters: QueueFilters, *, limit: int = 100, offset: int = 0) -> QueuePage:
        data = self.staff._send("GET", "/queue",
                                params={**filters.params(), "limit": limit, "offset": offset})
        return QueuePage([RecordSummary.from_json(item) for item in data["items"]],
                         int(data["total"]))
