"""Each spelling variation volunteers make is matched; namesakes and households are not.

Scored with the shipped parameters and the prior name shares (no stored data), so every
figure here follows from data/*.toml alone.
"""

from __future__ import annotations

import unicodedata

import pytest

from sync.contract.cccd import encode
from sync.contract.record import Gender
from sync.server.linkage.compare import compare
from sync.server.linkage.frequency import NameShares
from sync.server.linkage.parameters import parameters
from sync.server.linkage.profile import Profile, profile_from_payload
from sync.server.linkage.score import Match, MatchLevel, ProposalKind, judge
from tests.sync.linkage.helpers import wire

LAN = {"full_name": "Nguyễn Thị Lan", "gender": "female", "birth_date": "1980-05-12",
       "birth_year": 1980, "phone": "+84912345678", "address": "Tổ 3"}
CCCD_LAN = encode("022", 1980, Gender.FEMALE, "123456")


class PriorShares:
    """Name shares as the shipped priors say, in a ward of 10,000 indexed records."""

    def share(self, part: str, value: str) -> float:
        return NameShares(counts={}, total=0).share(part, value)

    def phone_share(self, phone: str) -> float:
        return 1 / 10_000

    def phone_records(self, phone: str) -> int:
        return 2


def profile(**fields: object) -> Profile:
    record = wire(**fields)
    found = profile_from_payload(str(record["id"]), record)
    assert found is not None
    return found


def score(a: dict[str, object], b: dict[str, object]) -> Match | None:
    return judge(compare(profile(**a), profile(**b), PriorShares(), parameters()), parameters())


def codes(match: Match | None) -> set[str]:
    assert match is not None
    return {reason.code for reason in match.reasons}


def words(match: Match | None) -> str:
    assert match is not None
    return " | ".join(reason.vi for reason in match.reasons)


def likely_or_better(match: Match | None) -> bool:
    return match is not None and match.level in (MatchLevel.CERTAIN, MatchLevel.LIKELY)


@pytest.mark.parametrize(
    ("variation", "changes", "reason"),
    [
        ("accents dropped", {"full_name": "Nguyen Thi Lan"}, "name_same"),
        ("NFD", {"full_name": unicodedata.normalize("NFD", "Nguyễn Thị Lan")}, "name_same"),
        ("upper case", {"full_name": "NGUYỄN THỊ LAN"}, "name_same"),
        ("given name first", {"full_name": "Lan Nguyễn Thị"}, "name_order"),
        ("given name first, surname last", {"full_name": "Lan Thị Nguyễn"}, "name_order"),
        ("one-letter typo", {"full_name": "Ngyuễn Thị Lan"}, "surname_typo"),
        ("letter dropped", {"full_name": "Nguyễn Thị Lna"}, "given_typo"),
        ("year only", {"birth_date": None}, "birth_same_year"),
        ("phone spelled another way", {"phone": "0912 345 678"}, "phone_same"),
        ("CCCD on one record only", {"cccd": CCCD_LAN}, "cccd_one"),
    ],
)
def test_a_variation_of_the_same_person_is_likely(
    variation: str, changes: dict[str, object], reason: str
) -> None:
    match = score(LAN, {**LAN, **changes})
    assert likely_or_better(match), (variation, words(match))
    assert reason in codes(match), (variation, words(match))


def test_old_and_new_tone_placement() -> None:
    hoa = {**LAN, "full_name": "Nguyễn Thị Hoà"}
    match = score(hoa, {**hoa, "full_name": "Nguyễn Thị Hòa"})
    assert likely_or_better(match)
    assert "Tên gần giống (Hoà/Hòa" in words(match)
    thuy = {**LAN, "full_name": "Lê Thị Thuỷ"}
    assert likely_or_better(score(thuy, {**thuy, "full_name": "Lê Thị Thủy"}))


def test_regional_surname_variants() -> None:
    for one, other in (("Hoàng", "Huỳnh"), ("Vũ", "Võ")):
        first = {**LAN, "full_name": f"{one} Thị Lan"}
        match = score(first, {**first, "full_name": f"{other} Thị Lan"})
        assert likely_or_better(match), words(match)
        assert f"Họ tương đương theo vùng miền ({one}/{other})" in words(match)


def test_birth_date_on_one_and_year_on_the_other() -> None:
    match = score(LAN, {**LAN, "birth_date": None, "phone": None})
    assert "Cùng năm sinh (1980, một bản ghi chỉ có năm)" in words(match)


