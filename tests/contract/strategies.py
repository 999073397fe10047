"""Hypothesis strategies for Vietnamese text and records, shared by the contract tests."""

from __future__ import annotations

import unicodedata
import uuid
from datetime import UTC, date, datetime, timedelta

import phonenumbers
from hypothesis import strategies as st

from sync.contract.record import (
    AssistanceRecord,
    ConsentMethod,
    Gender,
    OnlineLevel,
    Place,
    RecordStatus,
    Result,
)

# (letter, its unaccented ASCII form): the unaccented spelling is derived from this table,
# independently of the code under test.
_BASES = [
    ("a", "a"),
    ("ă", "a"),
    ("â", "a"),
    ("e", "e"),
    ("ê", "e"),
    ("i", "i"),
    ("o", "o"),
    ("ô", "o"),
    ("ơ", "o"),
    ("u", "u"),
    ("ư", "u"),
    ("y", "y"),
]
_TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
_CONSONANTS = [(c, c) for c in "bcdghklmnpqrstvx"] + [("đ", "d")]

LETTERS: list[tuple[str, str]] = _CONSONANTS + [
    (unicodedata.normalize("NFC", base + tone), plain) for base, plain in _BASES for tone in _TONES
]


@st.composite
def vietnamese_names(draw: st.DrawFn) -> tuple[str, str]:
    """A name (NFC, with diacritics, capitalised words) and its unaccented ASCII spelling."""
    words = draw(
        st.lists(st.lists(st.sampled_from(LETTERS), min_size=1, max_size=7), min_size=1, max_size=4)
    )
    accented = " ".join("".join(ch for ch, _ in w).capitalize() for w in words)
    plain = " ".join("".join(p for _, p in w).capitalize() for w in words)
    return accented, plain


MOBILE_PREFIXES = [
    "032",
    "033",
    "034",
    "035",
    "036",
    "037",
    "038",
    "039",
    "086",
    "096",
    "097",
    "098",
    "081",
    "082",
    "083",
    "084",
    "085",
    "088",
    "091",
    "094",
    "070",
    "076",
    "077",
    "078",
    "079",
    "089",
    "090",
    "093",
    "052",
    "056",
    "058",
    "092",
    "059",
    "099",
    "087",
]


def _allocated(national: str) -> bool:
    # Not every 7-digit suffix of a prefix is allocated; phonenumbers' metadata knows which.
    return phonenumbers.is_valid_number(phonenumbers.parse(national, "VN"))


@st.composite
def _mobile_candidates(draw: st.DrawFn) -> str:
    prefix = draw(st.sampled_from(MOBILE_PREFIXES))
    return prefix + draw(st.text(alphabet="0123456789", min_size=7, max_size=7))


def vietnamese_mobiles() -> st.SearchStrategy[str]:
    """An allocated mobile number in national form, e.g. "0912345678"."""
    return _mobile_candidates().filter(_allocated)


def phone_spellings(national: str) -> list[str]:
    """Ways people write one number: with or without +84, spaces, dots, dashes."""
    subscriber = national[1:]
    return [
        national,
        "+84" + subscriber,
        "84" + subscriber,
        f"+84 {subscriber[:2]} {subscriber[2:5]} {subscriber[5:]}",
        f"{national[:4]} {national[4:7]} {national[7:]}",
        f"{national[:4]}.{national[4:7]}.{national[7:]}",
        f"{national[:4]}-{national[4:7]}-{national[7:]}",
        f" {national} ",
    ]


# No NUL (the contract refuses it: PostgreSQL cannot store it); at most 32 characters, the
# shortest bound of a text field (codes).
_text = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="\x00"),
    max_size=32,
)
_dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
_moments = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
)


@st.composite
def records(draw: st.DrawFn) -> AssistanceRecord:
    """Any record the contract's types admit (valid or not: serialisation must not care)."""
    created = draw(_moments)
    opt = st.none
    return AssistanceRecord(
        id=draw(st.uuids()),
        device_id=draw(_text),
        volunteer_name=draw(_text),
        created_at=created,
        updated_at=created + draw(st.timedeltas(timedelta(0), timedelta(days=30))),
        assisted_on=draw(_dates),
        revision=draw(st.integers(1, 10_000)),
        status=draw(st.sampled_from(RecordStatus)),
        deleted=draw(st.booleans()),
        ward_code=draw(_text),
        ward_name=draw(_text),
        neighbourhood_code=draw(_text),
        neighbourhood_name=draw(_text),
        full_name=draw(_text),
        birth_date=draw(opt() | _dates),
        birth_year=draw(opt() | st.integers(1900, 2100)),
        gender=draw(opt() | st.sampled_from(Gender)),
        cccd=draw(opt() | st.text("0123456789", min_size=12, max_size=12)),
        cmnd=draw(opt() | st.text("0123456789", min_size=9, max_size=9)),
        phone=draw(opt() | _text),
        address=draw(_text),
        category=draw(opt() | _text),
        category_detail=draw(_text),
        procedure_code=draw(opt() | _text),
        online_level=draw(opt() | st.sampled_from(OnlineLevel)),
        dossier_code=draw(opt() | _text),
        place=draw(opt() | st.sampled_from(Place)),
        meeting_id=draw(opt() | st.builds(uuid.uuid4)),
        result=draw(opt() | st.sampled_from(Result)),
        follow_up_date=draw(opt() | _dates),
        reason=draw(_text),
        notes=draw(_text),
        consent=draw(st.booleans()),
        consent_at=draw(opt() | _moments),
        consent_method=draw(opt() | st.sampled_from(ConsentMethod)),
        consent_notice_version=draw(opt() | _text),
    )
