"""A labelled data set for finding the same resident across records (Qt-free, deterministic).

Residents are drawn with realistic name shares (Nguyễn ≈ 38 %, Thị in most women's names,
Văn in most men's), then:

- about a third are recorded two or three times, by different volunteers on different
  devices, each later record with one or two name variations (accents dropped, NFD, upper
  case, old/new tone placement, Hoàng/Huỳnh-style surname variant, given-name-first order, a
  one-letter typo) and the field variations volunteers make (birth date on one record and the
  year only on the other, the phone spelled another way or not given, the CCCD on one record
  only, sometimes another address);
- *namesakes*: different people with the same name born the same year (their own phones,
  CCCDs, dates and addresses);
- *households*: spouses, children, siblings (and a few twins) sharing one phone and address.

Every record is a valid ``AssistanceRecord`` wire dict; ``person_of`` says who each record is
about, so a test can score proposals pair by pair. Phones are spelled as people type them
("0912 345 678", "+84 912345678"), as an imported spreadsheet may bring them: the matcher must
read any format.

    python -m desktop.testdata.residents --residents 400 --seed 11
"""

from __future__ import annotations

import argparse
import random
import unicodedata
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from itertools import combinations

from desktop.testdata.generate import GIVEN, MIDDLE, STREETS, _Maker, _spell_phone
from sync.contract.cccd import encode as encode_cccd
from sync.contract.normalize import search_key
from sync.contract.record import AssistanceRecord, Gender
from sync.contract.reference import ReferenceData, load_reference

#: Surname shares among Vietnamese people (the widely cited national figures, rounded; the
#: variant pairs split their family's share).
SURNAME_SHARES = {
    "Nguyễn": 38.4, "Trần": 12.1, "Lê": 9.5, "Phạm": 7.0, "Hoàng": 3.1, "Huỳnh": 2.0,
    "Phan": 4.5, "Vũ": 2.4, "Võ": 1.5, "Đặng": 2.1, "Bùi": 2.0, "Đỗ": 1.4, "Hồ": 1.3,
    "Ngô": 1.3, "Dương": 1.0, "Lý": 0.5, "Đinh": 0.6, "Trịnh": 0.4, "Lương": 0.4, "Mai": 0.4,
    "Trương": 0.5, "Đào": 0.4, "Kiều": 0.2, "Quách": 0.2,
}  # fmt: skip
SURNAME_VARIANT = {"Hoàng": "Huỳnh", "Huỳnh": "Hoàng", "Vũ": "Võ", "Võ": "Vũ"}
#: Given names whose tone mark sits on "oa", "oe" or "uy": old and new placement differ.
TONE_NAMES = {Gender.MALE: ("Hòa", "Thụy", "Khỏe"), Gender.FEMALE: ("Thủy", "Thúy", "Hòa")}
#: Old (traditional) placement -> new placement, and back.
TONE_SWAP = {"òa": "oà", "óa": "oá", "ỏa": "oả", "õa": "oã", "ọa": "oạ", "ủy": "uỷ",
             "úy": "uý", "ùy": "uỳ", "ũy": "uỹ", "ụy": "uỵ", "ỏe": "oẻ", "óe": "oé",
             "òe": "oè", "õe": "oẽ", "ọe": "oẹ"}  # fmt: skip
NAME_VARIATIONS = (
    "unaccented", "nfd", "upper", "tone", "surname_variant", "given_first", "typo",
)  # fmt: skip
VOLUNTEERS = ("Trần Thị Lan", "Phạm Văn Hùng", "Lê Thị Mai", "Đỗ Minh Tuấn", "Ngô Thu Hà",
              "Bùi Văn Nam", "Vũ Thị Hương", "Hồ Quang Long")  # fmt: skip


@dataclass
class Person:
    pid: int
    name: str
    gender: Gender
    birth: date
    cccd: str
    phone: str | None  # national form, None: gives no phone
    hood: str
    address: str
    role: str = "resident"  # resident | namesake | family


