"""Talking to the real ward server over HTTP in tests: enrolled devices, staff accounts and
their sessions, records in their wire shape, pushes, and the server process's memory."""

from __future__ import annotations

import gzip
import json
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sync.server import accounts
from sync.server.models import Role
from tests.sync.conftest import issue_code

PASSWORD = "a long enough password"
API = "/api/v1"
NEIGHBOURHOOD_NAMES = {"HT01": "Khu 1", "HT02": "Khu 2", "HT03": "Khu 3", "HT05": "Khu 5"}


@dataclass(frozen=True)
class Device:
    id: str
    token: str
    neighbourhood: str

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def enrol_device(engine: Engine, url: str, neighbourhood: str = "HT01") -> Device:
    code = issue_code(engine, neighbourhood=neighbourhood)
    answer = requests.post(f"{url}{API}/enroll", json={"code": code}, timeout=10)
    assert answer.status_code == 200, answer.text
    data = answer.json()
    return Device(data["device_id"], data["token"], neighbourhood)


def create_staff(
    engine: Engine, username: str, role: Role, *, neighbourhood: str | None = None
) -> None:
    with Session(engine) as session, session.begin():
        accounts.create_user(session, username=username, password=PASSWORD, role=role,
                             now=datetime.now(UTC), neighbourhood_code=neighbourhood)


def login(url: str, username: str, password: str = PASSWORD) -> str:
    answer = requests.post(f"{url}{API}/auth/login", timeout=10,
                           json={"username": username, "password": password})
    assert answer.status_code == 200, answer.text
    token: str = answer.json()["token"]
    return token


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def wire_record(device: Device, **overrides: Any) -> dict[str, Any]:
    """A valid final record of ``device``, in its wire shape."""
    moment = "2025-09-01T02:00:00+00:00"
    record: dict[str, Any] = {
        "id": str(uuid.uuid4()),
        "device_id": device.id,
        "volunteer_name": "Trần Thị Lan",
        "created_at": moment,
        "updated_at": moment,
        "assisted_on": date(2025, 9, 1).isoformat(),
        "revision": 1,
        "status": "final",
        "ward_code": "HA_TU",
        "ward_name": "Phường Hà Tu",
        "neighbourhood_code": device.neighbourhood,
        "neighbourhood_name": NEIGHBOURHOOD_NAMES.get(device.neighbourhood, "Khu"),
        "full_name": "Nguyễn Văn An",
        "birth_year": 1985,
        "gender": "male",
        "cccd": "022085001234",
        "phone": "+84912345678",
        "category": "VNEID_L1",
        "place": "meeting",
        "result": "completed",
        "consent": True,
        "consent_at": moment,
        "consent_method": "verbal",
    }
    record.update(overrides)
    return record


def push(
    url: str, device: Device, items: list[dict[str, Any]], *, batch_id: str = "b"
) -> requests.Response:
    body = gzip.compress(json.dumps({"batch_id": batch_id, "items": items}).encode())
    return requests.post(
        f"{url}{API}/push", data=body, timeout=30,
        headers={**device.auth, "Content-Encoding": "gzip", "Content-Type": "application/json"},
    )


def item(record: dict[str, Any], base_revision: int = 0) -> dict[str, Any]:
    return {"base_revision": base_revision, "record": record}


def memory_kib(pid: int) -> dict[str, int]:
    """VmRSS (now) and VmHWM (peak) of a process, from /proc."""
    values: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, rest = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            values[name] = int(rest.split()[0])
    return values
