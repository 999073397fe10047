"""The staff client's report calls (Qt-free; the staff report screen runs them on the
background helper's network worker): a period's figures, the records behind a figure, the
report files, locking and unlocking, the report's header settings.

Answers are the wire models of :mod:`sync.contract.wire`, validated on arrival, so a screen
never reads a field the server did not send.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sync.client.staff import StaffClient
from sync.contract.wire import (
    LockResponse,
    ReportOut,
    ReportRecordsPage,
    ReportSettingsBody,
)

FORMATS = ("xlsx", "pdf", "csv")


def _period(start: date, end: date) -> dict[str, str]:
    return {"start": start.isoformat(), "end": end.isoformat()}


def figures(client: StaffClient, start: date, end: date, *,
            neighbourhood: str | None = None) -> ReportOut:
    params: dict[str, Any] = _period(start, end)
    if neighbourhood:
        params["neighbourhood"] = neighbourhood
    return ReportOut.model_validate(client.call("GET", "/reports/figures", params=params))


def records_behind(client: StaffClient, start: date, end: date, breakdown: str, code: str, *,
                   neighbourhood: str | None = None, limit: int = 100,
                   offset: int = 0) -> ReportRecordsPage:
    params: dict[str, Any] = {**_period(start, end), "breakdown": breakdown, "code": code,
                              "limit": limit, "offset": offset}
    if neighbourhood:
        params["neighbourhood"] = neighbourhood
    return ReportRecordsPage.model_validate(client.call("GET", "/reports/records",
                                                        params=params))


def export(client: StaffClient, start: date, end: date, fmt: str, *,
           neighbourhood: str | None = None) -> bytes:
    if fmt not in FORMATS:
        raise ValueError(fmt)
    params: dict[str, Any] = {**_period(start, end), "format": fmt}
    if neighbourhood:
        params["neighbourhood"] = neighbourhood
    data: bytes = client.call("GET", "/reports/export", params=params, raw=True)
    return data


def lock(client: StaffClient, start: date, end: date) -> LockResponse:
    return LockResponse.model_validate(client.call("POST", "/reports/lock",
                                                   json=_period(start, end)))


def unlock(client: StaffClient, start: date, end: date, reason: str) -> LockResponse:
    return LockResponse.model_validate(client.call(
        "POST", "/reports/unlock", json={**_period(start, end), "reason": reason}))


def get_settings(client: StaffClient) -> ReportSettingsBody:
    return ReportSettingsBody.model_validate(client.call("GET", "/reports/settings"))


def put_settings(client: StaffClient, settings: ReportSettingsBody) -> ReportSettingsBody:
    return ReportSettingsBody.model_validate(client.call(
        "PUT", "/reports/settings", json=settings.model_dump(mode="json")))
