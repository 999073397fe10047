"""Property tests: one name, one key; one phone, one canonical form; records round-trip."""

from __future__ import annotations

import json
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sync.contract.normalize import (
    InvalidPhone,
    format_phone,
    normalize_name,
    normalize_phone,
    search_key,
)
from sync.contract.record import AssistanceRecord
from tests.contract.strategies import (
    phone_spellings,
    records,
    vietnamese_mobiles,
    vietnamese_names,
)


@given(vietnamese_names())
def test_every_spelling_of_a_name_has_one_search_key(name: tuple[str, str]) -> None:
    accented, plain = name
    key = search_key(accented)
    spellings = [
        unicodedata.normalize("NFD", accented),
        plain,
        accented.upper(),
        unicodedata.normalize("NFD", accented.upper()),
        plain.lower(),
        "  " + accented.replace(" ", "   ") + " ",
    ]
    assert all(search_key(s) == key for s in spellings)
    assert key.isascii()


@given(vietnamese_names(), st.sampled_from(["NFC", "NFD"]))
def test_stored_names_are_nfc_with_single_spaces(name: tuple[str, str], form: str) -> None:
    accented, _ = name
    typed = "  " + unicodedata.normalize(form, accented).replace(" ", " \t ") + "\n"  # type: ignore[arg-type]
    stored = normalize_name(typed)
    assert stored == accented
    assert unicodedata.is_normalized("NFC", stored)


def test_search_key_folds_d_stroke_and_old_style_tone_placement() -> None:
    assert search_key("Nguyễn Thị Hoà") == search_key("nguyen thi hoa") == "nguyen thi hoa"
    assert search_key("Hòa") == search_key("Hoà")
    assert search_key("ĐẶNG ĐỨC") == "dang duc"


@given(vietnamese_mobiles())
def test_every_spelling_of_a_phone_normalises_to_one(national: str) -> None:
    canonical = {normalize_phone(s) for s in phone_spellings(national)}
    assert canonical == {"+84" + national[1:]}
    assert format_phone(canonical.pop()).replace(" ", "") == national


@pytest.mark.parametrize(
    "text", ["0123456789", "12345", "", "phone", "+1 202 555 0100", "0912 345 67", "091234567890"]
)
def test_invalid_phones_are_refused(text: str) -> None:
    with pytest.raises(InvalidPhone):
        normalize_phone(text)


def test_landline_normalises() -> None:
    assert normalize_phone("0203 3825 123") == normalize_phone("+84 203 3825 123")


@given(records())
def test_a_record_survives_the_wire_unchanged(record: AssistanceRecord) -> None:
    wire = json.loads(json.dumps(record.to_wire(), ensure_ascii=False))
    assert AssistanceRecord.from_wire(wire) == record


@given(st.from_regex(r"\A\+84[0-9]{8,10}\Z"))
def test_the_canonical_fast_path_agrees_with_a_full_parse(text: str) -> None:
    """Numbers already in canonical form skip parsing (the ward checks every pushed one):
    the answer must be the one phonenumbers gives after parsing the text."""
    import phonenumbers

    from sync.contract import normalize

    try:
        parsed = phonenumbers.parse(text, "VN")
        full = (
            phonenumbers.is_valid_number(parsed)
            and phonenumbers.number_type(parsed) in normalize._PHONE_KINDS
            and phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
        )
    except phonenumbers.NumberParseException:
        full = False
    normalize._parse_phone.cache_clear()
    try:
        fast: str | bool = normalize._parse_phone(text)
    except normalize.InvalidPhone:
        fast = False
    assert fast == full
