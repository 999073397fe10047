"""The laptop's log of files of personal data it wrote (CSV/XLSX exports, USB bundles)."""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from desktop.store.database import Store
from desktop.store.models import ExportRow


@dataclass(frozen=True)
class ExportEntry:
    at: datetime
    actor: str
    os_user: str
    kind: str
    file_path: str
    record_count: int
    encrypted: bool


class ExportLog:
    def __init__(self, store: Store) -> None:
        self._store = store

    def record(self, *, kind: str, path: Path, record_count: int, actor: str,
               encrypted: bool) -> ExportEntry:
        entry = ExportEntry(at=self._store.clock(), actor=actor, os_user=_os_user(),
                            kind=kind, file_path=str(path.resolve()), record_count=record_count,
                            encrypted=encrypted)
        with self._store.session() as session:
            session.add(ExportRow(**entry.__dict__))
        return entry

    def entries(self) -> list[ExportEntry]:
        with self._store.session() as session:
            rows = session.scalars(select(ExportRow).order_by(ExportRow.at, ExportRow.id)).all()
            return [ExportEntry(at=r.at, actor=r.actor, os_user=r.os_user, kind=r.kind,
                                file_path=r.file_path, record_count=r.record_count,
                                encrypted=r.encrypted) for r in rows]


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (a service account, a container)
        return ""
