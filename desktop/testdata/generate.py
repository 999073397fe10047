"""Realistic, deterministic test data: Vietnamese residents helped by a volunteer.

Used by tests, the import benchmark and the GUI (to fill a store for demos and speed checks).
Qt-free. Birth years and genders agree with the generated CCCD numbers; phones are valid
Vietnamese mobiles spelled the many ways people write them; names are sometimes typed in
decomposed Unicode (NFD), as some keyboard tools do.

With ``invalid_ratio`` > 0, some rows carry one known defect each, so a test can check that
exactly those rows are rejected and the rest stored::

    python -m desktop.testdata.generate rows.csv --rows 10000 --invalid 0.1 --seed 7
"""

from __future__ import annotations

import argparse
import csv
import random
import unicodedata
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from sync.contract.cccd import encode as encode_cccd
from sync.contract.labels import label
from sync.contract.normalize import InvalidPhone, normalize_name, normalize_phone
from sync.contract.record import (
    GIVEN_CONSENT_METHODS,
    AssistanceRecord,
    ConsentMethod,
    Gender,
    OnlineLevel,
    Place,
    RecordStatus,
    Result,
)
from sync.contract.reference import ReferenceData, load_reference
from sync.contract.tabular import COLUMNS_BY_NAME, HeaderStyle

SURNAMES = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
    "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Lương", "Mai",
)  # fmt: skip
MIDDLE = {
    Gender.MALE: ("Văn", "Hữu", "Đức", "Quang", "Minh", "Công", "Thành", "Xuân"),
    Gender.FEMALE: ("Thị", "Ngọc", "Thu", "Thanh", "Minh", "Kim", "Hồng", "Phương"),
}
GIVEN = {
    Gender.MALE: (
        "An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hùng", "Khánh", "Long", "Nam",
        "Phong", "Quân", "Sơn", "Thắng", "Tuấn", "Việt", "Hưng", "Lộc", "Toàn", "Trung",
    ),
    Gender.FEMALE: (
        "Anh", "Chi", "Dung", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga",
        "Ngân", "Nhung", "Oanh", "Phượng", "Thảo", "Trang", "Vân", "Yến", "Huyền",
    ),
}  # fmt: skip
MOBILE_PREFIXES = (
    "032", "033", "034", "035", "036", "037", "038", "039", "086", "096", "097", "098",
    "081", "082", "083", "084", "085", "088", "091", "094", "070", "076", "077", "078",
    "079", "089", "090", "093", "052", "056", "058", "092", "059", "099", "087",
)  # fmt: skip
STREETS = ("Tổ 1", "Tổ 2", "Tổ 3", "Tổ 4", "Tổ 5", "Tổ 6", "Tổ 7", "Tổ 8")

#: Defects: (field that must be reported, description). Each is an error under validation.
DEFECTS = (
    "phone",  # a retired 11-digit-era prefix
    "cccd",  # year digits disagree with the birth year
    "birth_date",  # a date that does not exist
    "gender",  # a word that is no gender
    "consent",  # a final record without consent
    "procedure_code",  # a final online dossier without its procedure
    "category",  # an unknown category code
    "full_name",  # digits in the name
    "assisted_on",  # help recorded in the future
)


@dataclass(frozen=True)
class GeneratedRow:
    """One spreadsheet row (English header -> cell text) and its known defect, if any."""

    cells: dict[str, str]
    defect: str | None = None


