"""Sync speed: 10,000 new records pushed end-to-end over loopback (run on demand; prints a table).

    python benchmarks/sync_10k.py [--records N] [--batch N] [--db postgresql://…]

The real ward server runs as a subprocess on a loopback port (SQLite file by default) and the
real client pushes a real laptop store. Reported:

- first sync: wall time, records/s (target >= 6,000/s on a 2-core machine), requests made,
  the server's and the client's CPU time (steadier than wall time when the machine is
  shared), compressed bytes on the wire per record;
- second sync with nothing new: one small round trip (target <= 20 ms);
- raw insert: the same rows inserted directly into a fresh server database with bulk Core
  statements (no HTTP, no validation), and the ratio sync / raw.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import requests  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from desktop.store import Store  # noqa: E402
from desktop.store.profile import ProfileRepository  # noqa: E402
from desktop.store.record_rows import CREATE, insert_new_records  # noqa: E402
from desktop.store.sync_state import StoreSync  # noqa: E402
from desktop.testdata.generate import generate_records  # noqa: E402
from sync.client.credentials import TokenStore  # noqa: E402
from sync.client.session import SyncClient, enroll  # noqa: E402
from sync.server import accounts  # noqa: E402
from sync.server.bulk import insert_rows  # noqa: E402
from sync.server.db import create_server_engine  # noqa: E402
from sync.server.migrate import upgrade  # noqa: E402
from sync.server.models import Record, RecordVersion  # noqa: E402
from sync.server.push import canonical_json, content_hash  # noqa: E402

TODAY = date(2025, 9, 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=2_000)
    parser.add_argument("--db", help="server database URL (default: a fresh SQLite file)")
    args = parser.parse_args()
    os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")

    with tempfile.TemporaryDirectory(prefix="hotroso-bench-") as tmp:
        work = Path(tmp)
        db_url = args.db or f"sqlite:///{work / 'ward.sqlite3'}"
        engine = create_server_engine(db_url)
        upgrade(engine)
        port = _free_port()
        server = _start_server(db_url, port, work / "server.log")
        try:
            store = Store.open(work / "laptop")
            profile = ProfileRepository(store).save(
                volunteer_name="Trần Thị Lan", neighbourhood_code="HT01"
            )
            records = list(
                generate_records(
                    args.records,
                    seed=7,
                    today=TODAY,
                    device_id=str(profile.device_id),
                    volunteer_name=profile.volunteer_name,
                    draft_share=0.0,  # drafts stay on the laptop: every record must travel
                    neighbourhood_code=profile.neighbourhood_code,
                )
            )
            with store.session() as session:
                insert_new_records(
                    session,
                    records,
                    actor="bench",
                    action=CREATE,
                    at=datetime.now(UTC),
                    sync_state="pending",
                )
            sync_store = StoreSync(store)
            tokens = TokenStore(work / "laptop")
            with Session(engine) as session, session.begin():
                code = accounts.issue_enrolment(
                    session,
                    neighbourhood_code="HT01",
                    volunteer_name="Lan",
                    now=datetime.now(UTC),
                ).code
            enroll(sync_store, tokens, f"http://127.0.0.1:{port}", code)
            client = SyncClient(tokens=tokens, batch_size=args.batch)

            server_cpu = _cpu_seconds(server.pid)
            client_cpu = time.process_time()
            started = time.perf_counter()
            first = client.run(sync_store)
            first_s = time.perf_counter() - started
            server_cpu = _cpu_seconds(server.pid) - server_cpu
            client_cpu = time.process_time() - client_cpu
            assert first.ok and first.accepted == args.records, first.message_en

            idle = []
            for _ in range(5):
                started = time.perf_counter()
                second = client.run(sync_store)
                idle.append(time.perf_counter() - started)
                assert second.ok and second.sent == 0
            store.close()
        finally:
            server.terminate()
            server.wait(10)
        engine.dispose()

        raw_s = _raw_insert(work, records, args.db)

    rate = args.records / first_s
    rows = [
        ("records", f"{args.records:,}", ""),
        ("first sync: wall time", f"{first_s * 1000:,.0f} ms", ""),
        ("first sync: records/s", f"{rate:,.0f}", "target >= 6,000"),
        ("first sync: requests", f"{first.requests}", f"{first.batches} push + pull"),
        # CPU time is steadier than wall time on a machine shared with other work.
        ("first sync: server CPU", f"{server_cpu * 1000:,.0f} ms", "decode, checks, store"),
        ("first sync: client CPU", f"{client_cpu * 1000:,.0f} ms", "store reads, gzip, outcomes"),
        ("first sync: bytes sent", f"{first.bytes_sent:,}", "gzip"),
        ("first sync: bytes/record", f"{first.bytes_sent / args.records:,.1f}", "compressed"),
        ("first sync: bytes received", f"{first.bytes_received:,}", "answers, gzip"),
        (
            "first sync: wire bytes/record",
            f"{(first.bytes_sent + first.bytes_received) / args.records:,.1f}",
            "both ways",
        ),
        ("second sync: requests", f"{second.requests}", "nothing new"),
        ("second sync: bytes", f"{second.bytes_received:,}", "received"),
        ("second sync: median time", f"{sorted(idle)[2] * 1000:.1f} ms", "target <= 20 ms"),
        ("raw server insert", f"{raw_s * 1000:,.0f} ms", "same rows, one executemany per table"),
        ("sync / raw insert", f"{first_s / raw_s:.1f}x", ""),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"Sync benchmark ({'PostgreSQL' if args.db else 'SQLite'} server, loopback)")
    for name, value, note in rows:
        print(f"  {name:<{width}}  {value:>14}  {note}")
    return 0


def _raw_insert(work: Path, records: list, db_url: str | None) -> float:  # type: ignore[type-arg]
    """The floor: the server's two bulk INSERTs for these rows, nothing else."""
    url = db_url or f"sqlite:///{work / 'raw.sqlite3'}"
    engine = create_server_engine(url)
    upgrade(engine)
    now = datetime.now(UTC)
    payloads = [canonical_json(r) for r in records]
    started = time.perf_counter()
    versions = []
    heads = []
    suffix = uuid.uuid4().hex[:8] if db_url else ""  # a reused PostgreSQL database: new ids
    for record, payload in zip(records, payloads, strict=True):
        rid = str(record.id)[:-8] + suffix if suffix else str(record.id)
        digest = content_hash(payload)
        versions.append(
            {
                "record_id": rid,
                "revision": 1,
                "base_revision": 0,
                "content_hash": digest,
                "device_id": "raw",
                "outcome": "accepted",
                "payload": payload,
                "received_at": now,
                "via": "push",
            }
        )
        heads.append(
            {
                "id": rid,
                "head_revision": 1,
                "head_hash": digest,
                "neighbourhood_code": record.neighbourhood_code,
                "flagged": False,
                "review_state": "received",
                "review_comment": "",
                "first_received_at": now,
                "updated_at": now,
            }
        )
    with engine.begin() as conn:
        insert_rows(conn, RecordVersion.__table__, versions)  # type: ignore[arg-type]
        insert_rows(conn, Record.__table__, heads)  # type: ignore[arg-type]
    elapsed = time.perf_counter() - started
    engine.dispose()
    return elapsed


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux: /proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _start_server(db_url: str, port: int, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with log.open("wb") as fh:
        process = subprocess.Popen(
            [sys.executable, "-m", "sync.server.cli", "serve", "--db", db_url, "--port", str(port)],
            stdout=fh,
            stderr=subprocess.STDOUT,
            env=env,
        )
    for _ in range(300):
        try:
            if requests.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=0.5).ok:
                return process
        except requests.RequestException:
            time.sleep(0.05)
    process.kill()
    raise SystemExit(f"server did not start: {log.read_text()}")


if __name__ == "__main__":
    raise SystemExit(main())
