"""Files of personal data leaving the laptop: CSV/XLSX exports and USB bundles, logged.

A CSV or XLSX file is not encrypted: whoever gets the file reads every resident's name, CCCD
and phone number. So the volunteer is told before the file is written (the GUI asks for a
confirmation naming exactly that, the command line prints :data:`WARNING`), the file is
created readable by its owner only (0600 on POSIX), and the export is recorded in the
laptop's log of exports (who, when, how many records, which file:
:class:`desktop.store.exports.ExportLog`). A USB bundle is encrypted to the ward and signed
(:mod:`sync.contract.bundle`); it is logged too, as encrypted.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from desktop.io.exporter import CancelCheck, Progress, export_file
from desktop.io.readers import CSV_SUFFIXES, XLSX_SUFFIXES
from desktop.store.database import Store
from desktop.store.exports import ExportLog
from desktop.store.profile import ProfileRepository
from desktop.store.sync_state import StoreSync
from sync.client.bundle import export_bundle
from sync.client.credentials import TokenStore
from sync.contract.tabular import HeaderStyle

WARNING = (
    "Cảnh báo: tệp này sẽ chứa họ tên, số CCCD và số điện thoại của người dân, KHÔNG được bảo "
    "vệ (không mã hoá). Chỉ gửi cho người có trách nhiệm, không để trên USB hay máy dùng chung, "
    "và xoá khi không còn cần.",
    "Warning: this file will hold residents' names, CCCD and phone numbers UNPROTECTED (not "
    "encrypted). Give it only to those responsible, do not leave it on a USB stick or a shared "
    "computer, and delete it when no longer needed.",
)


def export_personal_data(
    store: Store, path: Path, *, style: HeaderStyle = "en", include_deleted: bool = False,
    actor: str | None = None, progress: Progress | None = None, cancel: CancelCheck | None = None,
) -> int:
    """Write the records to ``path`` (owner-only), log the export; returns how many."""
    suffix = path.suffix.lower()
    if suffix not in CSV_SUFFIXES + XLSX_SUFFIXES:
        # The exporter refuses the name with its own message, before writing anything.
        export_file(store, path, style=style)
    count = export_file(store, path, style=style, include_deleted=include_deleted,
                        progress=progress, cancel=cancel)
    ExportLog(store).record(kind="xlsx" if suffix in XLSX_SUFFIXES else "csv", path=path,
                            record_count=count, actor=actor if actor is not None else _actor(store),
                            encrypted=False)
    return count


def export_usb_bundle(store: Store, tokens: TokenStore, path: Path, *,
                      clock: Callable[[], datetime]) -> int:
    """Write every unsent record into an encrypted, signed bundle; log it; returns how many."""
    count = export_bundle(StoreSync(store), tokens, path, clock=clock)
    ExportLog(store).record(kind="bundle", path=path, record_count=count, actor=_actor(store),
                            encrypted=True)
    return count


def _actor(store: Store) -> str:
    profile = ProfileRepository(store).get()
    return profile.volunteer_name if profile else ""
