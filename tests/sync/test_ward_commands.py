"""The ward's own commands on records that laptops pushed through the real server: a period
report stays current after every push and staff correction (the reporting facts follow each
head in the same transaction), and ``duplicates`` proposes the same resident recorded on two
laptops."""

from __future__ import annotations

import csv
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from desktop.store.records import RecordRepository
from sync.contract.record import Gender
from tests.store.factories import make_record
from tests.sync.conftest import TODAY, Laptop
from tests.sync.ward import WardServer


def _cli(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sync.server.cli", *arguments],
                          capture_output=True, text=True, timeout=300)


def _total(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    (total,) = [r for r in rows if r["breakdown"] == "total"]
    return total


def test_report_follows_pushes_and_duplicates_finds_the_same_resident(
    ward: WardServer, db_url: str, make_laptop: Callable[..., Laptop], tmp_path: Path
) -> None:
    lan, minh = make_laptop(ward.url, name="lan"), make_laptop(ward.url, name="minh")
    resident = {"full_name": "Trịnh Thị Phượng", "birth_year": 1961, "cccd": "022161004455",
                "phone": "+84912344455", "assisted_on": TODAY, "gender": Gender.FEMALE}
    for laptop, spelled in ((lan, "Trịnh Thị Phượng"), (minh, "TRINH THI PHUONG")):
        RecordRepository(laptop.store).save(
            make_record(laptop.profile, **{**resident, "full_name": spelled}), "TNV")
        assert laptop.sync_now().accepted == 1
    period = ["--from", TODAY.replace(day=1).isoformat(), "--to", TODAY.isoformat()]

    report = tmp_path / "report.csv"
    made = _cli("report", "--db", db_url, *period, "--format", "csv", str(report))
    assert made.returncode == 0, made.stderr
    assert _total(report)["records"] == "2"

    RecordRepository(lan.store).save(make_record(lan.profile, full_name="Lê Văn Bình",
                                                 cccd=None, phone=None), "TNV")
    assert lan.sync_now().accepted == 1
    assert _cli("report", "--db", db_url, *period, "--format", "csv",
                str(report)).returncode == 0
    assert _total(report)["records"] == "3"  # no rebuild needed: the push refreshed the facts

    pairs = tmp_path / "pairs.csv"
    found = _cli("duplicates", "--db", db_url, str(pairs))
    assert found.returncode == 0, found.stderr
    with pairs.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["record_id_a", "record_id_b", "score", "level", "reasons"]
    assert len(rows) == 2 and rows[1][3] == "certain"  # the same valid CCCD
    assert pairs.stat().st_mode & 0o077 == 0