class _Maker:
    def __init__(self, seed: int, today: date, ref: ReferenceData, *,
                 draft_share: float = 0.15) -> None:
        self.rng = random.Random(seed)
        self.draft_share = draft_share
        self.today = today
        self.ref = ref
        self.hoods = [n.code for n in ref.current_neighbourhoods(today)]
        self.provinces = sorted(ref.provinces)
        self.categories = sorted(ref.categories)
        self.procedures = sorted(ref.procedures)
        self.serials: set[str] = set()

    def resident(self) -> dict[str, object]:
        rng = self.rng
        gender = rng.choice((Gender.MALE, Gender.FEMALE))
        name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE[gender])} {rng.choice(GIVEN[gender])}"
        year = rng.randint(max(1940, self.today.year - 85), self.today.year - 16)
        birth = date(year, 1, 1) + timedelta(days=rng.randrange(365))
        province = "022" if rng.random() < 0.6 else rng.choice(self.provinces)
        serial = f"{rng.randrange(1_000_000):06d}"
        while f"{province}{year}{serial}" in self.serials:
            serial = f"{rng.randrange(1_000_000):06d}"
        self.serials.add(f"{province}{year}{serial}")
        return {
            "full_name": name,
            "gender": gender,
            "birth_date": birth,
            "cccd": encode_cccd(province, birth.year, gender, serial),
            "phone": self.phone(),
        }

    def phone(self) -> str:
        # Not every block of every prefix is allocated; phonenumbers knows which are.
        while True:
            national = self.rng.choice(MOBILE_PREFIXES) + f"{self.rng.randrange(10**7):07d}"
            try:
                normalize_phone(national)
            except InvalidPhone:
                continue
            return national

    def work(self) -> dict[str, object]:
        rng = self.rng
        category = rng.choice(self.categories)
        values: dict[str, object] = {"category": category}
        requires = self.ref.categories[category].requires
        if "procedure" in requires:
            code = rng.choice(self.procedures)
            values["procedure_code"] = code
            levels = self.ref.procedures[code].online_levels
            values["online_level"] = OnlineLevel(rng.choice(levels))
            if rng.random() < 0.5:
                values["dossier_code"] = f"G22.{rng.randrange(10**6):06d}-{rng.randrange(99):02d}"
        if "detail" in requires:
            values["category_detail"] = "Hướng dẫn cài đặt Zalo"
        assisted = self.today - timedelta(days=rng.randrange(180))
        values["assisted_on"] = assisted
        values["place"] = rng.choice(list(Place))
        result = rng.choices(list(Result), weights=(60, 15, 12, 8, 5))[0]
        values["result"] = result
        if result is Result.FOLLOW_UP:
            values["follow_up_date"] = assisted + timedelta(days=rng.randint(3, 30))
        if result is Result.NOT_POSSIBLE:
            values["reason"] = "Chưa có tài khoản định danh mức 2"
        values["neighbourhood"] = rng.choice(self.hoods)
        values["address"] = rng.choice(STREETS)
        values["consent"] = True
        values["consent_method"] = rng.choice(GIVEN_CONSENT_METHODS)
        # Drawn even when no drafts are wanted, so the rest of a seed's data stays the same.
        drafted = rng.random() < self.draft_share
        values["status"] = RecordStatus.DRAFT if drafted else RecordStatus.FINAL
        return values


def _spell_phone(rng: random.Random, national: str) -> str:
    style = rng.randrange(4)
    if style == 0:
        return national
    if style == 1:
        return f"{national[:4]} {national[4:7]} {national[7:]}"
    if style == 2:
        return "+84 " + national[1:]
    return "84" + national[1:]


def _cell(value: object, style: HeaderStyle, rng: random.Random) -> str:
    if isinstance(value, bool):
        return ("Có" if value else "Không") if style == "vi" else ("yes" if value else "no")
    if isinstance(value, Gender | Place | Result | OnlineLevel | ConsentMethod | RecordStatus):
        return label(value, "vi") if style == "vi" or rng.random() < 0.5 else value.value
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y") if rng.random() < 0.7 else value.isoformat()
    return str(value)


def generate_rows(
    count: int,
    *,
    seed: int = 1,
    today: date,
    ref: ReferenceData | None = None,
    invalid_ratio: float = 0.0,
    style: HeaderStyle = "en",
) -> Iterator[GeneratedRow]:
    """Rows as a volunteer would type them in a spreadsheet; deterministic for a seed."""
    maker = _Maker(seed, today, ref or load_reference())
    rng = maker.rng
    for index in range(count):
        values = {**maker.resident(), **maker.work()}
        national = str(values.pop("phone"))
        defect = DEFECTS[index % len(DEFECTS)] if rng.random() < invalid_ratio else None
        if values["status"] is RecordStatus.DRAFT and defect in ("consent", "procedure_code"):
            values["status"] = RecordStatus.FINAL  # those rules bind final records only
        cells = {name: _cell(v, style, rng) for name, v in values.items()}
        cells["phone"] = _spell_phone(rng, national)
        cells["birth_year"] = str(values["birth_date"].year)  # type: ignore[attr-defined]
        if rng.random() < 0.3:
            del cells["birth_date"]  # only the year is known
        if rng.random() < 0.1:
            cells["full_name"] = unicodedata.normalize("NFD", cells["full_name"])
        if defect is not None:
            _apply_defect(cells, defect, maker, style)
        yield GeneratedRow(cells=cells, defect=defect)


