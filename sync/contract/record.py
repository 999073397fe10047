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

from pydantic import BaseModel, ConfigDict, Field

#: Bumped when the wire shape of a record changes incompatibly.
CONTRACT_VERSION = 1


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
    device_id: str
    volunteer_name: str
    created_at: datetime
    updated_at: datetime
    assisted_on: date
    revision: int = 1
    status: RecordStatus = RecordStatus.DRAFT
    deleted: bool = False

    # where in the administration, as it was that day
    ward_code: str
    ward_name: str
    neighbourhood_code: str
    neighbourhood_name: str

    # the resident
    full_name: str = ""
    birth_date: date | None = None
    birth_year: int | None = None
    gender: Gender | None = None
    cccd: str | None = None
    cmnd: str | None = None
    phone: str | None = None
    address: str = ""

    # what was done
    category: str | None = None
    category_detail: str = ""  # free text, for OTHER
    procedure_code: str | None = None
    online_level: OnlineLevel | None = None
    dossier_code: str | None = None
    place: Place | None = None
    meeting_id: uuid.UUID | None = None

    # how it ended
    result: Result | None = None
    follow_up_date: date | None = None
    reason: str = ""
    notes: str = ""

    # consent (Nghị định 13/2023, Luật 91/2025): never pre-ticked
    consent: bool = False
    consent_at: datetime | None = None
    consent_method: ConsentMethod | None = None
    consent_notice_version: str | None = None

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
