"""Resident matching at scale: one 500-record batch scored against 10,000 and 1,000,000 stored
records on PostgreSQL (run on demand; prints a table).

    python benchmarks/linkage_batch.py [--sizes 10000,1000000] [--batch 500] [--repeat 5]
                                       [--keep /tmp/linkage-bench] [--db postgresql://…]

Without --db a PostgreSQL 15 cluster is started as the tests start one, with shared_buffers
1 GB (what a server holding a million records is given, instead of the 128 MB default), one
database per size; it is removed at the end unless --keep names a folder to reuse (loading
1,000,000 records takes ~8 minutes).

The stored records are generated with desktop/testdata (realistic names, phones, CCCDs) and
bulk-loaded with COPY into exactly the tables the engine reads: records, record_versions (the
canonical JSON payloads), resident_profiles, resident_keys and resident_name_counts. The batch
is 400 new residents plus 100 new records of stored residents (their names varied as
volunteers vary them), so it makes real proposals.

Each measurement runs index_records + propose_for in a transaction that is rolled back, so
every repetition sees the same stored state; the median (and the fastest run: the machine is
shared) is reported. Targets (issue 11): under 0.5 s per batch, and the 1,000,000 figure under
2x the 10,000 one.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sqlalchemy import Engine, text  # noqa: E402

from desktop.testdata.generate import generate_records  # noqa: E402
from desktop.testdata.residents import vary_name  # noqa: E402
from sync.server.db import create_server_engine  # noqa: E402
from sync.server.linkage import index_records, propose_for  # noqa: E402
from sync.server.linkage.frequency import TOTAL  # noqa: E402
from sync.server.linkage.keys import name_parts, stored_keys  # noqa: E402
from sync.server.linkage.profile import profile_from_payload, profile_row  # noqa: E402
from sync.server.migrate import upgrade  # noqa: E402
from sync.server.push import canonical_json, content_hash  # noqa: E402
from tests.sync.ward import (  # noqa: E402
    PG_BIN,
    PgCluster,
    _as_postgres,
    free_port,
    postgres_missing_reason,
)

TODAY = date(2025, 9, 1)
NOW = datetime(2025, 9, 1, 3, 0, tzinfo=UTC)
CHUNK = 50_000
PROFILE_COLUMNS = (
    "record_id", "name", "name_key", "birth_date", "birth_year", "gender", "cccd", "cmnd",
    "phone", "neighbourhood", "address", "category", "assisted_on", "indexed_at",
)  # fmt: skip


def _records(count: int, seed: int) -> Iterator[tuple[dict[str, Any], str]]:
    """(wire dict, canonical JSON payload) of generated records."""
    for record in generate_records(
        count, seed=seed, today=TODAY, device_id=f"bench-{seed}", volunteer_name="Trần Thị Lan"
    ):
        yield record.to_wire(), canonical_json(record)


class Loader:
    """COPY generated records and the matcher's index rows into the ward database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.counts: Counter[tuple[str, str]] = Counter()
        self.loaded = 0
        self.keys = 0

    def load(self, records: Iterator[tuple[dict[str, Any], str]], total: int) -> float:
        started = time.perf_counter()
        raw = self.engine.raw_connection()
        try:
            cursor = raw.cursor()
            cursor.execute("ALTER TABLE resident_keys DROP CONSTRAINT IF EXISTS resident_keys_pkey")
            batch: list[tuple[dict[str, Any], str]] = []
            for record in records:
                batch.append(record)
                if len(batch) == CHUNK:
                    self._copy(cursor, batch)
                    batch = []
                    print(f"  loaded {self.loaded:,}/{total:,} records", end="\r", flush=True)
            if batch:
                self._copy(cursor, batch)
            cursor.execute("DELETE FROM resident_name_counts")
            with cursor.copy(
                "COPY resident_name_counts (part, value, records) FROM STDIN"
            ) as copy:
                for (part, value), records_ in self.counts.items():
                    copy.write_row((part, value, records_))
            print(f"  loaded {self.loaded:,} records, {self.keys:,} keys; indexing…", flush=True)
            cursor.execute("ALTER TABLE resident_keys ADD PRIMARY KEY (key, record_id)")
            raw.commit()
            # What autovacuum does to a server's tables after a bulk load: statistics, and
            # the visibility map that lets key lookups read the index alone.
            # On the driver's connection: the pool's wrapper would only keep the attribute.
            driver = raw.driver_connection
            assert driver is not None
            driver.autocommit = True
            driver.execute("VACUUM (ANALYZE)")
            driver.autocommit = False  # back to the pool as it came, in transactions
        finally:
            raw.close()
        return time.perf_counter() - started

    def _copy(self, cursor: Any, batch: list[tuple[dict[str, Any], str]]) -> None:
        now = NOW.isoformat()
        payloads = [(wire, payload, content_hash(payload)) for wire, payload in batch]
        with cursor.copy(
            "COPY records (id, head_revision, head_hash, neighbourhood_code, flagged, "
            "review_state, review_comment, first_received_at, updated_at) FROM STDIN"
        ) as records:
            for record, _, digest in payloads:
                records.write_row((record["id"], record["revision"], digest,
                                   record["neighbourhood_code"], False, "received", "", now, now))
        with cursor.copy(
            "COPY record_versions (record_id, revision, base_revision, content_hash, device_id, "
            "outcome, payload, received_at, via) FROM STDIN"
        ) as versions:
            for record, payload, digest in payloads:
                versions.write_row((record["id"], record["revision"], 0, digest,
                                    record["device_id"], "accepted", payload, now, "push"))
        profiles = [
            p for r, _ in batch if (p := profile_from_payload(str(r["id"]), r)) is not None
        ]
        with cursor.copy(
            f"COPY resident_profiles ({', '.join(PROFILE_COLUMNS)}) FROM STDIN"
        ) as copy:
            for profile in profiles:
                row = profile_row(profile, NOW)
                copy.write_row(tuple(row[c] for c in PROFILE_COLUMNS))
        with cursor.copy("COPY resident_keys (key, record_id) FROM STDIN") as copy:
            for profile in profiles:
                for key in stored_keys(profile):
                    copy.write_row((key, profile.record_id))
                    self.keys += 1
                self.counts.update(name_parts(profile))
        self.counts[TOTAL] += len(profiles)
        self.loaded += len(batch)


