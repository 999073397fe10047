"""Records-list benchmark: query_ids / fetch_rows / counts over 100,000 records.

The GUI's lazy table asks ``query_ids`` on every filter or sort change and ``fetch_rows`` for
each visible page; both must stay well under 100 ms at 100,000 records.

    python benchmarks/query_100k.py [--records 100000]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.store import Store  # noqa: E402
from desktop.store.clock import fixed_clock  # noqa: E402
from desktop.store.profile import ProfileRepository  # noqa: E402
from desktop.store.queries import RecordFilter, RecordSort, SortKey  # noqa: E402
from desktop.store.records import RecordRepository  # noqa: E402
from desktop.testdata.fill import fill_store  # noqa: E402
from desktop.testdata.generate import generate_records  # noqa: E402
from sync.contract.record import Result  # noqa: E402

TARGET_MS = 100.0


def timed(action: Callable[[], object], repeat: int = 5) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    args = parser.parse_args()
    today = date.today()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp), clock=fixed_clock(datetime.now(UTC)))
        profile = ProfileRepository(store).save(volunteer_name="Bench", neighbourhood_code="HT01")
        started = time.perf_counter()
        records = generate_records(
            args.records,
            seed=3,
            today=today,
            device_id=str(profile.device_id),
            volunteer_name="Bench",
        )
        fill_store(store, records, actor="Bench")
        print(f"filled {args.records} records in {time.perf_counter() - started:.1f} s")
        repo = RecordRepository(store)
        cases: list[tuple[str, RecordFilter, RecordSort]] = [
            ("all, newest first", RecordFilter(), RecordSort()),
            ("all, by name", RecordFilter(), RecordSort(SortKey.FULL_NAME, descending=False)),
            ("all, by sync state", RecordFilter(), RecordSort(SortKey.SYNC_STATE)),
            ("text 'nguyen an'", RecordFilter(text="nguyen an"), RecordSort()),
            ("text 'hương'", RecordFilter(text="hương"), RecordSort()),
            ("phone '0912'", RecordFilter(text="0912"), RecordSort()),
            ("cccd '022085'", RecordFilter(text="022085"), RecordSort()),
            ("neighbourhood HT03", RecordFilter(neighbourhood_code="HT03"), RecordSort()),
            (
                "follow-up, last 30 days",
                RecordFilter(result=Result.FOLLOW_UP, date_from=today - timedelta(days=30)),
                RecordSort(),
            ),
        ]
        print(f"{'query':<28}{'ms':>8}{'rows':>9}{'target':>9}")
        ok = True
        for name, flt, sort in cases:
            ms, ids = timed(lambda f=flt, s=sort: repo.query_ids(f, s))  # type: ignore[misc]
            meets = ms < TARGET_MS
            ok = ok and meets
            print(f"{name:<28}{ms:>8.1f}{len(ids):>9}{'ok' if meets else 'MISSED':>9}")  # type: ignore[arg-type]
        all_ids = repo.query_ids()
        for label, action in (
            (
                "fetch_rows(100)",
                lambda: repo.fetch_rows(all_ids[len(all_ids) // 2 : len(all_ids) // 2 + 100]),
            ),
            ("counts(today)", lambda: repo.counts(today)),
            ("follow_ups(today)", lambda: repo.follow_ups(today)),
            (
                "find_duplicates",
                lambda: repo.find_duplicates("022085001234", "nguyen van an", 1985),
            ),
        ):
            ms, _ = timed(action)
            meets = ms < TARGET_MS
            ok = ok and meets
            print(f"{label:<28}{ms:>8.1f}{'':>9}{'ok' if meets else 'MISSED':>9}")
        store.close()
    print(f"target: each under {TARGET_MS:.0f} ms (median of 5)")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
