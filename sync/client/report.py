"""What a sync run did, for the summary line, the sync history and the GUI."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class Phase(StrEnum):
    PUSH = "push"
    PULL = "pull"


@dataclass(frozen=True)
class SyncProgress:
    phase: Phase
    done: int
    total: int


class Status(StrEnum):
    OK = "ok"
    FAILED = "failed"
    CANCELLED = "cancelled"
    REVOKED = "revoked"


@dataclass
class SyncReport:
    started_at: datetime
    finished_at: datetime | None = None
    status: Status = Status.OK
    error_code: str | None = None
    message_vi: str = ""
    message_en: str = ""
    resumed: bool = False
    batches: int = 0
    requests: int = 0
    bytes_sent: int = 0
    bytes_received: int = 0
    accepted: int = 0
    already_had: int = 0
    conflicts: int = 0
    rejected: int = 0
    reviews: int = 0
    corrections: int = 0
    pulled: int = 0
    #: Records whose withdrawn consent the ward erased on its side in this run.
    withdrawals: int = 0
    reference_version: str | None = None
    rejected_records: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status is Status.OK

    @property
    def sent(self) -> int:
        return self.accepted + self.already_had + self.conflicts

    def summary(self, lang: str = "vi") -> str:
        if lang == "vi":
            text = (
                f"Đã gửi {self.sent} bản ghi (mới {self.accepted}, đã có {self.already_had}, "
                f"xung đột {self.conflicts}), bị từ chối {self.rejected}; nhận {self.pulled} "
                f"cập nhật từ phường."
            )
        else:
            text = (
                f"Sent {self.sent} records (new {self.accepted}, already there "
                f"{self.already_had}, conflicts {self.conflicts}), rejected {self.rejected}; "
                f"received {self.pulled} updates from the ward."
            )
        if self.withdrawals:
            text += (f" Phường đã xoá dữ liệu của {self.withdrawals} bản ghi người dân rút lại "
                     "sự đồng ý." if lang == "vi" else
                     f" The ward erased the data of {self.withdrawals} records whose consent "
                     "was withdrawn.")
        message = self.message_vi if lang == "vi" else self.message_en
        return f"{text} {message}".strip()

    def to_history(self) -> dict[str, Any]:
        data = asdict(self)
        data["started_at"] = self.started_at.isoformat()
        data["finished_at"] = self.finished_at.isoformat() if self.finished_at else None
        data["status"] = self.status.value
        return data