def make_batch(stored_sample: list[dict[str, Any]], size: int) -> list[dict[str, Any]]:
    """``size`` new records: 80 % new residents, 20 % stored residents recorded again."""
    import random

    rng = random.Random(99)
    again = size // 5
    batch = [wire for wire, _ in _records(size - again, seed=424242)]
    variations = ("unaccented", "nfd", "upper", "given_first", "typo", "tone")
    for original in rng.sample(stored_sample, again):
        record = dict(original)
        record["id"] = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        record["device_id"] = "bench-batch"
        varied = vary_name(rng, str(record["full_name"]), rng.choice(variations))
        if varied:
            record["full_name"] = varied
        batch.append(record)
    return batch


def measure(engine: Engine, batch: list[dict[str, Any]], repeat: int) -> dict[str, float]:
    index_times: list[float] = []
    propose_times: list[float] = []
    proposals = 0
    for _ in range(repeat + 1):  # the first run warms caches and is not counted
        with engine.connect() as conn:
            transaction = conn.begin()
            _insert_heads(conn, batch)
            started = time.perf_counter()
            done = index_records(conn, [(str(r["id"]), r) for r in batch], now=NOW)
            indexed = time.perf_counter()
            found = propose_for(conn, done.indexed, NOW)
            proposed = time.perf_counter()
            transaction.rollback()
        index_times.append(indexed - started)
        propose_times.append(proposed - indexed)
        proposals = len(found)
    totals = [i + p for i, p in zip(index_times[1:], propose_times[1:], strict=True)]
    index_s = statistics.median(index_times[1:])
    propose_s = statistics.median(propose_times[1:])
    return {"index": index_s, "propose": propose_s, "total": statistics.median(totals),
            "best": min(totals), "proposals": proposals}


def _insert_heads(conn: Any, batch: list[dict[str, Any]]) -> None:
    """The records rows the push would have written (the profiles' foreign key needs them)."""
    conn.execute(
        text(
            "INSERT INTO records (id, head_revision, head_hash, neighbourhood_code, flagged, "
            "review_state, review_comment, first_received_at, updated_at) VALUES "
            "(:id, 1, :h, :n, false, 'received', '', :now, :now)"
        ),
        [{"id": str(r["id"]), "h": content_hash(json.dumps(r)), "n": r["neighbourhood_code"],
          "now": NOW} for r in batch],
    )


