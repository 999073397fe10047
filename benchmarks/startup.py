"""Time from process start to the main window, for the built app and from source.

    python benchmarks/startup.py --app dist/hotroso/hotroso [--runs 7]
    python benchmarks/startup.py --source

Each run starts the app with ``--startup-probe`` on a data folder that already has a volunteer
profile and a few hundred records (so no first-run setup), offscreen. Two figures per run:
what the app reports (from the OS's process creation to the main window shown and painted)
and the wall time seen from here until that line arrived. Target: median <= 2000 ms.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TARGET_MS = 2000


def prepare(folder: Path, records: int) -> None:
    from desktop.selftest import sample_records
    from desktop.store import Store
    from desktop.store.profile import ProfileRepository
    from desktop.store.records import RecordRepository

    with Store.open(folder) as store:
        ProfileRepository(store).save(volunteer_name="Nguyễn Thị Lan", neighbourhood_code="HT01",
                                      language="vi", server_url=None)
        repository = RecordRepository(store)
        for _ in range(records // 5):
            for record in sample_records(store.reference):
                repository.save(record.model_copy(update={"id": uuid.uuid4()}), "benchmark")


def run_once(command: list[str], data_dir: Path) -> tuple[int, int]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    started = time.perf_counter()
    process = subprocess.Popen([*command, "--startup-probe", "--data-dir", str(data_dir)],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                               env=env)
    assert process.stdout is not None
    reported = seen = None
    for line in process.stdout:
        match = re.search(r"main window shown (\d+) ms", line)
        if match:
            seen = int((time.perf_counter() - started) * 1000)
            reported = int(match.group(1))
    process.wait(timeout=60)
    if reported is None or seen is None:
        raise SystemExit(f"no main window (exit status {process.returncode})")
    return reported, seen


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--app", type=Path, help="the built executable")
    which.add_argument("--source", action="store_true", help="python -m desktop")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--records", type=int, default=500)
    args = parser.parse_args()
    command = [str(args.app)] if args.app else [sys.executable, "-m", "desktop"]

    with tempfile.TemporaryDirectory(prefix="hotroso-bench-") as tmp:
        data_dir = Path(tmp) / "data"
        prepare(data_dir, args.records)
        run_once(command, data_dir)  # warm the disk cache, as a second start would be
        results = [run_once(command, data_dir) for _ in range(args.runs)]

    print(f"{'run':>4} {'reported ms':>12} {'seen ms':>8}")
    for i, (reported, seen) in enumerate(results, 1):
        print(f"{i:>4} {reported:>12} {seen:>8}")
    median = statistics.median(r for r, _ in results)
    verdict = "ok" if median <= TARGET_MS else "OVER TARGET"
    print(f"median {median:.0f} ms, best {min(r for r, _ in results)} ms "
          f"(target {TARGET_MS} ms): {verdict}")
    return 0 if median <= TARGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
