"""Proposing resident pairs as records arrive, without slowing the laptops' sync.

Scoring a batch against the stored records costs about as much CPU as storing it (see
benchmarks/linkage_batch.py), so it does not run inside the push. Instead:

1. the transaction that changes a head (push, bundle import, staff correction or
   resolution: :func:`sync.server.derived.heads_changed`) also queues the record in
   ``linking_queue`` (:func:`queue_records`; one small insert per batch), so nothing is lost
   if the server stops before scoring;
2. after the push is answered, :class:`LinkingWorker` (one asyncio task of the server
   process) waits until pushes have been quiet for ``quiet_seconds`` and then drains the
   queue in batches of :data:`sync.server.derived.LINK_BATCH`, each batch its own
   transaction (:func:`link_queued`), checking for quiet again between batches; so a burst
   of pushes from a meeting's laptops is stored at full speed and scored right after. It
   also wakes every ``interval_seconds`` for what other write paths queued.

``hotroso-server duplicates`` still re-indexes everything (and so empties the queue).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime

from sqlalchemy import Connection, Engine, Row, Select, and_, delete, literal, or_, select, text
from sqlalchemy.dialects import postgresql, sqlite

from sync.server.erasure import erased_revisions
from sync.server.linkage import index_records, propose_for
from sync.server.linkage.models import LinkingQueue
from sync.server.models import Record, RecordVersion

log = logging.getLogger(__name__)
#: Heads read and scored per round when linking (the batch size the engine is measured at).
LINK_BATCH = 500
#: Records scored per transaction by the worker (a push waits at most for one of these).
DRAIN_BATCH = 100


#: Ids per INSERT … SELECT (SQLite binds at most 999 parameters per statement by default).
_QUEUE_CHUNK = 900


def queue_records(conn: Connection, record_ids: Iterable[str], *, now: datetime) -> None:
    """Queue these records for scoring (in the caller's transaction); a queued record's
    ``queued_at`` moves to ``now``."""
    ids = sorted(set(record_ids))
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    # One INSERT … SELECT per chunk of ids rather than a parameter set per row: a push queues
    # thousands of records, and per-row parameters cost more than the database's work.
    for start in range(0, len(ids), _QUEUE_CHUNK):
        chunk = ids[start : start + _QUEUE_CHUNK]
        statement = dialect.insert(LinkingQueue).from_select(
            ["record_id", "queued_at"],
            select(Record.id, literal(now, LinkingQueue.queued_at.type)).where(
                Record.id.in_(chunk)
            ),
        )
        conn.execute(
            statement.on_conflict_do_update(
                index_elements=["record_id"], set_={"queued_at": statement.excluded.queued_at}
            )
        )


def link_queued(conn: Connection, *, now: datetime, limit: int | None = None) -> int:
    """Score up to ``limit`` queued records (oldest first) against everything stored and
    take them off the queue; returns how many were taken. A record queued again meanwhile
    (a newer head) stays queued."""
    serialise_linking(conn)
    rows = conn.execute(
        select(LinkingQueue.record_id, LinkingQueue.queued_at)
        .order_by(LinkingQueue.queued_at, LinkingQueue.record_id)
        .limit(limit or LINK_BATCH)
    ).all()
    if not rows:
        return 0
    link_heads(conn, [r.record_id for r in rows], now=now)
    conn.execute(
        delete(LinkingQueue).where(
            or_(*(and_(LinkingQueue.record_id == r.record_id,
                       LinkingQueue.queued_at == r.queued_at) for r in rows))
        )
    )
    return len(rows)


#: The PostgreSQL advisory lock all scoring takes (an arbitrary constant of this app).
_LINKING_LOCK = 0x686F74726F736F


def serialise_linking(conn: Connection) -> None:
    """Wait until no other transaction is scoring, and keep others waiting until this one
    ends. The server's worker and ``hotroso-server duplicates`` may score at the same time;
    both write the resident index and the proposals, and on PostgreSQL two such transactions
    can deadlock. SQLite already lets one writer in at a time (``BEGIN IMMEDIATE``)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LINKING_LOCK})