def start_tuned_cluster(folder: Path) -> PgCluster:
    """A throwaway cluster as the tests start one, but with the memory a ward server holding a
    million records would be given (shared_buffers 1 GB instead of the 128 MB default), and
    reusing ``folder`` when it already holds one (``--keep``)."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    if not (folder / "data").exists():
        _as_postgres([str(PG_BIN / "initdb"), "-D", str(folder / "data"), "-A", "trust",
                      "-U", "postgres", "--no-sync", "-E", "UTF8"])
    port = free_port()
    options = (f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off "
               "-c synchronous_commit=off -c full_page_writes=off -c shared_buffers=1GB "
               "-c effective_cache_size=8GB -c max_wal_size=8GB")
    _as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(folder / "data"), "-o", options,
                  "-l", str(folder / "log"), "-w", "start"])
    return PgCluster(folder, port)


def stored_database(cluster: PgCluster | None, url: str | None, size: int) -> tuple[str, bool]:
    """(URL of the database holding ``size`` stored records, whether it still needs loading)."""
    if url is not None:
        return url, True
    assert cluster is not None
    name = f"stored_{size}"
    probe = create_server_engine(cluster.url("postgres"))
    try:
        with probe.connect() as conn:
            exists = conn.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
            ).first() is not None
    finally:
        probe.dispose()
    if not exists:
        return cluster.create_database(name), True
    engine = create_server_engine(cluster.url(name))
    try:
        with engine.connect() as conn:
            loaded = conn.execute(text("SELECT count(*) FROM resident_profiles")).scalar_one()
    finally:
        engine.dispose()
    return cluster.url(name), loaded != size


def stored_sample(engine: Engine) -> list[dict[str, Any]]:
    """The first stored records (the same in every size: one seeded stream fills them all)."""
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT payload FROM record_versions ORDER BY id LIMIT 5000"))
        return [json.loads(row.payload) for row in rows]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="10000,1000000")
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--db", help="an empty PostgreSQL database URL (one size only)")
    parser.add_argument("--keep", type=Path,
                        help="keep the cluster (and its loaded databases) in this folder and "
                             "reuse it next time, instead of a throwaway one")
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    if args.db and len(sizes) > 1:
        parser.error("--db holds one size: give --sizes N")

    cluster = None
    folder = None
    if not args.db:
        reason = postgres_missing_reason()
        if reason is not None:
            print(f"PostgreSQL needed: {reason}")
            return 2
        folder = args.keep or Path(tempfile.mkdtemp(prefix="hotroso-linkage-bench-"))
        cluster = start_tuned_cluster(folder)
    results: list[tuple[int, dict[str, float], float]] = []
    try:
        for size in sizes:
            url, needs_load = stored_database(cluster, args.db, size)
            engine = create_server_engine(url)
            try:
                load_s = float("nan")
                if needs_load:
                    upgrade(engine)
                    load_s = Loader(engine).load(_records(size, seed=7), size)
                batch = make_batch(stored_sample(engine), args.batch)
                print(f"  measuring a {len(batch)}-record batch against {size:,} stored…",
                      flush=True)
                figures = measure(engine, batch, args.repeat)
                figures["load_average"] = os.getloadavg()[0]
                results.append((size, figures, load_s))
            finally:
                engine.dispose()
    finally:
        if cluster is not None:
            cluster.stop()
        if folder is not None and args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)

    print()
    print(f"{'stored records':>15} {'load (s)':>9} {'index (s)':>10} {'propose (s)':>12} "
          f"{'batch (s)':>10} {'best (s)':>9} {'proposals':>10} {'load avg':>9}")
    for size, figures, load_s in results:
        print(f"{size:>15,} {load_s:>9.1f} {figures['index']:>10.3f} {figures['propose']:>12.3f} "
              f"{figures['total']:>10.3f} {figures['best']:>9.3f} {int(figures['proposals']):>10} "
              f"{figures['load_average']:>9.2f}")
    print("(index = index_records, propose = propose_for, batch = both; medians of "
          f"{args.repeat} runs after a warm-up; best = fastest run; load avg = the machine's "
          f"1-minute load average, on {os.cpu_count()} cores, when measured)")
    if len(results) >= 2:
        ratio = results[-1][1]["total"] / results[0][1]["total"]
        worst = max(r[1]["total"] for r in results)
        print(f"\nratio {results[-1][0]:,} / {results[0][0]:,}: {ratio:.2f}x (target < 2x); "
              f"slowest batch {worst:.3f} s (target < 0.5 s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
