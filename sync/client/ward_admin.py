"""The staff client's administrator calls (Qt-free): accounts, devices, the reference data
in force with what each laptop has received, and the audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sync.client.staff import StaffClient
from sync.contract.reference import ReferenceData
from sync.contract.wire import (
    AuditPage,
    DeviceSummary,
    EnrolmentIssued,
    EnrolmentRequest,
    ReferenceOverview,
    ReferencePublished,
    UserActionResponse,
    UserCreate,
    UserSummary,
    UserUpdate,
)


def list_users(client: StaffClient) -> list[UserSummary]:
    return [UserSummary.model_validate(u) for u in client.call("GET", "/admin/users")]


def create_user(client: StaffClient, user: UserCreate) -> UserSummary:
    return UserSummary.model_validate(client.call("POST", "/admin/users",
                                                  json=user.model_dump(mode="json")))


def update_user(client: StaffClient, username: str, change: UserUpdate) -> UserSummary:
    return UserSummary.model_validate(client.call(
        "PATCH", f"/admin/users/{username}", json=change.model_dump(mode="json",
                                                                     exclude_unset=True)))


def set_active(client: StaffClient, username: str, active: bool) -> UserActionResponse:
    action = "enable" if active else "disable"
    return UserActionResponse.model_validate(client.call(
        "POST", f"/admin/users/{username}/{action}"))


def reset_password(client: StaffClient, username: str, password: str) -> UserActionResponse:
    return UserActionResponse.model_validate(client.call(
        "POST", f"/admin/users/{username}/reset-password", json={"new_password": password}))


def list_devices(client: StaffClient) -> list[DeviceSummary]:
    return [DeviceSummary.model_validate(d) for d in client.call("GET", "/admin/devices")]


def enrol_device(client: StaffClient, request: EnrolmentRequest) -> EnrolmentIssued:
    return EnrolmentIssued.model_validate(client.call("POST", "/admin/devices",
                                                      json=request.model_dump(mode="json")))


def revoke_device(client: StaffClient, device_id: str) -> DeviceSummary:
    return DeviceSummary.model_validate(client.call("POST",
                                                    f"/admin/devices/{device_id}/revoke"))


def reference_overview(client: StaffClient) -> ReferenceOverview:
    return ReferenceOverview.model_validate(client.call("GET", "/admin/reference"))


def publish_reference(client: StaffClient, reference: ReferenceData) -> ReferencePublished:
    """Publish reference data read (and checked) on this computer; the server checks it
    again and refuses a version already in force."""
    return ReferencePublished.model_validate(client.call(
        "POST", "/admin/reference", json={"documents": reference.json_documents()}))


def _audit_params(actor: str, action: str, target: str, since: datetime | None,
                  until: datetime | None) -> dict[str, Any]:
    params: dict[str, Any] = {}
    for name, value in (("actor", actor), ("action", action), ("target", target)):
        if value.strip():
            params[name] = value.strip()
    if since is not None:
        params["since"] = since.isoformat()
    if until is not None:
        params["until"] = until.isoformat()
    return params


def audit_page(client: StaffClient, *, actor: str = "", action: str = "", target: str = "",
               since: datetime | None = None, until: datetime | None = None,
               limit: int = 100, offset: int = 0) -> AuditPage:
    params = {**_audit_params(actor, action, target, since, until), "limit": limit,
              "offset": offset}
    return AuditPage.model_validate(client.call("GET", "/admin/audit", params=params))


def audit_export(client: StaffClient, *, actor: str = "", action: str = "", target: str = "",
                 since: datetime | None = None, until: datetime | None = None) -> bytes:
    data: bytes = client.call("GET", "/admin/audit/export",
                              params=_audit_params(actor, action, target, since, until),
                              raw=True)
    return data
