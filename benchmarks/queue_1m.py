"""Review-queue benchmark: the staff queue's first page, its filters and its search over
1,000,000 records on PostgreSQL (target ≤ 300 ms each, answered over HTTP by the real server).

The records are generated straight into ``records``, ``record_versions`` (a head version per
record), ``record_facts`` (by benchmarks/report_period.py's generator: two years, 10
neighbourhoods, ~120 volunteers, every category) and ``resident_profiles`` (the folded names
the search reads: Vietnamese names with Nguyễn ~38 %, Thị/Văn as middle names). The ward
server runs as a subprocess on a loopback port against a throwaway cluster; each query is
asked 5 times through ``GET /api/v1/queue`` as a staff member, and the table prints the
median and the worst.

    python benchmarks/queue_1m.py [--records 1000000]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402
from sqlalchemy import Engine  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from benchmarks.report_period import FACT_COLUMNS, NOW, generate  # noqa: E402
from sync.contract.normalize import search_key  # noqa: E402
from sync.server import accounts  # noqa: E402
from sync.server.db import create_server_engine  # noqa: E402
from sync.server.migrate import upgrade  # noqa: E402
from sync.server.models import Role  # noqa: E402
from tests.sync.ward import postgres_missing_reason, start_cluster  # noqa: E402

TARGET_S = 0.300
PASSWORD = "benchmark password 2026"
SURNAMES = [("Nguyễn", 38), ("Trần", 11), ("Lê", 9), ("Phạm", 7), ("Hoàng", 5), ("Huỳnh", 4),
            ("Vũ", 4), ("Võ", 3), ("Đặng", 2), ("Bùi", 2), ("Đỗ", 2), ("Ngô", 2), ("Dương", 2),
            ("Lý", 1), ("Quách", 1), ("Diệp", 1), ("Khổng", 1)]
MIDDLE = ["Thị", "Văn", "Đức", "Minh", "Ngọc", "Thanh", "Hữu", "Quang", "Thu", "Xuân"]
GIVEN = ["An", "Lan", "Hoa", "Hòa", "Thủy", "Tuấn", "Hùng", "Dũng", "Hương", "Mai", "Linh",
         "Nam", "Hải", "Hà", "Trang", "Phương", "Sơn", "Long", "Thảo", "Vân", "Yến", "Khánh",
         "Quyết", "Lụa", "Lực", "Bình", "Cường", "Duyên", "Giang", "Hạnh"]


def _names(count: int, seed: int = 7) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    surnames = [s for s, w in SURNAMES for _ in range(w)]
    return [(f"{rng.choice(surnames)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
             f"+849{rng.randrange(10**8):08d}") for _ in range(count)]


def fill(engine: Engine, count: int) -> None:
    rows = [row for row, _ in generate(count)]
    names = _names(count)
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        with cursor.copy(  # type: ignore[attr-defined]
            "COPY records (id, head_revision, head_hash, neighbourhood_code, flagged, "
            "review_state, review_comment, first_received_at, updated_at) FROM STDIN"
        ) as copy:
            for i, row in enumerate(rows):
                state = "received" if i % 3 else ("approved" if i % 2 else "has_issues")
                received = datetime(2024, 1, 1, tzinfo=UTC).timestamp() + i * 60
                at = datetime.fromtimestamp(received, UTC)
                copy.write_row((row["record_id"], 1, "0" * 64, row["neighbourhood_code"],
                                i % 97 == 0, state, "", at, at))
        with cursor.copy(  # type: ignore[attr-defined]
            "COPY record_versions (record_id, revision, base_revision, content_hash, device_id, "
            "outcome, payload, received_at, via) FROM STDIN"
        ) as copy:
            for row, (name, phone) in zip(rows, names, strict=True):
                payload = {
                    "id": row["record_id"], "revision": 1, "status": row["status"],
                    "assisted_on": row["assisted_on"].isoformat(),
                    "neighbourhood_code": row["neighbourhood_code"],
                    "neighbourhood_name": row["neighbourhood_name"], "full_name": name,
                    "phone": phone, "category": row["category"], "result": row["result"],
                    "volunteer_name": row["volunteer_name"], "device_id": row["device_id"],
                }
                copy.write_row((row["record_id"], 1, 0, "0" * 64, row["device_id"], "accepted",
                                json.dumps(payload, ensure_ascii=False), NOW, "push"))
        with cursor.copy(f"COPY record_facts ({', '.join(FACT_COLUMNS)}) FROM STDIN") as copy:  # type: ignore[attr-defined]
            for row in rows:
                copy.write_row(tuple(row.get(c) for c in FACT_COLUMNS))
        with cursor.copy(  # type: ignore[attr-defined]
            "COPY resident_profiles (record_id, name, name_key, phone, neighbourhood, address, "
            "category, assisted_on, indexed_at) FROM STDIN"
        ) as copy:
            for row, (name, phone) in zip(rows, names, strict=True):
                copy.write_row((row["record_id"], name, search_key(name), phone,
                                row["neighbourhood_code"], "", row["category"],
                                row["assisted_on"], NOW))
        raw.commit()
        driver: Any = raw.driver_connection
        driver.autocommit = True
        driver.execute("VACUUM ANALYZE")  # what autovacuum does on a live server
        driver.autocommit = False
    finally:
        raw.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(db_url: str, port: int, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with log.open("wb") as fh:
        process = subprocess.Popen(
            [sys.executable, "-m", "sync.server.cli", "serve", "--db", db_url, "--port",
             str(port)], stdout=fh, stderr=subprocess.STDOUT, env=env)
    for _ in range(600):
        try:
            if requests.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=0.5).ok:
                return process
        except requests.RequestException:
            time.sleep(0.1)
    process.terminate()
    raise RuntimeError(f"the server did not start: {log.read_text()[-2000:]}")


QUERIES: list[tuple[str, dict[str, Any]]] = [
    ("first page (arrival order)", {}),
    ("first page, needs fixing", {"review_state": "has_issues"}),
    ("first page, neighbourhood + received", {"neighbourhood": "HT03",
                                               "review_state": "received"}),
    ("category + period (2025-07..12)", {"category": "DVC_SUBMIT",
                                         "assisted_from": "2025-07-01",
                                         "assisted_to": "2025-12-31"}),
    ("conflicts only", {"flagged": "true"}),
    ("search 'lan' (common given name)", {"q": "lan"}),
    ("search 'nguyen thi lan'", {"q": "nguyen thi lan"}),
    ("search 'Quách Lụa' (rare, accents)", {"q": "Quách Lụa"}),
    ("search 'hoa' (Hoà/Hòa)", {"q": "hoa"}),
    ("search a phone number", {"q": "0912 345 678"}),
    ("search 'lan' + neighbourhood HT05", {"q": "lan", "neighbourhood": "HT05"}),
]


def measure(url: str, token: str) -> list[tuple[str, float, float, int]]:
    out = []
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {token}"
    for label, params in QUERIES:
        times, total = [], 0
        for _ in range(5):
            started = time.perf_counter()
            answer = session.get(f"{url}/api/v1/queue", params={"limit": 100, **params},
                                 timeout=60)
            times.append(time.perf_counter() - started)
            answer.raise_for_status()
            total = answer.json()["total"]
        out.append((label, statistics.median(times), max(times), total))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    args = parser.parse_args()
    reason = postgres_missing_reason()
    if reason is not None:
        print(f"PostgreSQL absent: {reason}")
        return 2
    directory = Path(tempfile.mkdtemp(prefix="hotroso-bench-queue-"))
    cluster = start_cluster(directory)
    server = None
    try:
        db_url = cluster.create_database("bench")
        engine = create_server_engine(db_url)
        upgrade(engine)
        started = time.perf_counter()
        fill(engine, args.records)
        print(f"{args.records:,} records generated in {time.perf_counter() - started:.0f} s",
              flush=True)
        with Session(engine) as session, session.begin():
            accounts.create_user(session, username="canbo", password=PASSWORD,
                                 role=Role.STAFF, now=datetime.now(UTC))
        engine.dispose()
        port = _free_port()
        server = _serve(db_url, port, directory / "server.log")
        url = f"http://127.0.0.1:{port}"
        token = requests.post(f"{url}/api/v1/auth/login", timeout=30, json={
            "username": "canbo", "password": PASSWORD}).json()["token"]
        rows = measure(url, token)
    finally:
        if server is not None:
            server.terminate()
            server.wait(10)
        cluster.stop()
        shutil.rmtree(directory, ignore_errors=True)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\nReview queue over HTTP, PostgreSQL, {args.records:,} records "
          f"(load average {load} on {os.cpu_count()} cores)")
    print(f"{'query (limit 100, with the total)':<42} {'median ms':>10} {'max ms':>8} "
          f"{'total':>9}  verdict")
    slow = 0
    for label, median, worst, total in rows:
        verdict = "ok" if median <= TARGET_S else "SLOW (target ≤ 300 ms)"
        slow += median > TARGET_S
        print(f"{label:<42} {median * 1000:>10.0f} {worst * 1000:>8.0f} {total:>9,}  {verdict}")
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
