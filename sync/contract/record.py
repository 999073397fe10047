"""The shape of one assisted registration ("lượt hỗ trợ").

The record is flat on purpose: the same field names are the CSV/XLSX column headers, the
local store's columns and the JSON keys on the wire, so one vocabulary serves every layer.

Shape only lives here (types, enums, serialisation). Whether a record is *acceptable* (a
draft may be incomplete, a final one may not) is decided by :mod:`sync.contract.validation`,
because the rules depend on reference data and on the record's status.

There are no fields for ID-card photos, passwords or one-time codes, and there never will be:
they are sensitive personal data the app must never collect.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

#: Bumped when the wire shape of a record changes incompatibly.
CONTRACT_VERSION = 1

#: Hard bounds of the record's shape: what any record may hold at all, draft or final. They
#: fit the columns of the ward server's database (a PostgreSQL ``integer`` is 32 bits) and of
#: the laptop store, so an out-of-range value is a validation error naming its field (a 422,
#: or that push item's rejection), never a database error. The lower limits a volunteer is
#: told about are :data:`sync.contract.validation.MAX_LENGTHS`.
MAX_REVISION = 2**31 - 1
MAX_YEAR = 9999
#: No text field may hold a NUL character: PostgreSQL cannot store one in text, and no
#: keyboard types one. Other control characters are kept (exports strip them).
NUL_FREE = r"^[^\x00]*$"
TEXT_LIMITS: dict[str, int] = {
    "device_id": 64,
    "volunteer_name": 200,
    "ward_code": 32,
    "ward_name": 200,
    "neighbourhood_code": 32,
    "neighbourhood_name": 200,
    "full_name": 200,
    "cccd": 32,
    "cmnd": 32,
    "phone": 32,
    "address": 1000,
    "category": 64,
    "category_detail": 1000,
    "procedure_code": 32,
    "dossier_code": 64,
    "reason": 2000,
    "notes": 8000,
    "consent_notice_version": 64,
}


def _text(name: str, default: str | None = None) -> Any:
    """A bounded, NUL-free text field (``...`` default: required)."""
    return Field(... if default is None else default, max_length=TEXT_LIMITS[name],
                 pattern=NUL_FREE)


def _optional_text(name: str) -> Any:
    return Field(None, max_length=TEXT_LIMITS[name], pattern=NUL_FREE)


class Gender(StrEnum):
    MALE = "male"
    FEMALE = "female"


class Place(StrEnum):
    """Where the help was given."""

    MEETING = "meeting"  # họp khu phố
    HOME_VISIT = "home_visit"  # đến nhà
    WARD_DESK = "ward_desk"  # bộ phận một cửa của phường


class Result(StrEnum):
    COMPLETED = "completed"
    PENDING = "pending"  # submitted, waiting for the authority
    FOLLOW_UP = "follow_up"  # needs follow-up, with a due date
    NOT_POSSIBLE = "not_possible"  # with a reason
    DECLINED = "declined"  # the resident declined


class OnlineLevel(StrEnum):
    """Online level of a public service, per Nghị định 42/2022."""

    FULL = "full"  # toàn trình (old level 4)
    PARTIAL = "partial"  # một phần (old level 3)


class ConsentMethod(StrEnum):
    VERBAL = "verbal"
    SIGNED = "signed"
    #: Not a way of consenting: the resident withdrew consent on the laptop before the ward
    #: ever received the record, which is then sent as an anonymous count (no personal data).
    WITHDRAWN = "withdrawn"


#: The ways a resident gives consent (what the entry form and test data offer).
GIVEN_CONSENT_METHODS = (ConsentMethod.VERBAL, ConsentMethod.SIGNED)


class RecordStatus(StrEnum):
    DRAFT = "draft"
    FINAL = "final"


def new_record_id() -> uuid.UUID:
    """A record id made on the device; random so that devices never collide offline."""
    return uuid.uuid4()


class AssistanceRecord(BaseModel):
    """One resident helped once.

    Names and phone numbers are expected in their canonical form (see
    :mod:`sync.contract.normalize`); :func:`sync.contract.validation.clean` produces it.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False)

    # identity and provenance
    id: uuid.UUID = Field(default_factory=new_record_id)
    device_id: str = _text("device_id")
    volunteer_name: str = _text("volunteer_name")
    created_at: datetime
    updated_at: datetime
    assisted_on: date
    revision: int = Field(1, ge=1, le=MAX_REVISION)
    status: RecordStatus = RecordStatus.DRAFT
    deleted: bool = False

    # where in the administration, as it was that day
    ward_code: str = _text("ward_code")
    ward_name: str = _text("ward_name")
    neighbourhood_code: str = _text("neighbourhood_code")
    neighbourhood_name: str = _text("neighbourhood_name")

    # the resident
    full_name: str = _text("full_name", "")
    birth_date: date | None = None
    birth_year: int | None = Field(None, ge=0, le=MAX_YEAR)
    gender: Gender | None = None
    cccd: str | None = _optional_text("cccd")
    cmnd: str | None = _optional_text("cmnd")
    phone: str | None = _optional_text("phone")
    address: str = _text("address", "")

    # what was done
    category: str | None = _optional_text("category")
    category_detail: str = _text("category_detail", "")  # free text, for OTHER
    procedure_code: str | None = _optional_text("procedure_code")
    online_level: OnlineLevel | None = None
    dossier_code: str | None = _optional_text("dossier_code")
    place: Place | None = None
    meeting_id: uuid.UUID | None = None

    # how it ended
    result: Result | None = None
    follow_up_date: date | None = None
    reason: str = _text("reason", "")
    notes: str = _text("notes", "")

    # consent (Nghị định 13/2023, Luật 91/2025): never pre-ticked
    consent: bool = False
    consent_at: datetime | None = None
    consent_method: ConsentMethod | None = None
    consent_notice_version: str | None = _optional_text("consent_notice_version")

    def effective_birth_year(self) -> int | None:
        """The birth year, from the full date when there is one."""
        if self.birth_date is not None:
            return self.birth_date.year
        return self.birth_year

    def to_wire(self) -> dict[str, object]:
        """JSON-ready dict (ISO dates, string UUIDs, enum values)."""
        return self.model_dump(mode="json")

    @classmethod
    def from_wire(cls, data: dict[str, object]) -> AssistanceRecord:
        return cls.model_validate(data)


#: Field names of the contract, in the order used for export columns.
RECORD_FIELDS: tuple[str, ...] = tuple(AssistanceRecord.model_fields)
