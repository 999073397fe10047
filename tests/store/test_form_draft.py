"""The form's autosave lives in the store; an old autosave file is adopted and deleted."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from desktop.store import Store
from desktop.store.exports import ExportLog
from desktop.store.form_draft import LEGACY_FILENAME, FormDraft, adopt_legacy_file
from tests.store.factories import open_store as _open_plain


def open_store(path: Path) -> Any:
    """A store opened as the app opens it (protection.open_store adopts an old file)."""
    store = _open_plain(path)
    adopt_legacy_file(store)
    return store


def test_the_snapshot_is_saved_replaced_and_cleared(store: Store) -> None:
    drafts = FormDraft(store)
    assert drafts.load() is None
    drafts.save({"full_name": "Nguyễn Văn An", "cccd": "022085001234"})
    drafts.save({"full_name": "Nguyễn Văn Bình"})
    assert drafts.load() == {"full_name": "Nguyễn Văn Bình"}
    drafts.clear()
    assert drafts.load() is None


def test_an_old_autosave_file_moves_into_the_store(tmp_path: Path) -> None:
    open_store(tmp_path).close()
    (tmp_path / LEGACY_FILENAME).write_text(
        json.dumps({"full_name": "Lê Thị Hoa"}, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "form-autosave.tmp").write_text("{half", encoding="utf-8")
    # A second name for the same file shows what is left in its blocks after the removal.
    os.link(tmp_path / LEGACY_FILENAME, tmp_path.parent / f"{tmp_path.name}-same-inode")
    store = open_store(tmp_path)
    try:
        assert FormDraft(store).load() == {"full_name": "Lê Thị Hoa"}
    finally:
        store.close()
    assert not (tmp_path / LEGACY_FILENAME).exists()
    assert not (tmp_path / "form-autosave.tmp").exists()
    left = (tmp_path.parent / f"{tmp_path.name}-same-inode").read_bytes()
    assert left and set(left) == {0}  # overwritten before it was removed


def test_an_unreadable_old_file_is_removed_and_a_newer_draft_kept(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    FormDraft(store).save({"full_name": "Newer"})
    store.close()
    (tmp_path / LEGACY_FILENAME).write_text("{not json", encoding="utf-8")
    store = open_store(tmp_path)
    try:
        assert FormDraft(store).load() == {"full_name": "Newer"}
    finally:
        store.close()
    assert not (tmp_path / LEGACY_FILENAME).exists()


def test_the_export_log_keeps_who_when_how_many_and_which_file(
    store: Store, tmp_path: Path
) -> None:
    entry = ExportLog(store).record(kind="csv", path=tmp_path / "out.csv", record_count=12,
                                    actor="Trần Thị Lan", encrypted=False)
    assert ExportLog(store).entries() == [entry]
    assert entry.file_path == str((tmp_path / "out.csv").resolve())
    assert entry.at == store.clock() and entry.record_count == 12
