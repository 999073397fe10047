"""Files in and out: import CSV/XLSX, export CSV/XLSX, the import template."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from desktop.app.change import NOTHING, Change, Done
from desktop.app.profile import ProfileOps
from desktop.io.importer import ImportReport, import_file
from desktop.io.personal_export import WARNING, export_personal_data
from desktop.store import Store
from sync.contract.tabular import HeaderStyle, write_template

#: What the volunteer is told before personal data is written to a file (vi, en).
PERSONAL_DATA_WARNING = WARNING

Progress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]


class TransferOps:
    def __init__(self, store: Store, profile: ProfileOps) -> None:
        self._store = store
        self._profile = profile

    def import_file(self, path: Path, *, progress: Progress | None = None,
                    cancel: CancelCheck | None = None) -> Done[ImportReport]:
        """Import ``path`` as the volunteer of this laptop (see ``desktop.io.importer``).

        Raises:
            FileFormatError: the file cannot be read or has no known header.
            NoProfileError: there is no volunteer profile yet.
        """
        actor = self._profile.require().volunteer_name
        report = import_file(self._store, path, actor=actor, progress=progress, cancel=cancel)
        return Done(report, Change(records_many=True) if report.stored else NOTHING)

    def export_file(self, path: Path, *, style: HeaderStyle = "en",
                    include_deleted: bool = False, progress: Progress | None = None,
                    cancel: CancelCheck | None = None) -> Done[int]:
        """Write every record to ``path`` (.csv or .xlsx); how many were written.

        Raises:
            FileFormatError: another suffix, or the file cannot be written.
            ExportCancelled: ``cancel()`` said so (no file is left behind).
        """
        # Owner-only file, and recorded in the laptop's log of exports (personal data leaves).
        count = export_personal_data(self._store, path, style=style,
                                     include_deleted=include_deleted, progress=progress,
                                     cancel=cancel)
        return Done(count, NOTHING)

    @staticmethod
    def write_template(path: Path, *, style: HeaderStyle = "vi") -> None:
        write_template(path, style=style)