def _apply_defect(cells: dict[str, str], defect: str, maker: _Maker, style: HeaderStyle) -> None:
    rng = maker.rng
    if defect == "phone":
        cells["phone"] = "0123" + f"{rng.randrange(10**6):06d}"
    elif defect == "cccd":
        number = cells["cccd"]
        year_digits = (int(number[4:6]) + rng.randint(1, 9)) % 100
        cells["cccd"] = f"{number[:4]}{year_digits:02d}{number[6:]}"
    elif defect == "birth_date":
        cells["birth_date"] = "31/02/" + cells["birth_year"]
    elif defect == "gender":
        cells["gender"] = "không rõ"
    elif defect == "consent":
        # (a resident who declined may stay anonymous without consent: not a defect)
        cells["result"] = Result.COMPLETED.value
        cells["consent"] = "Không" if style == "vi" else "no"
        cells["status"] = "final"
    elif defect == "procedure_code":
        cells["category"] = "DVC_SUBMIT"
        cells.pop("procedure_code", None)
        cells.pop("online_level", None)
        cells["status"] = "final"
    elif defect == "category":
        cells["category"] = "VNEID_LEVEL_9"
    elif defect == "full_name":
        cells["full_name"] = cells["full_name"] + " 2"
    elif defect == "assisted_on":
        cells["assisted_on"] = (maker.today + timedelta(days=rng.randint(2, 60))).isoformat()
    else:  # pragma: no cover - DEFECTS and this function are edited together
        raise AssertionError(defect)


def generate_records(
    count: int,
    *,
    seed: int = 1,
    today: date,
    device_id: str,
    volunteer_name: str,
    ref: ReferenceData | None = None,
    neighbourhood_code: str | None = None,
    draft_share: float = 0.15,
) -> Iterator[AssistanceRecord]:
    """Valid contract records (for filling a store directly, e.g. GUI speed checks).

    ``neighbourhood_code``: every record in that neighbourhood, as on one volunteer's laptop
    (the ward server accepts a laptop's records only in the neighbourhood it is enrolled for);
    else spread over the ward. ``draft_share`` of them are drafts; sync tests and benchmarks ask
    for none, since drafts never leave the laptop."""
    reference = ref or load_reference()
    maker = _Maker(seed, today, reference, draft_share=draft_share)
    ward = reference.ward
    for _ in range(count):
        values = {**maker.resident(), **maker.work()}
        hood = reference.neighbourhoods[neighbourhood_code or str(values.pop("neighbourhood"))]
        values.pop("neighbourhood", None)
        assisted = values["assisted_on"]
        assert isinstance(assisted, date)
        moment = datetime.combine(assisted, time(9), tzinfo=UTC)
        values["phone"] = "+84" + str(values["phone"])[1:]
        values["full_name"] = normalize_name(str(values["full_name"]))
        yield AssistanceRecord.model_validate(
            {
                **values,
                "id": uuid.UUID(int=maker.rng.getrandbits(128), version=4),
                "device_id": device_id,
                "volunteer_name": volunteer_name,
                "created_at": moment,
                "updated_at": moment,
                "consent_at": moment,
                "ward_code": ward.code,
                "ward_name": ward.name,
                "neighbourhood_code": hood.code,
                "neighbourhood_name": hood.name,
            }
        )


def write_rows_csv(path: Path, rows: list[GeneratedRow], *, style: HeaderStyle = "en") -> None:
    """Write generated rows as a UTF-8 CSV (with BOM, as Excel saves it)."""
    names = [c.name for c in COLUMNS_BY_NAME.values() if c.importable and c.name != "id"]
    header = [COLUMNS_BY_NAME[n].header(style) for n in names]
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        for row in rows:
            writer.writerow(row.cells.get(n, "") for n in names)


def _share(text: str) -> float:
    value = float(text)
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text} is not a share from 0 to 1 (0.1 = 10%)")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("output", type=Path, help="CSV file to write")
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--invalid",
        type=_share,
        default=0.0,
        help="share of defective rows, from 0 to 1 (0.1 = 10%%)",
    )
    parser.add_argument("--headers", choices=("en", "vi"), default="en")
    args = parser.parse_args(argv)
    rows = list(
        generate_rows(
            args.rows,
            seed=args.seed,
            today=date.today(),
            invalid_ratio=args.invalid,
            style=args.headers,
        )
    )
    write_rows_csv(args.output, rows, style=args.headers)
    bad = sum(1 for r in rows if r.defect)
    print(f"{args.output}: {len(rows)} rows, {bad} with a known defect")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
