"""Blocking keys: the few short strings under which a record is filed, so that candidates for
a new record are the stored records sharing one of its keys (an index lookup), never all pairs.

Keys of one record (stored in ``resident_keys``):

``c:<cccd>``, ``m:<cmnd>``, ``p:<phone>``
    the identity numbers and the phone in canonical form (any format typed gives one key);
``n:<name words sorted>|<year>``
    the folded name (surname variants mapped to one spelling) with its words sorted, so case,
    accents, NFD, tone placement, Hoàng/Huỳnh and given-name-first order meet; ``?`` when the
    birth year is unknown;
``d:<name with one letter deleted>|<year>``
    the folded name in Vietnamese order, whole and with each letter deleted in turn: two names
    one typo apart (a letter changed, added, dropped or swapped) share one of these;
``N:<name words sorted>``
    the name without the year. Every record stores it, but only a record whose birth year is
    unknown looks candidates up by it (it is too coarse for everyone else).

Besides its stored keys, a record with a birth year also looks up ``n:<name>|?`` to find the
records of the same name stored without one.
"""

from __future__ import annotations

from functools import lru_cache

from sync.server.linkage.names import ParsedName, name_readings
from sync.server.linkage.profile import Profile

MAX_KEY_LENGTH = 255


def _name_string(name: ParsedName) -> str:
    return " ".join(p for p in (name.surname_group, name.middle_f, name.given_f) if p)


def stored_keys(profile: Profile) -> frozenset[str]:
    """The keys a record is filed under."""
    return _stored_keys(profile)


@lru_cache(maxsize=8192)
def _stored_keys(profile: Profile) -> frozenset[str]:
    keys: set[str] = set()
    if profile.cccd:
        keys.add(f"c:{profile.cccd}")
    if profile.cmnd:
        keys.add(f"m:{profile.cmnd}")
    if profile.phone:
        keys.add(f"p:{profile.phone}")
    year = str(profile.birth_year) if profile.birth_year is not None else "?"
    for name in name_readings(profile.name) if profile.parsed is not None else ():
        text = _name_string(name)
        words = " ".join(sorted(text.split()))
        keys.add(f"n:{words}|{year}")
        keys.add(f"N:{words}")
        keys.add(f"d:{text}|{year}")
        for i, ch in enumerate(text):
            if ch != " ":
                keys.add(f"d:{text[:i]}{text[i + 1 :]}|{year}")
    return frozenset(key[:MAX_KEY_LENGTH] for key in keys)


def lookup_keys(profile: Profile) -> set[str]:
    """The keys under which a record looks for its candidates."""
    keys = set(stored_keys(profile))
    if profile.parsed is None or profile.birth_year is None:
        return keys
    for name in name_readings(profile.name):
        words = " ".join(sorted(_name_string(name).split()))
        keys.discard(f"N:{words}"[:MAX_KEY_LENGTH])
        keys.add(f"n:{words}|?"[:MAX_KEY_LENGTH])
    return keys


def name_parts(profile: Profile) -> list[tuple[str, str]]:
    """(part, folded value) of the name, counted in ``resident_name_counts`` for the term
    frequencies; the surname by its variant group."""
    name = profile.parsed
    if name is None:
        return []
    parts = [("given", name.given_f)]
    if name.surname_f:
        parts.append(("surname", name.surname_group))
    if name.middle_f:
        parts.append(("middle", name.middle_f))
    return [(part, value[:MAX_KEY_LENGTH]) for part, value in parts]