@dataclass
class LabelledSet:
    """Records (wire dicts) and the truth about them."""

    records: list[dict[str, object]]
    person_of: dict[str, int]
    people: list[Person]
    #: What the set is made of (for the test's report).
    makeup: dict[str, int] = field(default_factory=dict)
    #: Which variations each duplicate record carries (record id -> variations).
    variations: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: Pairs of different people the matcher must not link, by why they are hard.
    hard_negatives: dict[str, set[tuple[str, str]]] = field(default_factory=dict)

    def true_pairs(self) -> set[tuple[str, str]]:
        by_person: dict[int, list[str]] = {}
        for record_id, pid in self.person_of.items():
            by_person.setdefault(pid, []).append(record_id)
        return {
            (min(a, b), max(a, b))
            for ids in by_person.values()
            for a, b in combinations(sorted(ids), 2)
        }


class _Gen:
    def __init__(self, seed: int, today: date, ref: ReferenceData) -> None:
        self.maker = _Maker(seed, today, ref)
        self.rng = self.maker.rng
        self.today = today
        self.ref = ref
        self.people: list[Person] = []
        self.serials: set[str] = set()

    def surname(self) -> str:
        names = list(SURNAME_SHARES)
        return self.rng.choices(names, weights=[SURNAME_SHARES[n] for n in names])[0]

    def middle(self, gender: Gender) -> str:
        common = "Thị" if gender is Gender.FEMALE else "Văn"
        share = 0.75 if gender is Gender.FEMALE else 0.5
        return common if self.rng.random() < share else self.rng.choice(MIDDLE[gender])

    def given(self, gender: Gender, avoid: set[str] | None = None) -> str:
        while True:
            if self.rng.random() < 0.12:
                name = self.rng.choice(TONE_NAMES[gender])
            else:
                name = self.rng.choice(GIVEN[gender])
            if not avoid or name not in avoid:
                return name

    def cccd(self, birth: date, gender: Gender) -> str:
        province = "022" if self.rng.random() < 0.6 else self.rng.choice(self.maker.provinces)
        while True:
            serial = f"{self.rng.randrange(1_000_000):06d}"
            number = encode_cccd(province, birth.year, gender, serial)
            if number not in self.serials:
                self.serials.add(number)
                return number

    def birth(self, year: int | None = None) -> date:
        year = year or self.rng.randint(1945, self.today.year - 18)
        return date(year, 1, 1) + timedelta(days=self.rng.randrange(365))

    def person(self, role: str = "resident", **given: object) -> Person:
        gender = given.get("gender") or self.rng.choice((Gender.MALE, Gender.FEMALE))
        assert isinstance(gender, Gender)
        birth = given.get("birth") or self.birth()
        assert isinstance(birth, date)
        name = given.get("name") or f"{self.surname()} {self.middle(gender)} {self.given(gender)}"
        person = Person(
            pid=len(self.people),
            name=str(name),
            gender=gender,
            birth=birth,
            cccd=self.cccd(birth, gender),
            phone=str(given["phone"]) if "phone" in given else (
                self.maker.phone() if self.rng.random() < 0.92 else None),
            hood=str(given.get("hood") or self.rng.choice(self.maker.hoods)),
            address=str(given.get("address") or self.rng.choice(STREETS)),
            role=role,
        )
        self.people.append(person)
        return person


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return kept.replace("đ", "d").replace("Đ", "D")


def _swap_tone(name: str) -> str | None:
    lowered = name
    for old, new in TONE_SWAP.items():
        if old in lowered:
            return lowered.replace(old, new)
        if new in lowered:
            return lowered.replace(new, old)
    return None


def _typo(rng: random.Random, name: str) -> str:
    words = name.split()
    index = rng.randrange(len(words))
    word = words[index]
    letters = list(word)
    position = rng.randrange(1, len(letters)) if len(letters) > 1 else 0
    kind = rng.randrange(3)
    if kind == 0 and len(letters) > 2:
        del letters[position]  # a letter dropped
    elif kind == 1 and position > 0:
        letters[position - 1], letters[position] = letters[position], letters[position - 1]
    else:
        letters[position] = rng.choice("nmhtgc" if letters[position] not in "nmhtgc" else "aiu")
    words[index] = "".join(letters)
    return " ".join(words)


