"""Vietnamese personal names as the matcher sees them.

Every word of a name gets two forms:

- the *canonical* form keeps every letter and mark but moves the tone to the end of the word
  as a digit ("Hoà" and "Hòa" both become ``hoa2``, "Thuỷ" and "Thủy" ``thuy3``), so the old
  and new tone placements, NFC and NFD, and upper/lower case are one spelling, while "Hùng"
  and "Hưng", or "Lan" and "Lân", stay different;
- the *folded* form drops every mark and đ (:func:`sync.contract.normalize.search_key`), which
  is what a name typed without accents ("Nguyen Thi Lan") can be compared on.

The name is then split into surname, middle name and given name. Vietnamese order is surname
first; a name whose first word is not a known surname but a later one is ("Lan Nguyễn Thị",
"Lan Thị Nguyễn", as Western forms ask for it) is read given-name-first.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from sync.contract.normalize import search_key
from sync.server.linkage.parameters import frequencies, name_data

#: Combining tone marks -> the digit that stands for them (huyền, sắc, hỏi, ngã, nặng).
_TONES = {"\u0300": "2", "\u0301": "1", "\u0309": "3", "\u0303": "4", "\u0323": "5"}


@dataclass(frozen=True, slots=True)
class ParsedName:
    """A name split into parts, each in canonical and folded form (see the module doc)."""

    surname: str
    middle: str  # words joined with one space; "" when there is none
    given: str
    surname_f: str
    middle_f: str
    given_f: str
    #: The name carries diacritics somewhere: then a word without them is really unaccented
    #: ("Lan"), not typed without accents.
    accented: bool
    #: The name was written given-name-first and has been put back in Vietnamese order.
    reordered: bool
    #: The words of each part as typed (NFC), for the reasons shown to staff.
    surname_raw: str = ""
    middle_raw: str = ""
    given_raw: str = ""

    @property
    def folded(self) -> str:
        """The folded name in Vietnamese order (surname middle given)."""
        return " ".join(p for p in (self.surname_f, self.middle_f, self.given_f) if p)

    @property
    def surname_group(self) -> str:
        """The folded surname, regional variants mapped to one spelling (Huỳnh -> hoang)."""
        return name_data().surname_group.get(self.surname_f, self.surname_f)


@lru_cache(maxsize=65536)
def canonical_word(word: str) -> str:
    """One word with its tone as a trailing digit: ``Hoà`` -> ``hoa2``, ``Đức`` -> ``đuc1``."""
    decomposed = unicodedata.normalize("NFD", word.casefold())
    tone = ""
    kept: list[str] = []
    for ch in decomposed:
        mark = _TONES.get(ch)
        if mark is None:
            kept.append(ch)
        elif not tone:
            tone = mark
    return unicodedata.normalize("NFC", "".join(kept)) + tone


def folded_word(word: str) -> str:
    return search_key(word)


@lru_cache(maxsize=65536)
def parse_name(text: str) -> ParsedName | None:
    """Split a full name; ``None`` when there is no name (anonymous or erased record)."""
    readings = name_readings(text)
    return readings[0] if readings else None


@lru_cache(maxsize=65536)
def name_readings(text: str) -> tuple[ParsedName, ...]:
    """The likeliest reading of a name first; for a name read as given-name-first, also the
    reading as typed (a typo in the surname, "Ngôo Xuân Quân", must not turn Quân into the
    surname for good): comparisons take the reading that fits best."""
    words = [w for w in _words(text) if any(ch.isalpha() for ch in w)]
    if not words:
        return ()
    folded = [folded_word(w) for w in words]
    order = _vietnamese_order(folded)
    as_typed = list(range(len(words)))
    if order == as_typed:
        return (_reading(words, folded, as_typed),)
    return (_reading(words, folded, order), _reading(words, folded, as_typed))


def _reading(words: list[str], folded: list[str], order: list[int]) -> ParsedName:
    canonical = [canonical_word(w) for w in words]
    accented = any(c != f for c, f in zip(canonical, folded, strict=True))
    reordered = order != list(range(len(words)))
    canonical = [canonical[i] for i in order]
    folded = [folded[i] for i in order]
    raw = [words[i] for i in order]
    if len(words) == 1:
        return ParsedName(
            "", "", canonical[0], "", "", folded[0], accented, False, given_raw=raw[0]
        )
    return ParsedName(
        surname=canonical[0],
        middle=" ".join(canonical[1:-1]),
        given=canonical[-1],
        surname_f=folded[0],
        middle_f=" ".join(folded[1:-1]),
        given_f=folded[-1],
        accented=accented,
        reordered=reordered,
        surname_raw=raw[0],
        middle_raw=" ".join(raw[1:-1]),
        given_raw=raw[-1],
    )


def _words(text: str) -> list[str]:
    """The words of a name (NFC, hyphens and dots read as spaces)."""
    cleaned = unicodedata.normalize("NFC", text).replace("-", " ").replace(".", " ")
    return cleaned.split()


def _vietnamese_order(folded: list[str]) -> list[int]:
    """Indices of the words in surname-middle-given order."""
    known = name_data().surnames
    if len(folded) < 2 or folded[0] in known:
        return list(range(len(folded)))
    later = [i for i in range(1, len(folded)) if folded[i] in known]
    if not later:
        return list(range(len(folded)))
    shares = frequencies().surname
    groups = name_data().surname_group
    # Of several candidates ("Lan Thị Nguyễn Hà"), the commonest surname is the likeliest.
    surname = max(later, key=lambda i: (shares.get(groups.get(folded[i], folded[i]), 0.0), -i))
    rest = [i for i in range(len(folded)) if i != surname]
    # Given-name-first: the first word is the given name, what lies between is the middle.
    return [surname, *rest[1:], rest[0]]
