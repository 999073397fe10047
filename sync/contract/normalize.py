"""Canonical forms of names and phone numbers, and the folded search key.

Vietnamese text reaches us precomposed (NFC) or decomposed (NFD) depending on the keyboard
tool, so everything stored is NFC; search and duplicate detection use :func:`search_key`,
which also folds case and diacritics so "Nguyễn", "NGUYỄN" and "nguyen" meet.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import phonenumbers

_SPACES = re.compile(r"\s+")
# đ/Đ are letters of their own, not d plus a combining mark, so NFD leaves them alone.
_D_FOLD = str.maketrans({"đ": "d", "Đ": "d"})


class InvalidPhone(ValueError):
    """The text is not a Vietnamese mobile or landline number."""


def normalize_text(text: str) -> str:
    """NFC with runs of whitespace collapsed to one space and the ends trimmed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def normalize_name(text: str) -> str:
    """A person's name as stored: NFC, whitespace collapsed.

    Case is kept as typed: forcing title case would mangle names the resident spells their
    own way, and the search key makes case irrelevant for matching anyway.
    """
    return normalize_text(text)


@lru_cache(maxsize=65536)
def search_key(text: str) -> str:
    """Fold case, diacritics and đ so that every spelling of one name gives one key."""
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    folded = stripped.translate(_D_FOLD).casefold()
    return _SPACES.sub(" ", folded).strip()


_E164_VN = re.compile(r"^\+84\d{9,10}$")
_KNOWN_CANONICAL: set[str] = set()


def normalize_phone(text: str) -> str:
    """The canonical E.164 form ("+84912345678") of a Vietnamese phone number.

    "+84 912 345 678", "0912345678" and "84912345678" are one number.

    Raises:
        InvalidPhone: when the text is not a valid Vietnamese mobile or landline number.
    """
    # Validation runs on numbers this function already produced: skip parsing them again.
    if text in _KNOWN_CANONICAL:
        return text
    canonical = _parse_phone(text)
    if len(_KNOWN_CANONICAL) < 200_000 and _E164_VN.match(canonical):
        _KNOWN_CANONICAL.add(canonical)
    return canonical


#: A number already in canonical form: "+84" and a national number without its leading 0.
_CANONICAL_VN = re.compile(r"^\+84[1-9]\d{8,9}$")
_PHONE_KINDS = frozenset(
    (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    )
)


@lru_cache(maxsize=65536)
def _parse_phone(text: str) -> str:
    raw = text.strip()
    if _CANONICAL_VN.match(raw):
        # What laptops send: checked against the same metadata without parsing the text
        # again (parsing is ~4x the cost, and the ward checks every pushed record).
        number = phonenumbers.PhoneNumber(country_code=84, national_number=int(raw[3:]))
        if phonenumbers.number_type(number) in _PHONE_KINDS:
            return raw
        raise InvalidPhone(text)
    digits_only = re.sub(r"[\s.\-()]", "", raw)
    if digits_only.startswith("84") and not digits_only.startswith("+"):
        # Numbers copied from spreadsheets often lose their "+".
        digits_only = "+" + digits_only
    try:
        number = phonenumbers.parse(digits_only, "VN")
    except phonenumbers.NumberParseException as exc:
        raise InvalidPhone(text) from exc
    if number.country_code != 84 or not phonenumbers.is_valid_number(number):
        raise InvalidPhone(text)
    if phonenumbers.number_type(number) not in _PHONE_KINDS:
        raise InvalidPhone(text)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_phone(canonical: str) -> str:
    """The national display form ("0912 345 678") of a canonical number."""
    number = phonenumbers.parse(canonical, "VN")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def digits(text: str) -> str:
    """The digits of an identity number typed with spaces or dots ("022 1 85 012345")."""
    return re.sub(r"[\s.\-]", "", text)
