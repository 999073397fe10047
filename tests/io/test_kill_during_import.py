"""An import killed with SIGKILL leaves a sound database holding only whole rows."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.io.importer import import_file
from desktop.paths import database_path
from desktop.store.models import AuditRow, ImportFingerprintRow, OutboxRow, RecordRow
from desktop.testdata.generate import generate_rows, write_rows_csv
from tests.store.factories import TODAY, add_profile, open_store

CHUNK = 100

CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from desktop.io.importer import import_file
    from desktop.store import Store

    store = Store.open(Path(sys.argv[1]))

    def progress(done, total):
        print(done, flush=True)

    import_file(store, Path(sys.argv[2]), chunk_size=int(sys.argv[3]), progress=progress)
    print("finished", flush=True)
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_sigkill_mid_import(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = open_store(data)
    add_profile(store)
    store.close()
    rows = list(generate_rows(3000, seed=5, today=TODAY))
    source = tmp_path / "rows.csv"
    write_rows_csv(source, rows)

    with subprocess.Popen(
        [sys.executable, "-c", CHILD, str(data), str(source), str(CHUNK)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    ) as child:
        assert child.stdout is not None
        for chunks, line in enumerate(child.stdout, start=1):
            assert line.strip() != "finished", "the import ended before it could be killed"
            if chunks == 3:  # three chunks committed, the fourth under way
                os.kill(child.pid, signal.SIGKILL)
                break
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    with closing(sqlite3.connect(database_path(data))) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)

    store = open_store(data)
    try:
        with store.session() as session:
            stored = session.scalar(select(func.count()).select_from(RecordRow)) or 0
            for model in (OutboxRow, AuditRow, ImportFingerprintRow):
                with_entry = session.scalar(
                    select(func.count(func.distinct(model.record_id)))  # type: ignore[attr-defined]
                )
                assert with_entry == stored, model.__name__
        # Whole chunks only: a chunk is one transaction of whole rows.
        assert stored % CHUNK == 0 and CHUNK * 3 <= stored < len(rows)
        # Importing the file again completes the job without duplicating anything.
        report = import_file(store, source)
        assert report.already_present == stored
        assert report.stored + stored == len(rows)
    finally:
        store.close()
