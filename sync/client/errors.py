"""Known sync failures, each with a plain message in Vietnamese and English.

Anything else raised by the client is a bug and keeps its traceback.
"""

from __future__ import annotations


class SyncError(Exception):
    """A sync could not finish for a reason the volunteer can understand and act on."""

    code = "sync_failed"

    def __init__(self, message_vi: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_vi = message_vi
        self.message_en = message_en

    def message(self, lang: str = "vi") -> str:
        return self.message_vi if lang == "vi" else self.message_en


class ServerUnreachable(SyncError):
    code = "unreachable"


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
    return ServerUnreachable(
        f"Không kết nối được máy chủ phường ({url}). Dữ liệu vẫn an toàn trên máy; "
        f"hãy thử lại khi có mạng. Chi tiết: {detail}",
        f"Cannot reach the ward server ({url}). Your records are safe on this laptop; "
        f"try again when you are online. Detail: {detail}",
    )
