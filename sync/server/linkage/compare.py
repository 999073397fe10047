"""Comparing two records field by field: each comparison lands in one level and adds
log2(m/u) bits to the pair's match weight (Fellegi–Sunter), with a reason in words.

Names are compared part by part (surname, middle, given) with term-frequency u: the share of
the agreeing value among stored names, so "Nguyễn" (≈ 38 % of people) or "Thị" add little and
a rare surname or given name adds much. See docs/residents.md for the levels and why.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from sync.server.linkage.names import ParsedName, name_readings
from sync.server.linkage.parameters import LevelOdds, Parameters
from sync.server.linkage.profile import Profile
from sync.server.linkage.reasons import Reason

#: Below this many bits, agreeing on the whole name is called weak evidence in the reasons.
_COMMON_NAME_BITS = 10.0
#: A one-letter difference is a typo only if one of the two spellings is rarer than this.
_TYPO_MAX_SHARE = 0.006
#: A phone on this many stored records or more is called shared in the reasons.
_SHARED_PHONE_RECORDS = 5


class Shares(Protocol):
    """Term frequencies of the data in force (see :mod:`sync.server.linkage.frequency`)."""

    def share(self, part: str, value: str) -> float: ...

    def phone_share(self, phone: str) -> float: ...

    def phone_records(self, phone: str) -> int: ...


@dataclass(slots=True)
class Comparison:
    """The evidence about one pair."""

    weight: float = 0.0
    reasons: list[Reason] = field(default_factory=list)
    cccd_agrees: bool = False
    #: Two valid CCCDs that differ: never the same person, whatever else agrees.
    vetoed: bool = False
    same_service_same_day: bool = False
    #: The given names are different names (not a slip of one letter, not accents only).
    given_differs: bool = False

    def add(self, reason: Reason) -> None:
        self.weight += reason.weight
        self.reasons.append(reason)


def _bits(m: float, u: float) -> float:
    return math.log2(m / min(u, 0.999999))


def _fixed(level: LevelOdds) -> float:
    assert level.u is not None
    return _bits(level.m, level.u)


def _tf(level: LevelOdds, share: float) -> float:
    scale = level.u_scale if level.u_scale is not None else 1.0
    u = share * scale
    if level.u_floor is not None:
        u = max(u, level.u_floor)
    return _bits(level.m, u)


def compare(a: Profile, b: Profile, shares: Shares, params: Parameters) -> Comparison:
    out = Comparison()
    _compare_ids(a, b, out, params)
    if out.vetoed:
        return out
    given_level = "missing"
    if a.parsed is not None and b.parsed is not None:
        given_level = _best_reading(a, b, shares, params, out)
        out.given_differs = given_level == "different"
    _compare_birth(a, b, out, params)
    gender_differs = _compare_gender(a, b, out, params)
    household = given_level in ("different", "accent") or gender_differs
    _compare_contact(a, b, out, params, shares, household)
    if (
        a.category is not None
        and a.category == b.category
        and a.assisted_on is not None
        and a.assisted_on == b.assisted_on
    ):
        out.same_service_same_day = True
        day = a.assisted_on.strftime("%d/%m/%Y")
        out.reasons.append(
            Reason(
                "same_service_same_day",
                f"Cùng dịch vụ ({a.category}), cùng ngày {day}",
                f"Same service ({a.category}) on the same day, {day}",
                0.0,
            )
        )
    return out


def _compare_ids(a: Profile, b: Profile, out: Comparison, params: Parameters) -> None:
    if a.cccd and b.cccd:
        if a.cccd == b.cccd:
            out.cccd_agrees = True
            out.reasons.append(Reason("cccd_same", "Cùng số CCCD", "Same CCCD number", 0.0))
        else:
            out.vetoed = True
            out.reasons.append(
                Reason("cccd_differs", "Khác số CCCD", "Different CCCD numbers", -math.inf)
            )
        return
    if bool(a.cccd) != bool(b.cccd):
        out.reasons.append(
            Reason("cccd_one", "Chỉ một bản ghi có CCCD", "CCCD on one record only", 0.0)
        )
    if a.cmnd and b.cmnd:
        if a.cmnd == b.cmnd:
            out.add(Reason("cmnd_same", "Cùng số CMND", "Same CMND number",
                           _fixed(params.cmnd["same"])))
        else:
            out.add(Reason("cmnd_differs", "Khác số CMND", "Different CMND numbers",
                           _fixed(params.cmnd["different"])))


def _best_reading(
    a: Profile, b: Profile, shares: Shares, params: Parameters, out: Comparison
) -> str:
    """Compare the names under each reading (see ``name_readings``) and keep the best; the
    other readings only matter when the likeliest ones do not already agree."""
    assert a.parsed is not None and b.parsed is not None
    if a.parsed.folded == b.parsed.folded:
        return _compare_names(a.parsed, b.parsed, shares, params, out, (a.name, b.name))
    best: tuple[float, list[Reason], str] | None = None
    for name_a in name_readings(a.name):
        for name_b in name_readings(b.name):
            trial = Comparison()
            level = _compare_names(name_a, name_b, shares, params, trial, (a.name, b.name))
            if best is None or trial.weight > best[0]:
                best = (trial.weight, trial.reasons, level)
    assert best is not None
    for reason in best[1]:
        out.add(reason)
    return best[2]


def _part_level(
    ca: str, cb: str, fa: str, fb: str, both_accented: bool, groups: tuple[str, str] | None,
    rarer_share: Callable[[], float],
) -> str:
    if ca == cb:
        return "exact"
    if fa == fb:
        return "accent" if both_accented else "unaccented"
    if groups is not None and groups[0] == groups[1]:
        return "variant"
    if (
        min(len(fa), len(fb)) >= 2
        and OSA.distance(fa, fb, score_cutoff=1) <= 1
        # A slip of the keyboard makes a rare spelling; two common names one letter apart
        # (Hưng/Dũng, Hòa/Hà, Lan/Lâm) are two names.
        and rarer_share() < _TYPO_MAX_SHARE
    ):
        return "typo"
    return "different"


def _compare_names(
    a: ParsedName, b: ParsedName, shares: Shares, params: Parameters, out: Comparison,
    typed: tuple[str, str],
) -> str:
    """Add the name evidence; returns the given-name level (the household rule needs it)."""
    both_accented = a.accented and b.accented
    if a.folded != b.folded and sorted(a.folded.split()) == sorted(b.folded.split()):
        return _reordered_names(a, b, shares, params, out, both_accented, typed)
    parts: list[tuple[str, str, float, str, str]] = []  # part, level, bits, word a, word b
    if a.surname_f and b.surname_f:
        level = _part_level(
            a.surname, b.surname, a.surname_f, b.surname_f, both_accented,
            (a.surname_group, b.surname_group),
            lambda: min(shares.share("surname", a.surname_group),
                        shares.share("surname", b.surname_group)),
        )
        parts.append(("surname", level, _name_bits(params.surname[level], "surname",
                      a.surname_group, shares), a.surname_raw, b.surname_raw))
    if a.middle_f and b.middle_f:
        level = _part_level(
            a.middle, b.middle, a.middle_f, b.middle_f, both_accented, None,
            lambda: min(shares.share("middle", a.middle_f), shares.share("middle", b.middle_f)),
        )
        parts.append(("middle", level, _name_bits(params.middle[level], "middle",
                      a.middle_f, shares), a.middle_raw, b.middle_raw))
    elif a.middle_f or b.middle_f:
        parts.append(("middle", "missing", _fixed(params.middle["missing"]),
                      a.middle_raw, b.middle_raw))
    given = _part_level(
        a.given, b.given, a.given_f, b.given_f, both_accented, None,
        lambda: min(shares.share("given", a.given_f), shares.share("given", b.given_f)),
    )
    parts.append(("given", given, _name_bits(params.given[given], "given", a.given_f, shares),
                  a.given_raw, b.given_raw))

    agreeing = [p for p in parts if p[1] in ("exact", "unaccented", "missing")]
    if len(agreeing) == len(parts):
        out.add(_same_name_reason(a, b, sum(p[2] for p in parts), parts, typed))
        return given
    if agreeing:
        bits = sum(p[2] for p in agreeing)
        words = " ".join(p[3] for p in agreeing if p[3])
        out.add(Reason("name_parts_same", f"Cùng {_parts_vi(agreeing)} ({words})",
                       f"Same {_parts_en(agreeing)} ({words})", bits))
    for part, level, bits, word_a, word_b in parts:
        if level in ("exact", "unaccented", "missing"):
            continue
        pair = f"{word_a}/{word_b}"
        if level == "variant":
            out.add(Reason("surname_variant", f"Họ tương đương theo vùng miền ({pair})",
                           f"Regional variants of one surname ({pair})", bits))
        elif level == "typo":
            out.add(Reason(f"{part}_typo", f"Tên gần giống ({pair})",
                           f"Nearly the same name, one letter apart ({pair})", bits))
        elif level == "accent":
            out.add(Reason(f"{part}_accent", f"{_PART_VI[part].capitalize()} khác dấu ({pair})",
                           f"{_PART_EN[part].capitalize()} differs in accents ({pair})", bits))
        else:
            out.add(Reason(f"{part}_differs", f"Khác {_PART_VI[part]} ({pair})",
                           f"Different {_PART_EN[part]} ({pair})", bits))
    return given


_PART_VI = {"surname": "họ", "middle": "tên đệm", "given": "tên"}
_PART_EN = {"surname": "surname", "middle": "middle name", "given": "given name"}


def _parts_vi(parts: list[tuple[str, str, float, str, str]]) -> str:
    return ", ".join(_PART_VI[p[0]] for p in parts if p[1] != "missing")


def _parts_en(parts: list[tuple[str, str, float, str, str]]) -> str:
    return ", ".join(_PART_EN[p[0]] for p in parts if p[1] != "missing")


def _name_bits(level: LevelOdds, part: str, value: str, shares: Shares) -> float:
    if level.u is not None:
        return _fixed(level)
    return _tf(level, shares.share(part, value))


def _same_name_reason(
    a: ParsedName,
    b: ParsedName,
    bits: float,
    parts: list[tuple[str, str, float, str, str]],
    typed: tuple[str, str],
) -> Reason:
    detail_vi: list[str] = []
    detail_en: list[str] = []
    if any(p[1] == "unaccented" for p in parts):
        detail_vi.append("một bản ghi gõ không dấu")
        detail_en.append("one typed without accents")
    if any(p[1] == "missing" for p in parts):
        detail_vi.append("một bản ghi thiếu tên đệm")
        detail_en.append("one record without the middle name")
    if bits < _COMMON_NAME_BITS:
        detail_vi.append("tên phổ biến, ít giá trị")
        detail_en.append("a common name: weak evidence")
    tone = [f"{p[3]}/{p[4]}" for p in parts
            if p[1] == "exact" and p[3].casefold() != p[4].casefold()]
    if a.reordered != b.reordered:
        pair = f"{typed[0]} / {typed[1]}"
        return Reason("name_order", _with("Cùng họ tên, khác thứ tự", [pair, *detail_vi]),
                      _with("Same name in another order", [pair, *detail_en]), bits)
    if tone:
        # The wording: "Tên gần giống (Hoà/Hòa)" — old and new tone placement.
        pairs = ", ".join(tone)
        return Reason("name_tone", _with("Tên gần giống", [pairs, *detail_vi]),
                      _with("Nearly the same name", [pairs, *detail_en]), bits)
    return Reason("name_same", _with("Cùng họ tên", detail_vi),
                  _with("Same full name", detail_en), bits)


def _with(text: str, details: list[str]) -> str:
    return f"{text} ({'; '.join(details)})" if details else text


def _reordered_names(
    a: ParsedName, b: ParsedName, shares: Shares, params: Parameters, out: Comparison,
    both_accented: bool, typed: tuple[str, str],
) -> str:
    """Same words in another order ("Lan Nguyễn Thị" / "Nguyễn Thị Lan"): one name, read in
    the order of the record whose name was not written given-name-first."""
    # Read the parts as the name whose surname is the likelier one ("Quân Hữu Nguyễn" is
    # Nguyễn Hữu Quân, not a rare surname Quân with a rare given name Nguyễn).
    ref = max((a, b), key=lambda n: shares.share("surname", n.surname_group) if n.surname_f
              else 0.0)
    canonical_a = sorted(w for w in (a.surname, a.middle, a.given) if w)
    canonical_b = sorted(w for w in (b.surname, b.middle, b.given) if w)
    level = "exact" if canonical_a == canonical_b else (
        "accent" if both_accented else "unaccented")
    bits = 0.0
    if ref.surname_f:
        bits += _name_bits(params.surname[level], "surname", ref.surname_group, shares)
    if ref.middle_f:
        bits += _name_bits(params.middle[level], "middle", ref.middle_f, shares)
    bits += _name_bits(params.given[level], "given", ref.given_f, shares)
    shown_a, shown_b = typed
    out.add(Reason("name_order", f"Cùng họ tên, khác thứ tự ({shown_a} / {shown_b})",
                   f"Same name in another order ({shown_a} / {shown_b})", bits))
    return level


def _compare_birth(a: Profile, b: Profile, out: Comparison, params: Parameters) -> None:
    if a.birth_year is None or b.birth_year is None:
        return
    birth = params.birth
    if a.birth_date is not None and b.birth_date is not None:
        if a.birth_date == b.birth_date:
            day = a.birth_date.strftime("%d/%m/%Y")
            out.add(Reason("birth_same_date", f"Cùng ngày sinh ({day})",
                           f"Same date of birth ({day})", _fixed(birth["same_date"])))
            return
        if a.birth_year == b.birth_year:
            out.add(Reason("birth_dates_differ",
                           f"Cùng năm sinh {a.birth_year} nhưng khác ngày sinh",
                           f"Same birth year {a.birth_year} but different dates of birth",
                           _fixed(birth["dates_differ"])))
            return
    if a.birth_year == b.birth_year:
        one_only = (a.birth_date is None) != (b.birth_date is None)
        vi = f"Cùng năm sinh ({a.birth_year}" + (
            ", một bản ghi chỉ có năm)" if one_only else ")")
        en = f"Same birth year ({a.birth_year}" + (
            ", one record has the year only)" if one_only else ")")
        out.add(Reason("birth_same_year", vi, en, _fixed(birth["same_year"])))
    elif abs(a.birth_year - b.birth_year) == 1:
        pair = f"{a.birth_year}/{b.birth_year}"
        out.add(Reason("birth_year_close", f"Năm sinh lệch một năm ({pair})",
                       f"Birth years one apart ({pair})", _fixed(birth["year_close"])))
    else:
        pair = f"{a.birth_year}/{b.birth_year}"
        out.add(Reason("birth_differs", f"Khác năm sinh ({pair})",
                       f"Different birth years ({pair})", _fixed(birth["different"])))


def _compare_gender(a: Profile, b: Profile, out: Comparison, params: Parameters) -> bool:
    if a.gender is None or b.gender is None:
        return False
    if a.gender == b.gender:
        out.weight += _fixed(params.gender["same"])
        return False
    out.add(Reason("gender_differs", "Khác giới tính", "Different genders",
                   _fixed(params.gender["different"])))
    return True


def _compare_contact(
    a: Profile, b: Profile, out: Comparison, params: Parameters, shares: Shares,
    household: bool,
) -> None:
    found: list[Reason] = []
    if a.phone and b.phone:
        if a.phone == b.phone:
            share = shares.phone_share(a.phone)
            bits = _tf(params.phone["same"], share)
            shared = shares.phone_records(a.phone) >= _SHARED_PHONE_RECORDS
            found.append(Reason(
                "phone_same",
                "Cùng số điện thoại" + (" (số dùng chung cho nhiều người)" if shared else ""),
                "Same phone number" + (" (a number many people give)" if shared else ""),
                bits,
            ))
        else:
            found.append(Reason("phone_differs", "Khác số điện thoại",
                                "Different phone numbers", _fixed(params.phone["different"])))
    address = _address_level(a, b)
    if address is not None:
        bits = _fixed(params.address[address])
        if address == "same":
            found.append(Reason("address_same", "Cùng địa chỉ", "Same address", bits))
        elif address == "similar":
            found.append(Reason("address_similar", "Địa chỉ gần giống",
                                "Nearly the same address", bits))
        else:
            found.append(Reason("address_differs", "Khác địa chỉ", "Different addresses", bits))
    positive = sum(r.weight for r in found if r.weight > 0)
    cap = params.household.contact_cap
    if household and positive > cap:
        # Family members share a phone and an address: with names or genders disagreeing,
        # that agreement is what a household looks like, not one person.
        scale = cap / positive
        found = [
            Reason(r.code + "_household", r.vi + " — có thể là người nhà",
                   r.en + " — perhaps a family member", r.weight * scale)
            if r.weight > 0 else r
            for r in found
        ]
    for reason in found:
        out.add(reason)


def _address_level(a: Profile, b: Profile) -> str | None:
    if not a.address or not b.address or not a.neighbourhood or not b.neighbourhood:
        return None
    if a.neighbourhood != b.neighbourhood:
        return "different"
    if a.address == b.address:
        return "same"
    if fuzz.token_sort_ratio(a.address, b.address) >= 85:
        return "similar"
    return "different"
