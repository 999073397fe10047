"""Known sync failures, each with a plain message in Vietnamese and English.

Anything else raised by the client is a bug and keeps its traceback.
"""

from __future__ import annotations

from sync.contract.errors import KnownError


class SyncError(KnownError):
    """A sync could not finish for a reason the volunteer can understand and act on."""

    code = "sync_failed"


class ServerUnreachable(SyncError):
    code = "unreachable"
    detail = ""


class ServerRefused(SyncError):
    """The server answered with an error the client cannot fix by retrying."""

    code = "refused"


class NotEnrolled(SyncError):
    code = "not_enrolled"


class DeviceRevoked(SyncError):
    code = "revoked"


class SyncCancelled(SyncError):
    code = "cancelled"

    def __init__(self) -> None:
        super().__init__("Đã huỷ đồng bộ.", "Sync cancelled.")


def unreachable(url: str, detail: str) -> ServerUnreachable:
    """The server cannot be reached. ``detail`` (an exception's name, an HTTP status) is for
    the log, never for the volunteer's eyes."""
    error = ServerUnreachable(
        f"Không kết nối được máy chủ phường ({url}). Dữ liệu vẫn an toàn trên máy; "
        "hãy thử lại khi có mạng.",
        f"Cannot reach the ward server ({url}). Your records are safe on this laptop; "
        "try again when you are online.",
    )
    error.detail = detail
    return error
