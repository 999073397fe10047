"""Vietnamese names as the matcher reads them."""

from __future__ import annotations

import unicodedata

from sync.server.linkage.names import canonical_word, name_readings, parse_name


def test_tone_placement_nfd_and_case_are_one_spelling() -> None:
    assert canonical_word("Hoà") == canonical_word("Hòa") == canonical_word("HOÀ")
    assert canonical_word("Thuỷ") == canonical_word("Thủy")
    assert canonical_word(unicodedata.normalize("NFD", "Nguyễn")) == canonical_word("Nguyễn")


def test_different_vowels_and_tones_stay_different() -> None:
    assert canonical_word("Hùng") != canonical_word("Hưng")
    assert canonical_word("Lan") != canonical_word("Lân")
    assert canonical_word("Hà") != canonical_word("Hạ")


def test_parts_of_a_name_in_vietnamese_order() -> None:
    name = parse_name("Nguyễn Thị Minh Khai")
    assert name is not None
    assert (name.surname_f, name.middle_f, name.given_f) == ("nguyen", "thi minh", "khai")
    assert name.accented and not name.reordered


def test_given_name_first_is_put_back_in_order() -> None:
    for typed in ("Lan Nguyễn Thị", "Lan Thị Nguyễn"):
        name = parse_name(typed)
        assert name is not None
        assert name.folded == "nguyen thi lan", typed
        assert name.reordered
        # the reading as typed stays available (a typo in the surname may mislead the order)
        assert len(name_readings(typed)) == 2


def test_surname_variants_share_a_group() -> None:
    hoang, huynh = parse_name("Hoàng Văn Nam"), parse_name("Huỳnh Văn Nam")
    assert hoang is not None and huynh is not None
    assert hoang.surname_group == huynh.surname_group
    vu, vo = parse_name("Vũ Thị Hoa"), parse_name("Võ Thị Hoa")
    assert vu is not None and vo is not None and vu.surname_group == vo.surname_group


def test_unaccented_typing_is_noticed() -> None:
    plain = parse_name("Nguyen Thi Lan")
    assert plain is not None and not plain.accented
    assert parse_name("") is None
    assert parse_name("  ") is None
