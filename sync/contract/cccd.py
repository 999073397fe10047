"""Structure of the 12-digit citizen ID (CCCD): ``PPP G YY NNNNNN``.

PPP is the province where the birth was registered, G encodes century and gender, YY the last
two digits of the birth year. There is no check digit, so the strong check is consistency
with the birth year and gender the volunteer entered: a mismatch is almost always a typo.
"""

from __future__ import annotations

from dataclasses import dataclass

from sync.contract.record import Gender

# G digit -> (first year of the century, gender)
_CENTURY_GENDER: dict[int, tuple[int, Gender]] = {
    0: (1900, Gender.MALE),
    1: (1900, Gender.FEMALE),
    2: (2000, Gender.MALE),
    3: (2000, Gender.FEMALE),
    4: (2100, Gender.MALE),
    5: (2100, Gender.FEMALE),
    6: (2200, Gender.MALE),
    7: (2200, Gender.FEMALE),
    8: (1800, Gender.MALE),
    9: (1800, Gender.FEMALE),
}


@dataclass(frozen=True)
class CccdInfo:
    """What a well-formed CCCD number says about its holder."""

    province_code: str
    birth_year: int
    gender: Gender
    serial: str


def is_well_formed(number: str) -> bool:
    return len(number) == 12 and number.isascii() and number.isdigit()


def decode(number: str) -> CccdInfo:
    """Read the province, birth year and gender encoded in a 12-digit number.

    Raises:
        ValueError: when the number is not 12 ASCII digits.
    """
    if not is_well_formed(number):
        raise ValueError(f"not a 12-digit CCCD number: {number!r}")
    century, gender = _CENTURY_GENDER[int(number[3])]
    return CccdInfo(
        province_code=number[:3],
        birth_year=century + int(number[4:6]),
        gender=gender,
        serial=number[6:],
    )


def encode(province_code: str, birth_year: int, gender: Gender, serial: str) -> str:
    """The CCCD number for these facts (used by the test-data generator)."""
    century = birth_year - birth_year % 100
    for digit, (first_year, digit_gender) in _CENTURY_GENDER.items():
        if first_year == century and digit_gender is gender:
            return f"{province_code}{digit}{birth_year % 100:02d}{serial}"
    raise ValueError(f"no CCCD century digit for the year {birth_year}")