def test_a_valid_cccd_that_agrees_is_certain() -> None:
    match = score({**LAN, "cccd": CCCD_LAN}, {**LAN, "full_name": "Nguyen Thi Lan",
                                            "cccd": CCCD_LAN, "phone": None})
    assert match is not None and match.level is MatchLevel.CERTAIN and match.score == 100
    assert "Cùng số CCCD" in words(match)


def test_valid_cccds_that_differ_are_never_the_same_person() -> None:
    other = encode("022", 1980, Gender.FEMALE, "654321")
    assert score({**LAN, "cccd": CCCD_LAN}, {**LAN, "cccd": other}) is None


def test_a_cccd_contradicting_its_own_record_proves_nothing() -> None:
    # The CCCD says born 1981 while the record says 1980: a typo, not a different person.
    typo = encode("022", 1981, Gender.FEMALE, "654321")
    assert likely_or_better(score({**LAN, "cccd": CCCD_LAN}, {**LAN, "cccd": typo}))


def test_namesakes_born_the_same_year_are_not_linked() -> None:
    other = {**LAN, "birth_date": "1980-11-02", "phone": "+84983456789", "address": "Tổ 7"}
    assert not likely_or_better(score(LAN, other))
    year_only = {**other, "birth_date": None}
    assert not likely_or_better(score({**LAN, "birth_date": None}, year_only))
    # nor when one of them gives no phone at all
    assert not likely_or_better(score(LAN, {**year_only, "phone": None}))


def test_family_members_sharing_phone_and_address_are_not_linked() -> None:
    husband = {**LAN, "full_name": "Nguyễn Văn Hùng", "gender": "male",
               "birth_date": "1978-02-01", "birth_year": 1978}
    son = {**LAN, "full_name": "Nguyễn Văn Nam", "gender": "male",
           "birth_date": "2004-09-09", "birth_year": 2004}
    daughter = {**LAN, "full_name": "Nguyễn Thị Linh", "birth_date": "2006-01-03",
                "birth_year": 2006}
    for one, other in ((LAN, husband), (husband, son), (son, daughter), (LAN, daughter)):
        assert score(one, other) is None, words(score(one, other))


def test_twins_sharing_everything_but_the_given_name_are_not_linked() -> None:
    hung = {**LAN, "full_name": "Nguyễn Văn Hưng", "gender": "male",
            "birth_date": "2001-03-04", "birth_year": 2001}
    dung = {**hung, "full_name": "Nguyễn Văn Dũng"}
    match = score(hung, dung)
    assert not likely_or_better(match)
    assert match is None or "có thể là người nhà" in words(match)


def test_two_common_names_one_letter_apart_are_two_names() -> None:
    # Hưng/Dũng and Hòa/Hà fold one letter apart but are different, common names.
    base = {**LAN, "full_name": "Nguyễn Văn Hưng", "gender": "male", "phone": None}
    assert "given_typo" not in codes(score(base, {**base, "full_name": "Nguyễn Văn Dũng"})
                                     or _empty())
    assert "given_differs" in codes(score({**base, "phone": "+84912345678"},
                                          {**base, "phone": "+84912345678", "address": "Tổ 3",
                                           "full_name": "Nguyễn Văn Dũng",
                                           "birth_date": LAN["birth_date"]}))


def _empty() -> Match:
    return Match(0.0, 0, MatchLevel.POSSIBLE, ProposalKind.SAME_PERSON, ())


def test_rare_agreement_weighs_more_than_common() -> None:
    common = score(LAN, {**LAN, "phone": None})
    rare = score({**LAN, "full_name": "Trịnh Thị Lan"},
                 {**LAN, "full_name": "Trịnh Thị Lan", "phone": None})
    assert common is not None and rare is not None
    assert rare.weight > common.weight + 4
    assert "tên phổ biến" in words(common) or common.weight < rare.weight


def test_same_service_same_day_is_a_double_entry() -> None:
    match = score(LAN, dict(LAN))
    assert match is not None and match.kind is ProposalKind.DOUBLE_ENTRY
    assert "same_service_same_day" in codes(match)
    other_day = score(LAN, {**LAN, "assisted_on": "2025-08-21"})
    assert other_day is not None and other_day.kind is ProposalKind.SAME_PERSON
