"""Export speed at 30,000 records (run on demand; prints a table).

    python benchmarks/export_30k.py [--records N] [--keep DIR]

Writes every record to XLSX (both header styles, for people: Excel dates, names beside codes,
widths, frozen header) and to CSV, the way the GUI's File → Export does, and reports the
wall-clock time and the CPU time of the process (on a shared machine the wall time includes
waiting for a core; the CPU time is what the export itself costs). Target: XLSX of 30,000
records in <= 5 s.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop.app import LaptopApp
from desktop.app.types import RecordFilter, RecordSort
from desktop.store.keys import StoreKey
from desktop.testdata.fill import fill_store
from desktop.testdata.generate import generate_records


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=30_000)
    parser.add_argument("--keep", type=Path, help="reuse/keep the store in this folder")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="hotroso-export-"))
    # Encrypted as every store is; a raw key, as keyring mode keeps (no keyring needed here).
    folder.mkdir(parents=True, exist_ok=True)
    key_file = folder / "bench-key.txt"
    if not key_file.exists():
        key_file.write_text(StoreKey.generate().secret)
    app = LaptopApp.open(folder, passphrase=StoreKey("raw", key_file.read_text()))
    if app.profile.current is None:
        app.profile.save(volunteer_name="Trần Thị Lan", neighbourhood_code="HT03",
                         language="vi")
    profile = app.profile.require()
    existing = len(app.records.query(RecordFilter(), RecordSort()).ids)
    if existing < args.records:
        fill_store(app.store, generate_records(args.records - existing, seed=30,
                                               today=app.today(),
                                               device_id=str(profile.device_id),
                                               volunteer_name=profile.volunteer_name),
                   actor=profile.volunteer_name)
    rows: list[tuple[str, int, float, float, int, str]] = []
    for name, suffix, style in (("XLSX, Vietnamese headers", ".xlsx", "vi"),
                                ("XLSX, English headers", ".xlsx", "en"),
                                ("CSV, English headers", ".csv", "en")):
        target = folder / f"export-{style}{suffix}"
        steps: list[int] = []
        wall, cpu = time.perf_counter(), time.process_time()
        # With progress reports, as the GUI asks for them.
        count = app.transfer.export_file(target, style=style,  # type: ignore[arg-type]
                                         progress=lambda done, _total, s=steps: s.append(done)
                                         ).value
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        rows.append((name, count, wall, cpu, target.stat().st_size // 1024,
                     "<= 5 s" if suffix == ".xlsx" else ""))
    app.close()
    print(f"\nstore: {args.records:,} records in {folder}")
    print(f"{'export':<28} {'records':>8} {'wall s':>8} {'cpu s':>7} {'kB':>7}  target")
    print("-" * 72)
    for name, count, wall, cpu, size, target in rows:
        print(f"{name:<28} {count:>8,} {wall:>8.2f} {cpu:>7.2f} {size:>7,}  {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
