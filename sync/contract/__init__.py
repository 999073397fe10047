"""The record contract: one assisted registration ("lượt hỗ trợ"), as both ends see it."""

from sync.contract.record import (
    AssistanceRecord,
    ConsentMethod,
    Gender,
    OnlineLevel,
    Place,
    RecordStatus,
    Result,
)

__all__ = [
    "AssistanceRecord",
    "ConsentMethod",
    "Gender",
    "OnlineLevel",
    "Place",
    "RecordStatus",
    "Result",
]
