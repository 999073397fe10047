"""Import benchmark: a generated 10,000-row CSV (with invalid rows), then the same file again.

Targets (issue #2): ≤ 5 s and ≤ 300 MB peak memory on a 2-core machine. Each import runs in
a fresh process so its peak resident memory (ru_maxrss) is the import's own, interpreter and
libraries included.

    python benchmarks/import_10k.py [--rows 10000] [--invalid 0.1] [--seed 7]
        [--encryption keyring|passphrase|none]

The store is encrypted as the app's (SQLCipher with a random raw key, as in keyring mode;
``passphrase``: SQLCipher's KDF; ``none``: a plain file, to see what encryption costs).
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
from desktop.store.keys import StoreKey  # noqa: E402
from desktop.store.profile import ProfileRepository  # noqa: E402
from desktop.testdata.generate import GeneratedRow, generate_rows, write_rows_csv  # noqa: E402
from sync.contract.tabular import IMPORT_COLUMNS  # noqa: E402

CHILD = """
import json, resource, sys, time
from pathlib import Path
started = time.perf_counter()
from desktop.io.importer import import_file
from desktop.store import Store
from desktop.store.keys import StoreKey
imported = time.perf_counter()
key = StoreKey(sys.argv[3], sys.argv[4]) if sys.argv[3] != "none" else None
store = Store.open(Path(sys.argv[1]), key=key)
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


def run_child(data: Path, source: Path, key: StoreKey | None) -> dict[str, float]:
    # The key on the command line is acceptable for a throwaway benchmark store only.
    kind, secret = (key.kind, key.secret) if key is not None else ("none", "")
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(data), str(source), kind, secret],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    result: dict[str, float] = json.loads(out.stdout)
    return result


def write_xlsx(path: Path, rows: list[GeneratedRow]) -> None:
    from openpyxl import Workbook

    names = [c.name for c in IMPORT_COLUMNS if c.name != "id"]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("records")
    sheet.append(names)
    for row in rows:
        sheet.append([row.cells.get(n) for n in names])
    workbook.save(path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--invalid", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--formats", default="csv,xlsx", help="comma-separated: csv, xlsx")
    parser.add_argument("--encryption", choices=("keyring", "passphrase", "none"),
                        default="keyring")
    args = parser.parse_args()
    rows = list(
        generate_rows(args.rows, seed=args.seed, today=date.today(), invalid_ratio=args.invalid)
    )
    expected_bad = sum(1 for r in rows if r.defect)
    print(f"{args.rows} rows, {expected_bad} with a known defect; encryption: {args.encryption}")
    print(
        f"{'file':<6}{'run':<11}{'import s':>10}{'process s':>11}{'peak MB':>9}{'stored':>8}"
        f"{'present':>9}{'rejected':>10}{'target':>9}"
    )
    ok = correct = True
    for fmt in args.formats.split(","):
        with tempfile.TemporaryDirectory() as tmp:
            data, source = Path(tmp) / "data", Path(tmp) / f"rows.{fmt}"
            key = {"keyring": StoreKey.generate(),
                   "passphrase": StoreKey.passphrase("benchmark pass"),
                   "none": None}[args.encryption]
            store = Store.open(data, key=key)
            ProfileRepository(store).save(volunteer_name="Benchmark", neighbourhood_code="HT01")
            store.close()
            if fmt == "xlsx":
                write_xlsx(source, rows)
            else:
                write_rows_csv(source, rows)
            results = []
            for name in ("first", "re-import"):
                started = time.perf_counter()
                result = run_child(data, source, key)
                results.append(result)
                wall = time.perf_counter() - started
                meets = result["import_s"] <= TARGET_S and result["peak_mb"] <= TARGET_MB
                ok = ok and meets
                print(
                    f"{fmt:<6}{name:<11}{result['import_s']:>10.2f}{wall:>11.2f}"
                    f"{result['peak_mb']:>9.0f}{result['stored']:>8.0f}{result['present']:>9.0f}"
                    f"{result['rejected']:>10.0f}{'ok' if meets else 'MISSED':>9}"
                )
            first, second = results
            correct = correct and first["rejected"] == expected_bad
            correct = correct and first["stored"] == args.rows - expected_bad
            correct = correct and second["stored"] == 0 and second["present"] == first["stored"]
    print(
        f"targets: import ≤ {TARGET_S:.0f} s, peak ≤ {TARGET_MB:.0f} MB; "
        f"results {'as expected' if correct else 'WRONG'}"
    )
    return 0 if ok and correct else 1


if __name__ == "__main__":
    raise SystemExit(main())
