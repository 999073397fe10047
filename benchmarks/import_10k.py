"""Import benchmark: a generated 10,000-row CSV (with invalid rows), then the same file again.

Targets (issue #2): ≤ 5 s and ≤ 300 MB peak memory on a 2-core machine. Each import runs in
a fresh process so its peak resident memory (ru_maxrss) is the import's own, interpreter and
libraries included.

    python benchmarks/import_10k.py [--rows 10000] [--invalid 0.1] [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.store import Store  # noqa: E402
from desktop.store.profile import ProfileRepository  # noqa: E402
from desktop.testdata.generate import generate_rows, write_rows_csv  # noqa: E402

CHILD = """
import json, resource, sys, time
from pathlib import Path
started = time.perf_counter()
from desktop.io.importer import import_file
from desktop.store import Store
imported = time.perf_counter()
store = Store.open(Path(sys.argv[1]))
t0 = time.perf_counter()
report = import_file(store, Path(sys.argv[2]))
t1 = time.perf_counter()
store.close()
print(json.dumps({
    "import_s": t1 - t0,
    "startup_s": t0 - started,
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "rows": report.rows, "stored": report.stored, "present": report.already_present,
    "rejected": report.rejected,
}))
"""

TARGET_S, TARGET_MB = 5.0, 300.0


def run_child(data: Path, source: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(data), str(source)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    result: dict[str, float] = json.loads(out.stdout)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--invalid", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data, source = Path(tmp) / "data", Path(tmp) / "rows.csv"
        store = Store.open(data)
        ProfileRepository(store).save(volunteer_name="Benchmark", neighbourhood_code="HT01")
        rows = list(generate_rows(args.rows, seed=args.seed, today=date.today(),
                                  invalid_ratio=args.invalid))  # fmt: skip
        store.close()
        write_rows_csv(source, rows)
        expected_bad = sum(1 for r in rows if r.defect)
        started = time.perf_counter()
        first = run_child(data, source)
        first_wall = time.perf_counter() - started
        started = time.perf_counter()
        second = run_child(data, source)
        second_wall = time.perf_counter() - started
        size_mb = sum(f.stat().st_size for f in data.iterdir()) / 2**20

    print(f"{args.rows} rows, {expected_bad} with a known defect; database {size_mb:.1f} MB")
    print(f"{'run':<12}{'import s':>10}{'process s':>11}{'peak MB':>9}{'stored':>8}"
          f"{'present':>9}{'rejected':>10}{'target':>9}")  # fmt: skip
    ok = True
    for name, result, wall in (("first", first, first_wall), ("re-import", second, second_wall)):
        meets = result["import_s"] <= TARGET_S and result["peak_mb"] <= TARGET_MB
        ok = ok and meets
        print(
            f"{name:<12}{result['import_s']:>10.2f}{wall:>11.2f}{result['peak_mb']:>9.0f}"
            f"{result['stored']:>8.0f}{result['present']:>9.0f}{result['rejected']:>10.0f}"
            f"{'ok' if meets else 'MISSED':>9}"
        )
    correct = first["rejected"] == expected_bad and first["stored"] == args.rows - expected_bad
    correct = correct and second["stored"] == 0 and second["present"] == first["stored"]
    print(f"targets: import ≤ {TARGET_S:.0f} s, peak ≤ {TARGET_MB:.0f} MB; "
          f"results {'as expected' if correct else 'WRONG'}")  # fmt: skip
    return 0 if ok and correct else 1


if __name__ == "__main__":
    raise SystemExit(main())
