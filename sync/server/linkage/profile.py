"""What the matcher keeps of one record: the identifying fields, normalised once when the
record is indexed (stored in ``resident_profiles``), so scoring a candidate never re-reads
or re-parses its JSON payload."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sync.contract import cccd as cccd_rules
from sync.contract.normalize import InvalidPhone, digits, normalize_name, normalize_phone
from sync.contract.normalize import search_key as fold
from sync.server.linkage.names import ParsedName, parse_name


@dataclass(frozen=True, slots=True)
class Profile:
    record_id: str
    name: str  # as stored (NFC), for reasons shown to staff
    parsed: ParsedName | None
    birth_date: date | None
    #: From the full date, else the year entered, else the year the CCCD encodes.
    birth_year: int | None
    gender: str | None
    #: Only a CCCD that is well formed and agrees with the record's own birth year and gender:
    #: a number that contradicts its own record is a typo and proves nothing either way.
    cccd: str | None
    cmnd: str | None
    phone: str | None  # E.164
    neighbourhood: str
    address: str  # folded
    category: str | None
    assisted_on: date | None

    @property
    def identifiable(self) -> bool:
        """Whether anything in it can tell one person from another."""
        return (
            self.parsed is not None
            or self.cccd is not None
            or self.cmnd is not None
            or self.phone is not None
        )


def profile_from_payload(record_id: str, payload: dict[str, Any]) -> Profile | None:
    """The profile of a head version (its wire dict); ``None`` for a deleted record or one
    with nothing identifying left (anonymous, or personal fields erased)."""
    if payload.get("deleted"):
        return None
    name = normalize_name(str(payload.get("full_name") or ""))
    birth_date = _date(payload.get("birth_date"))
    year = birth_date.year if birth_date else _int(payload.get("birth_year"))
    gender = payload.get("gender") or None
    cccd = _valid_cccd(payload.get("cccd"), year, gender)
    if year is None and cccd is not None:
        year = cccd_rules.decode(cccd).birth_year
    cmnd = digits(str(payload.get("cmnd") or "")) or None
    profile = Profile(
        record_id=record_id,
        name=name,
        parsed=parse_name(name) if name else None,
        birth_date=birth_date,
        birth_year=year,
        gender=str(gender) if gender else None,
        cccd=cccd,
        cmnd=cmnd if cmnd and cmnd.isdigit() else None,
        phone=_phone(payload.get("phone")),
        neighbourhood=str(payload.get("neighbourhood_code") or ""),
        address=fold(str(payload.get("address") or "")),
        category=payload.get("category") or None,
        assisted_on=_date(payload.get("assisted_on")),
    )
    return profile if profile.identifiable else None


def _valid_cccd(raw: Any, year: int | None, gender: Any) -> str | None:
    if not raw:
        return None
    number = digits(str(raw))
    if not cccd_rules.is_well_formed(number):
        return None
    info = cccd_rules.decode(number)
    if year is not None and info.birth_year != year:
        return None
    if gender and info.gender.value != str(gender):
        return None
    return number


def _phone(raw: Any) -> str | None:
    if not raw:
        return None
    try:
        return normalize_phone(str(raw))
    except InvalidPhone:
        return None


def _date(raw: Any) -> date | None:
    if isinstance(raw, date):
        return raw
    if isinstance(raw, str) and raw:
        try:
            return date.fromisoformat(raw)
        except ValueError:
            return None
    return None


def _int(raw: Any) -> int | None:
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and raw.isdigit():
        return int(raw)
    return None


def profile_row(profile: Profile, now: datetime) -> dict[str, Any]:
    """The ``resident_profiles`` row of a profile."""
    return {
        "record_id": profile.record_id,
        "name": profile.name,
        "name_key": (profile.parsed.folded if profile.parsed else "")[:255],
        "birth_date": profile.birth_date,
        "birth_year": profile.birth_year,
        "gender": profile.gender,
        "cccd": profile.cccd,
        "cmnd": profile.cmnd[:12] if profile.cmnd else None,
        "phone": profile.phone,
        "neighbourhood": profile.neighbourhood[:32],
        "address": profile.address,
        "category": profile.category[:32] if profile.category else None,
        "assisted_on": profile.assisted_on,
        "indexed_at": now,
    }


#: The columns :func:`profile_from_row` reads, in a SELECT's order.
PROFILE_COLUMNS = (
    "record_id", "name", "birth_date", "birth_year", "gender", "cccd", "cmnd", "phone",
    "neighbourhood", "address", "category", "assisted_on",
)  # fmt: skip


def profile_from_row(row: Any) -> Profile:
    """A stored profile; the name is parsed again (cached), cheaper than storing its parts."""
    return Profile(
        record_id=row.record_id,
        name=row.name,
        parsed=parse_name(row.name) if row.name else None,
        birth_date=row.birth_date,
        birth_year=row.birth_year,
        gender=row.gender,
        cccd=row.cccd,
        cmnd=row.cmnd,
        phone=row.phone,
        neighbourhood=row.neighbourhood,
        address=row.address,
        category=row.category,
        assisted_on=row.assisted_on,
    )
