"""Staff mode's review queue as the GUI uses it (filtered and searched on the ward server)."""

from __future__ import annotations

from sync.client.queue import QueueClient, QueueFilters, QueuePage

__all__ = ["QueueClient", "QueueFilters", "QueuePage"]