def vary_name(rng: random.Random, name: str, variation: str) -> str | None:
    """The name with one variation, or ``None`` when it does not apply to this name."""
    words = name.split()
    if variation == "unaccented":
        return _strip_accents(name) if _strip_accents(name) != name else None
    if variation == "nfd":
        return unicodedata.normalize("NFD", name)
    if variation == "upper":
        return name.upper()
    if variation == "tone":
        return _swap_tone(name)
    if variation == "surname_variant":
        variant = SURNAME_VARIANT.get(words[0])
        return " ".join([variant, *words[1:]]) if variant else None
    if variation == "given_first":
        if len(words) < 3:
            return None
        # "Lan Nguyễn Thị" or "Lan Thị Nguyễn", as Western forms ask for it.
        if rng.random() < 0.5:
            return " ".join([words[-1], *words[:-1]])
        return " ".join([words[-1], *reversed(words[:-1])])
    if variation == "typo":
        return _typo(rng, name)
    raise ValueError(variation)


def _record(
    gen: _Gen, person: Person, *, name: str, with_date: bool, phone: str | None,
    cccd: str | None, address: str, device: int,
) -> dict[str, object]:
    work = gen.maker.work()
    hood = gen.ref.neighbourhoods[person.hood]
    assisted = work.pop("assisted_on")
    work.pop("neighbourhood")
    work.pop("address")
    assert isinstance(assisted, date)
    moment = datetime.combine(assisted, time(9), tzinfo=UTC)
    ward = gen.ref.ward
    record = AssistanceRecord.model_validate({
        **work,
        "assisted_on": assisted,
        "id": uuid.UUID(int=gen.rng.getrandbits(128), version=4),
        "device_id": f"device-{device:02d}",
        "volunteer_name": VOLUNTEERS[device % len(VOLUNTEERS)],
        "created_at": moment,
        "updated_at": moment,
        "consent_at": moment,
        "ward_code": ward.code,
        "ward_name": ward.name,
        "neighbourhood_code": hood.code,
        "neighbourhood_name": hood.name,
        "full_name": name,
        "gender": person.gender,
        "birth_date": person.birth if with_date else None,
        "birth_year": person.birth.year,
        "cccd": cccd,
        "phone": phone,
        "address": address,
    })
    return record.to_wire()


