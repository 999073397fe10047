"""The values the GUI and the CLI get from the application layer, in one import.

They are defined where they are made (the store's queries, the importer, the sync client);
this module names them for the layers above, which import the application layer and the
record contract, never the store or ``desktop.io`` directly.
"""

from __future__ import annotations

from desktop.io.importer import ImportReport, RowProblem
from desktop.io.readers import CSV_SUFFIXES, XLSX_SUFFIXES, FileFormatError
from desktop.store.clock import Clock, fixed_clock, system_clock
from desktop.store.errors import StoreError
from desktop.store.meetings import Meeting, MeetingSummary
from desktop.store.profile import Profile
from desktop.store.queries import Counts, FollowUp, RecordFilter, RecordSort, RecordSummary, SortKey
from desktop.store.records import AuditEntry
from desktop.store.sync_state import server_message_text
from sync.client.http import CancelToken
from sync.client.report import Phase, Status, SyncProgress, SyncReport
from sync.client.session import DEFAULT_BATCH
from sync.contract.sync_types import Enrolment

__all__ = [
    "CSV_SUFFIXES",
    "DEFAULT_BATCH",
    "XLSX_SUFFIXES",
    "AuditEntry",
    "CancelToken",
    "Clock",
    "Counts",
    "Enrolment",
    "FileFormatError",
    "FollowUp",
    "ImportReport",
    "Meeting",
    "MeetingSummary",
    "Phase",
    "Profile",
    "RecordFilter",
    "RecordSort",
    "RecordSummary",
    "RowProblem",
    "SortKey",
    "Status",
    "StoreError",
    "SyncProgress",
    "SyncReport",
    "fixed_clock",
    "server_message_text",
    "system_clock",
]
