"""Staff mode's reports and administration, as the GUI reaches them (the GUI imports no
sync client: see the import-linter layers in pyproject.toml)."""

from __future__ import annotations

from sync.client import ward_admin, ward_reports
from sync.contract.wire import (
    AuditEntryOut,
    DeviceSummary,
    EnrolmentIssued,
    EnrolmentRequest,
    FigureRowOut,
    ReferenceOverview,
    ReferencePublished,
    ReportOut,
    ReportRecordItem,
    ReportRecordsPage,
    ReportSettingsBody,
    Role,
    UserCreate,
    UserSummary,
    UserUpdate,
)

__all__ = [
    "AuditEntryOut", "DeviceSummary", "EnrolmentIssued", "EnrolmentRequest", "FigureRowOut",
    "ReferenceOverview", "ReferencePublished", "ReportOut", "ReportRecordItem", "ReportRecordsPage",
    "ReportSettingsBody", "Role", "UserCreate", "UserSummary", "UserUpdate", "ward_admin",
    "ward_reports",
]  # fmt: skip
