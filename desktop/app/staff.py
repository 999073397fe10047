"""Staff mode's side of the application layer: the ward server's staff API as the GUI uses it.

The client itself (``sync.client.staff``: one configured HTTP session, the error body turned
into bilingual errors, the session token in the OS keyring) is Qt-free and shared; the GUI
reaches it only through this module, so that no GUI module imports the sync client (the
import-linter layers in pyproject.toml).
"""

from __future__ import annotations

from sync.client.staff import (
    DEFAULT_IDLE_MINUTES,
    PAGE_SIZE,
    FieldProblem,
    Identity,
    RecordSummary,
    ResolveOutcome,
    SignedOut,
    StaffClient,
    StaffError,
    StaffUnreachable,
    Version,
    check_correction,
)

__all__ = [
    "DEFAULT_IDLE_MINUTES", "PAGE_SIZE", "FieldProblem", "Identity", "RecordSummary",
    "ResolveOutcome", "SignedOut", "StaffClient", "StaffError", "StaffUnreachable", "Version",
    "check_correction",
]  # fmt: skip
