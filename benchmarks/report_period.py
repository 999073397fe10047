"""Report benchmark: the figures of a 6-month period (every breakdown, the trend and the
previous period) over 1,000,000 records on PostgreSQL (target ≤ 2 s) and 100,000 on SQLite
(target ≤ 1 s), plus the CSV/XLSX/PDF of that report and a drill-down.

The records are generated straight into ``records``, ``record_facts`` and
``record_residents`` (the read model is what reports read; filling it through the push path
would only time the push): spread over two years, 10 neighbourhoods, ~120 volunteers, every
category, 3 % drafts, 1 % deleted, 0.5 % excluded as double entries, one record in ten linked
to another record of the same person. PostgreSQL runs in a throwaway cluster.

    python benchmarks/report_period.py [--pg-records 1000000] [--sqlite-records 100000]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import Engine  # noqa: E402

from sync.contract.reference import load_reference  # noqa: E402
from sync.server.db import create_server_engine  # noqa: E402
from sync.server.migrate import upgrade  # noqa: E402
from sync.server.reports.breakdowns import Breakdown  # noqa: E402
from sync.server.reports.figures import compute_figures, records_behind  # noqa: E402
from sync.server.reports.periods import Period  # noqa: E402
from tests.sync.ward import postgres_missing_reason, start_cluster  # noqa: E402

NOW = datetime(2026, 1, 5, 3, 0, tzinfo=UTC)
FIRST_DAY = date(2024, 1, 1)
DAYS = 731  # 2024-01-01 .. 2025-12-31
PERIOD = Period.half(2025, 1)
TARGETS = {"postgresql": 2.0, "sqlite": 1.0}

_CATEGORIES = [
    ("VNEID_INSTALL", 12),
    ("VNEID_L1", 10),
    ("VNEID_L2_ACTIVATE", 12),
    ("VNEID_DOCS", 8),
    ("DVC_ACCOUNT", 8),
    ("DVC_SUBMIT", 20),
    ("DVC_TRACK", 5),
    ("DVC_PAY", 4),
    ("CASHLESS", 5),
    ("VSSID", 4),
    ("EHEALTH", 4),
    ("ECOMMERCE", 2),
    ("CYBERSAFE", 3),
    ("SKILLS", 1),
    ("LOCAL_APP", 1),
    ("OTHER", 1),
]
_RESULTS = [
    ("completed", 70),
    ("pending", 15),
    ("follow_up", 8),
    ("not_possible", 4),
    ("declined", 3),
]
_PLACES = [("meeting", 50), ("home_visit", 30), ("ward_desk", 20)]
_SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
_GIVEN = [
    "Văn An",
    "Thị Lan",
    "Minh Tuấn",
    "Thu Hà",
    "Đức Anh",
    "Ngọc Mai",
    "Quang Huy",
    "Thị Hương",
    "Văn Bình",
    "Thanh Tâm",
    "Hải Yến",
    "Tiến Dũng",
]


def _weighted(options: list[tuple[str, int]]) -> list[str]:
    return [value for value, weight in options for _ in range(weight)]


def generate(count: int, seed: int = 12) -> Iterator[tuple[dict[str, Any], str | None]]:
    """(record_facts row, resident id or None) for ``count`` records."""
    rng = random.Random(seed)
    reference = load_reference()
    procedures = list(reference.procedures)
    categories, results, places = (_weighted(_CATEGORIES), _weighted(_RESULTS), _weighted(_PLACES))
    volunteers = []
    for n in range(1, 11):
        for _ in range(12):
            volunteers.append(
                (
                    n,
                    f"{rng.choice(_SURNAMES)} {rng.choice(_GIVEN)}",
                    str(uuid.UUID(int=rng.getrandbits(128))),
                )
            )
    last_ids: list[str] = []
    person_of: dict[str, str] = {}
    for i in range(count):
        rid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        n, volunteer, device = rng.choice(volunteers)
        old = day < date(2025, 7, 1)
        category = rng.choice(categories)
        dvc = category == "DVC_SUBMIT"
        roll = rng.random()
        row = {
            "record_id": rid,
            "revision": 1,
            "status": "draft" if roll < 0.03 else "final",
            "deleted": 0.03 <= roll < 0.04,
            "excluded": 0.04 <= roll < 0.045,
            "assisted_on": day,
            "ward_code": "HA_PHONG" if old else "HA_TU",
            "neighbourhood_code": f"{'HP' if old else 'HT'}{n:02d}",
            "neighbourhood_name": f"Khu {n}",
            "category": category,
            "procedure_code": rng.choice(procedures) if dvc else None,
            "online_level": (rng.choice(["full", "partial"]) if dvc else None),
            "volunteer_name": volunteer,
            "device_id": device,
            "result": rng.choice(results),
            "place": rng.choice(places),
            "changed_at": NOW,
            "changed_after_lock": False,
        }
        resident = None
        if last_ids and rng.random() < 0.1:
            earlier = rng.choice(last_ids)  # the same person as an earlier record
            resident = person_of.setdefault(earlier, earlier)
            person_of[rid] = resident
        last_ids.append(rid)
        if len(last_ids) > 5000:
            last_ids = last_ids[-2500:]
        yield row, resident
        del i


FACT_COLUMNS = (
    "record_id",
    "revision",
    "status",
    "deleted",
    "excluded",
    "assisted_on",
    "ward_code",
    "neighbourhood_code",
    "neighbourhood_name",
    "category",
    "procedure_code",
    "online_level",
    "volunteer_name",
    "device_id",
    "result",
    "place",
    "person_id",
    "changed_at",
    "changed_after_lock",
)


def fill(engine: Engine, count: int) -> None:
    rows = list(generate(count))
    # person_id as refresh_facts derives it from record_residents (see RecordFact.person_id).
    person = dict(_links(rows))
    for row, _ in rows:
        row["person_id"] = person.get(row["record_id"])
    if engine.dialect.name == "postgresql":
        _fill_postgres(engine, rows)
    else:
        _fill_sqlite(engine, rows)


def _record_row(row: dict[str, Any]) -> tuple[Any, ...]:
    return (
        row["record_id"],
        1,
        "0" * 64,
        row["neighbourhood_code"],
        False,
        "received",
        "",
        NOW,
        NOW,
    )


def _fill_postgres(engine: Engine, rows: list[tuple[dict[str, Any], str | None]]) -> None:
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        with cursor.copy(  # type: ignore[attr-defined]
            "COPY records (id, head_revision, head_hash, neighbourhood_code, flagged, "
            "review_state, review_comment, first_received_at, updated_at) FROM STDIN"
        ) as copy:
            for row, _ in rows:
                copy.write_row(_record_row(row))
        with cursor.copy(f"COPY record_facts ({', '.join(FACT_COLUMNS)}) FROM STDIN") as copy:  # type: ignore[attr-defined]
            for row, _ in rows:
                copy.write_row(tuple(row[c] for c in FACT_COLUMNS))
        with cursor.copy(  # type: ignore[attr-defined]
            "COPY record_residents (record_id, resident_id, linked_at) FROM STDIN"
        ) as copy:
            for row, linked in _links(rows):
                copy.write_row((row, linked, NOW))
        raw.commit()
        driver: Any = raw.driver_connection
        driver.autocommit = True  # VACUUM runs outside a transaction
        # What autovacuum does on a live server: the visibility map lets the report's
        # index-only scans skip the table.
        driver.execute("VACUUM ANALYZE")
        driver.autocommit = False
    finally:
        raw.close()


def _links(rows: list[tuple[dict[str, Any], str | None]]) -> Iterator[tuple[str, str]]:
    """record_residents rows: every record of a linked person, the first one included."""
    seen: set[str] = set()
    for row, resident in rows:
        if resident is None:
            continue
        if resident not in seen:
            seen.add(resident)
            yield resident, resident
        yield row["record_id"], resident


def _fill_sqlite(engine: Engine, rows: list[tuple[dict[str, Any], str | None]]) -> None:
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("BEGIN")  # the server's engine leaves SQLite in autocommit mode
        cursor.executemany(
            "INSERT INTO records (id, head_revision, head_hash, neighbourhood_code, flagged, "
            "review_state, review_comment, first_received_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [_record_row(row)[:7] + ("2026-01-05 03:00:00.000000",) * 2 for row, _ in rows],
        )
        marks = ", ".join("?" for _ in FACT_COLUMNS)
        cursor.executemany(
            f"INSERT INTO record_facts ({', '.join(FACT_COLUMNS)}) VALUES ({marks})",
            [
                tuple(
                    row[c].isoformat()
                    if isinstance(row[c], date) and c == "assisted_on"
                    else "2026-01-05 03:00:00.000000"
                    if c == "changed_at"
                    else row[c]
                    for c in FACT_COLUMNS
                )
                for row, _ in rows
            ],
        )
        cursor.executemany(
            "INSERT INTO record_residents (record_id, resident_id, linked_at) VALUES (?, ?, ?)",
            [(a, b, "2026-01-05 03:00:00.000000") for a, b in _links(rows)],
        )
        cursor.execute("COMMIT")
        cursor.execute("ANALYZE")
    finally:
        raw.close()


def cpu_seconds(conn: Any) -> float:
    """CPU time used so far by whoever runs the SQL: this process for SQLite, the connection's
    backend process for PostgreSQL (same machine). Unlike wall time, it does not grow when
    other work shares the cores."""
    if conn.dialect.name != "postgresql":
        return time.process_time()
    pid = conn.exec_driver_sql("SELECT pg_backend_pid()").scalar_one()
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed(action: Callable[[], object], repeat: int = 5) -> tuple[float, float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - started)
    return statistics.median(times), max(times), result


def measure(engine: Engine, label: str) -> list[tuple[str, str, float, float, str]]:
    from sync.server.reports.report import render  # the formats, timed apart from the SQL

    reference = load_reference()
    out = []
    with engine.connect() as conn:
        cpu = cpu_seconds(conn)
        median, worst, figures = timed(lambda: compute_figures(conn, PERIOD, reference, now=NOW))
        cpu = (cpu_seconds(conn) - cpu) / 5
        target = TARGETS[engine.dialect.name]
        verdict = "ok" if median <= target else f"SLOW (> {target:.0f} s)"
        what = f"6-month report ({PERIOD.label_en}) + previous"
        out.append((label, what, median, worst, verdict))
        current = figures.current.total  # type: ignore[attr-defined]
        previous = figures.previous.total  # type: ignore[attr-defined]
        out.append(
            (
                label,
                f"  counted {current.records:,} + {previous.records:,} records, "
                f"{current.residents:,} residents; database CPU {cpu:.3f} s per report",
                0.0,
                0.0,
                "",
            )
        )
        everything = Period.between(FIRST_DAY, FIRST_DAY + timedelta(days=DAYS - 1))
        median, worst, whole = timed(
            lambda: compute_figures(conn, everything, reference, now=NOW), repeat=3
        )
        total = whole.current.total.records  # type: ignore[attr-defined]
        out.append(
            (
                label,
                f"all two years in one period ({total:,} records), for scale",
                median,
                worst,
                "",
            )
        )
        median, worst, _ = timed(
            lambda: records_behind(
                conn, PERIOD, Breakdown.NEIGHBOURHOOD, "HT03", reference, limit=200
            )
        )
        out.append((label, "drill-down, first 200 ids of one neighbourhood", median, worst, ""))
    for fmt in ("csv", "xlsx", "pdf"):
        median, worst, _ = timed(lambda f=fmt: render(figures, f, _settings()), repeat=3)  # type: ignore[misc]
        out.append((label, f"render {fmt} from the figures", median, worst, ""))
    return out


def _settings() -> Any:
    from sync.server.reports.settings import ReportSettings

    return ReportSettings.defaults(load_reference())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg-records", type=int, default=1_000_000)
    parser.add_argument("--sqlite-records", type=int, default=100_000)
    args = parser.parse_args()
    rows: list[tuple[str, str, float, float, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        engine = create_server_engine(f"sqlite:///{Path(tmp) / 'ward.sqlite3'}")
        upgrade(engine)
        started = time.perf_counter()
        fill(engine, args.sqlite_records)
        print(
            f"SQLite: {args.sqlite_records:,} records generated in "
            f"{time.perf_counter() - started:.1f} s",
            flush=True,
        )
        rows += measure(engine, f"SQLite {args.sqlite_records:,}")
        engine.dispose()

    reason = postgres_missing_reason()
    if reason is not None:
        print(f"PostgreSQL skipped: {reason}")
    else:
        directory = Path(tempfile.mkdtemp(prefix="hotroso-bench-pg-"))
        cluster = start_cluster(directory)
        try:
            engine = create_server_engine(cluster.create_database("bench"))
            upgrade(engine)
            started = time.perf_counter()
            fill(engine, args.pg_records)
            print(
                f"PostgreSQL: {args.pg_records:,} records generated in "
                f"{time.perf_counter() - started:.1f} s",
                flush=True,
            )
            rows += measure(engine, f"PostgreSQL {args.pg_records:,}")
            engine.dispose()
        finally:
            cluster.stop()
            shutil.rmtree(directory, ignore_errors=True)

    print()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"load average during the run: {load} (on {os.cpu_count()} cores)")
    print(f"{'database':<22} {'what':<58} {'median s':>9} {'max s':>7}  verdict")
    for db, what, median, worst, verdict in rows:
        if median == 0.0 and worst == 0.0:
            print(f"{db:<22} {what}")
            continue
        print(f"{db:<22} {what:<58} {median:>9.3f} {worst:>7.3f}  {verdict}")
    slow = [r for r in rows if r[4].startswith("SLOW")]
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
