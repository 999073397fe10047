"""Known store errors: each carries a plain message in Vietnamese and English.

Anything else escaping the store is a bug and is reported as one (with a traceback).
"""

from __future__ import annotations

from sync.contract.errors import KnownError


class StoreError(KnownError):
    """A problem the user can understand and act on."""


class StoreOpenError(StoreError):
    """The database cannot be opened (unwritable folder, damaged file, newer app's file, …)."""


class WrongKey(StoreOpenError):
    """The key given does not open the database file (the file is left untouched)."""


class NoProfileError(StoreError):
    """Records need a volunteer profile and there is none yet."""

    def __init__(self) -> None:
        super().__init__(
            "Chưa có hồ sơ tình nguyện viên. Hãy chạy: hotroso profile --name TÊN "
            "--neighbourhood MÃ_KHU_PHỐ",
            "There is no volunteer profile yet. Run: hotroso profile --name NAME "
            "--neighbourhood CODE",
        )


class ProfileError(StoreError):
    """A profile value is not acceptable (e.g. an unknown neighbourhood code)."""


class RecordNotFound(StoreError):
    def __init__(self, record_id: object) -> None:
        super().__init__(
            f"Không tìm thấy lượt hỗ trợ {record_id}.",
            f"Record {record_id} was not found.",
        )


class MeetingError(StoreError):
    """A meeting cannot be started or ended as asked."""
