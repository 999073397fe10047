"""The entry form's autosave snapshot, kept in the (encrypted) store.

The GUI writes it a moment after each edit (on the database worker, like every write),
clears it when the record is saved, and offers it back at the next start. Before the store was
encrypted the snapshot was a JSON file beside the database; :func:`adopt_legacy_file` moves an
old one in and deletes the file (overwritten first), when the store opens.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select

from desktop.store.database import Store
from desktop.store.models import FormDraftRow

log = logging.getLogger(__name__)

LEGACY_FILENAME = "form-autosave.json"
_ROW_ID = 1


class FormDraft:
    """The one autosave snapshot of the entry form."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def save(self, snapshot: dict[str, Any]) -> None:
        with self._store.session() as session:
            row = session.get(FormDraftRow, _ROW_ID)
            if row is None:
                session.add(FormDraftRow(id=_ROW_ID, snapshot=snapshot,
                                         updated_at=self._store.clock()))
            else:
                row.snapshot = snapshot
                row.updated_at = self._store.clock()

    def load(self) -> dict[str, Any] | None:
        with self._store.session() as session:
            value = session.scalar(select(FormDraftRow.snapshot).where(
                FormDraftRow.id == _ROW_ID))
        return dict(value) if isinstance(value, dict) else None

    def clear(self) -> None:
        with self._store.session() as session:
            session.execute(delete(FormDraftRow))


def adopt_legacy_file(store: Store) -> bool:
    """Move an old ``form-autosave.json`` into the store and delete it; True if there was one.

    A snapshot already in the store is newer than any file (the file is no longer written),
    so it is kept. An unreadable file is deleted too: it can hold personal data in plain text.
    """
    path = store.data_dir / LEGACY_FILENAME
    leftovers = [path, path.with_suffix(".tmp")]
    if not any(p.exists() for p in leftovers):
        return False
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        data = None
    except (OSError, ValueError):
        log.warning("unreadable autosave file %s removed", path, exc_info=True)
        data = None
    drafts = FormDraft(store)
    if isinstance(data, dict) and drafts.load() is None:
        drafts.save(data)
    for leftover in leftovers:
        _shred(leftover)
    return True


def _shred(path: Path) -> None:
    """Overwrite the file with zeros (on disk: fsync) before removing it, so the plain text
    does not linger in its blocks. Best effort: a journalling or copy-on-write file system, or
    an SSD's wear levelling, may keep older copies; the store itself is what protects data."""
    try:
        with path.open("r+b") as handle:
            size = handle.seek(0, os.SEEK_END)
            handle.seek(0)
            handle.write(b"\0" * size)
            handle.flush()
            os.fsync(handle.fileno())
    except FileNotFoundError:
        return
    except OSError:
        log.warning("could not overwrite %s before removing it", path, exc_info=True)
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