def generate_residents(
    residents: int = 400,
    *,
    seed: int = 11,
    today: date = date(2025, 9, 1),
    repeated_share: float = 1 / 3,
    namesakes: int = 40,
    households: int = 40,
    ref: ReferenceData | None = None,
) -> LabelledSet:
    """The labelled set: ``residents`` people drawn at random, plus ``namesakes`` namesakes
    and the members of ``households`` households (see the module doc)."""
    gen = _Gen(seed, today, ref or load_reference())
    rng = gen.rng
    for _ in range(residents):
        gen.person()
    base = list(gen.people)
    hard: dict[str, set[tuple[int, int]]] = {"namesake": set(), "household": set()}
    for original in rng.sample(base, min(namesakes, len(base))):
        twin = gen.person("namesake", name=original.name, gender=original.gender,
                          birth=gen.birth(original.birth.year))
        hard["namesake"].add((original.pid, twin.pid))
    for head in rng.sample(base, min(households, len(base))):
        if head.phone is None:
            head.phone = gen.maker.phone()
        family = [head]
        surname = head.name.split()[0]
        taken = {head.name.split()[-1]}  # a family never gives two members one given name
        spouse_gender = Gender.FEMALE if head.gender is Gender.MALE else Gender.MALE
        spouse_name = (f"{gen.surname()} {gen.middle(spouse_gender)} "
                       f"{gen.given(spouse_gender, taken)}")
        taken.add(spouse_name.split()[-1])
        family.append(gen.person(
            "family", gender=spouse_gender, name=spouse_name,
            birth=gen.birth(max(1945, min(today.year - 18, head.birth.year + rng.randint(-5, 5)))),
            phone=head.phone, hood=head.hood, address=head.address))
        for _ in range(rng.randint(1, 2)):
            gender = rng.choice((Gender.MALE, Gender.FEMALE))
            year = min(today.year - 16, head.birth.year + rng.randint(20, 32))
            given = gen.given(gender, taken)
            taken.add(given)
            child = gen.person(
                "family", gender=gender, birth=gen.birth(year),
                name=f"{surname} {gen.middle(gender)} {given}",
                phone=head.phone, hood=head.hood, address=head.address)
            family.append(child)
            if rng.random() < 0.25:
                # A twin: same birthday, same phone and address, another given name.
                given = gen.given(gender, taken)
                taken.add(given)
                family.append(gen.person(
                    "family", gender=gender, birth=child.birth,
                    name=" ".join([*child.name.split()[:-1], given]),
                    phone=head.phone, hood=head.hood, address=head.address))
        for x, y in combinations(family, 2):
            hard["household"].add((x.pid, y.pid))

    records: list[dict[str, object]] = []
    person_of: dict[str, int] = {}
    variations: dict[str, tuple[str, ...]] = {}
    records_per: Counter[int] = Counter()
    used: Counter[str] = Counter()
    repeated = {p.pid for p in rng.sample(gen.people, round(len(gen.people) * repeated_share))}
    for person in gen.people:
        copies = 1 + (rng.choice((1, 1, 2)) if person.pid in repeated else 0)
        devices = rng.sample(range(len(VOLUNTEERS) * 2), copies)
        with_date_first = rng.random() < 0.6
        for copy, device in enumerate(devices):
            name = person.name
            applied: list[str] = []
            with_date = with_date_first if copy == 0 else rng.random() < 0.5
            phone = person.phone
            cccd = person.cccd if rng.random() < 0.5 else None
            address = person.address
            if copy > 0:
                for variation in rng.sample(NAME_VARIATIONS, rng.choice((1, 1, 2))):
                    varied = vary_name(rng, name, variation)
                    if varied is not None and varied != name:
                        name = varied
                        applied.append(variation)
                if with_date != with_date_first:
                    applied.append("date_vs_year")
                if phone is not None and rng.random() < 0.08:
                    phone = None
                    applied.append("phone_missing")
                if rng.random() < 0.1:
                    address = rng.choice([s for s in STREETS if s != person.address])
                    applied.append("other_address")
            if phone is not None:
                spelled = _spell_phone(rng, phone)
                if copy > 0 and spelled != phone:
                    applied.append("phone_format")
                phone = spelled
            record = _record(gen, person, name=name, with_date=with_date, phone=phone,
                             cccd=cccd, address=address, device=device)
            rid = str(record["id"])
            records.append(record)
            person_of[rid] = person.pid
            records_per[person.pid] += 1
            if copy > 0:
                variations[rid] = tuple(applied)
                used.update(applied)
    first_ids: dict[int, list[str]] = {}
    for rid, pid in person_of.items():
        first_ids.setdefault(pid, []).append(rid)
    hard_pairs = {
        why: {
            (min(a, b), max(a, b))
            for x, y in pairs
            for a in first_ids[x]
            for b in first_ids[y]
        }
        for why, pairs in hard.items()
    }
    cccd_pairs = 0
    for ids in first_ids.values():
        with_cccd = [r for r in records if str(r["id"]) in ids and r["cccd"]]
        cccd_pairs += len(list(combinations(with_cccd, 2)))
    makeup = {
        "people": len(gen.people),
        "records": len(records),
        "people recorded once": sum(1 for n in records_per.values() if n == 1),
        "people recorded twice": sum(1 for n in records_per.values() if n == 2),
        "people recorded three times": sum(1 for n in records_per.values() if n == 3),
        "namesake people (same name, same year)": len(hard["namesake"]),
        "household members (shared phone and address)": sum(
            1 for p in gen.people if p.role == "family"),
        "namesake record pairs": len(hard_pairs["namesake"]),
        "household record pairs": len(hard_pairs["household"]),
        "same-person pairs with a CCCD on both": cccd_pairs,
        **{f"variation: {name}": count for name, count in sorted(used.items())},
    }
    return LabelledSet(records, person_of, gen.people, makeup, variations, hard_pairs)


def folded_name(record: dict[str, object]) -> str:
    return search_key(str(record.get("full_name") or ""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--residents", type=int, default=400)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    data = generate_residents(args.residents, seed=args.seed)
    for name, count in data.makeup.items():
        print(f"{name:50} {count:6}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
