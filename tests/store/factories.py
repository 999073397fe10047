"""Builders shared by the store and import/export tests."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from desktop.store import Store
from desktop.store.clock import fixed_clock
from desktop.store.profile import Profile, ProfileRepository
from sync.contract.record import (
    AssistanceRecord,
    ConsentMethod,
    Gender,
    Place,
    RecordStatus,
    Result,
)

#: 10:00 in Hà Nội on 1 September 2025 (a Monday).
NOW = datetime(2025, 9, 1, 3, 0, tzinfo=UTC)
TODAY = date(2025, 9, 1)


def open_store(directory: Path) -> Store:
    return Store.open(directory, clock=fixed_clock(NOW))


def add_profile(store: Store, *, server_url: str | None = None) -> Profile:
    return ProfileRepository(store).save(
        volunteer_name="Trần Thị Lan", neighbourhood_code="HT01", server_url=server_url
    )


def make_record(profile: Profile, **overrides: Any) -> AssistanceRecord:
    """A valid final record; override any field."""
    values: dict[str, Any] = {
        "id": uuid.uuid4(),
        "device_id": str(profile.device_id),
        "volunteer_name": profile.volunteer_name,
        "created_at": NOW,
        "updated_at": NOW,
        "assisted_on": TODAY,
        "status": RecordStatus.FINAL,
        "ward_code": "HA_TU",
        "ward_name": "Phường Hà Tu",
        "neighbourhood_code": "HT01",
        "neighbourhood_name": "Khu 1",
        "full_name": "Nguyễn Văn An",
        "birth_year": 1985,
        "gender": Gender.MALE,
        "cccd": "022085001234",
        "phone": "+84912345678",
        "category": "VNEID_L1",
        "place": Place.MEETING,
        "result": Result.COMPLETED,
        "consent": True,
        "consent_method": ConsentMethod.VERBAL,
    }
    values.update(overrides)
    return AssistanceRecord(**values)
