"""Filling a store with many generated records quickly, for benchmarks.

Bypasses the per-record repository path on purpose: 100,000 saves one by one would take
minutes; chunks of whole rows (each with its outbox and audit entries) take seconds.
"""

from __future__ import annotations

from collections.abc import Iterable

from desktop.store import Store
from desktop.store.record_rows import CREATE, insert_new_records
from sync.contract.record import AssistanceRecord

CHUNK = 5_000


def fill_store(
    store: Store,
    records: Iterable[AssistanceRecord],
    *,
    actor: str,
    sync_state: str = "local",
    chunk: int = CHUNK,
) -> int:
    """Insert ``records`` in transactions of ``chunk`` rows; returns how many were stored."""
    stored = 0
    batch: list[AssistanceRecord] = []
    for record in records:
        batch.append(record)
        if len(batch) == chunk:
            stored += _insert(store, batch, actor, sync_state)
            batch = []
    if batch:
        stored += _insert(store, batch, actor, sync_state)
    return stored


def _insert(store: Store, batch: list[AssistanceRecord], actor: str, sync_state: str) -> int:
    with store.session() as session:
        insert_new_records(
            session, batch, actor=actor, action=CREATE, at=store.clock(), sync_state=sync_state
        )
    return len(batch)