def link_heads(conn: Connection, record_ids: Iterable[str], *, now: datetime) -> list[str]:
    """Index the heads of ``record_ids`` and propose pairs for them against everything stored
    (blocking keys: the cost follows the batch, not the records stored); returns the ids
    indexed. Records whose resident's data was erased leave the index; ids that are not
    records are ignored."""
    serialise_linking(conn)
    ids = sorted({str(r) for r in record_ids if r})
    indexed: list[str] = []
    for start in range(0, len(ids), LINK_BATCH):
        chunk = ids[start : start + LINK_BATCH]
        rows = conn.execute(heads_query().where(Record.id.in_(chunk))).all()
        indexed += link_rows(conn, rows, now)
    return indexed


def heads_query() -> Select[str, str]:
    return select(Record.id, RecordVersion.payload).join(
        RecordVersion,
        (RecordVersion.record_id == Record.id)
        & (RecordVersion.revision == Record.head_revision)
        & (RecordVersion.content_hash == Record.head_hash),
    )


def link_rows(conn: Connection, rows: Sequence[Row[str, str]], now: datetime
               ) -> list[str]:
    erased = erased_revisions(conn, [r.id for r in rows])
    heads = [(r.id, None if r.id in erased else json.loads(r.payload)) for r in rows]
    result = index_records(conn, heads, now=now)
    propose_for(conn, result.indexed, now)
    return result.indexed


def drain(engine: Engine, now: Callable[[], datetime], *, keep_going: Callable[[], bool]
          = lambda: True, batch: int = LINK_BATCH) -> int:
    """Empty the queue batch by batch (each batch its own transaction) while
    ``keep_going()``; returns how many records were scored."""
    done = 0
    while keep_going():
        with engine.begin() as conn:
            taken = link_queued(conn, now=now(), limit=batch)
        if not taken:
            break
        done += taken
    return done


class LinkingWorker:
    """Scores queued records after the pushes that brought them were answered."""

    def __init__(self, engine: Engine, now: Callable[[], datetime], *,
                 quiet_seconds: float = 1.0, interval_seconds: float = 30.0,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self.engine = engine
        self.now = now
        self.quiet_seconds = quiet_seconds
        self.interval_seconds = interval_seconds
        self._monotonic = monotonic
        self._last_push = float("-inf")
        self._pushing = 0
        self._wake: asyncio.Event | None = None

    def push_started(self) -> None:
        """A push arrived (call on the event loop): no scoring starts while it runs."""
        self._pushing += 1
        self._last_push = self._monotonic()

    def pushed(self) -> None:
        """A push was answered or failed (call on the event loop, once per
        :meth:`push_started`): score its records once pushes pause."""
        self._pushing = max(0, self._pushing - 1)
        self._last_push = self._monotonic()
        if self._wake is not None:
            self._wake.set()

    def _quiet(self) -> bool:
        return not self._pushing and (
            self._monotonic() - self._last_push >= self.quiet_seconds)

    async def run(self) -> None:
        """Run until cancelled (the server's lifespan starts and cancels it)."""
        from starlette.concurrency import run_in_threadpool

        self._wake = asyncio.Event()
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.interval_seconds)
            self._wake.clear()
            while not self._quiet():
                await asyncio.sleep(max(0.05, self.quiet_seconds - (
                    self._monotonic() - self._last_push)))
            # Small batches: on SQLite a batch's transaction holds the write lock, which a
            # push arriving meanwhile waits for.
            try:
                scored = await run_in_threadpool(drain, self.engine, self.now,
                                                 keep_going=self._quiet, batch=DRAIN_BATCH)
            except Exception:  # a bug must not stop the proposals for good: log, go on
                log.exception("scoring queued records for resident proposals failed")
                continue
            if scored:
                log.info("resident proposals: %d queued records scored", scored)
            if not self._quiet():
                self._wake.set()  # pushes came in between two batches: finish after them
