"""The matcher's data files, loaded and checked once: name lists, prior name-part shares and
the Fellegi–Sunter parameters (``data/*.toml``; see docs/residents.md)."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from sync.contract.errors import KnownError
from sync.contract.normalize import search_key

DATA_DIR = Path(__file__).resolve().parent / "data"


class LinkageDataError(KnownError):
    """A matcher data file is missing or wrong (names which file and what)."""

    def __init__(self, file: str, problem: str) -> None:
        super().__init__(
            f"Tệp dữ liệu so khớp cư dân {file} không hợp lệ: {problem}",
            f"The resident-matching data file {file} is not valid: {problem}",
        )


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class LevelOdds(_Frozen):
    """One comparison level: m, and either a fixed u or a term-frequency u (u_scale/u_floor)."""

    m: float = Field(gt=0, le=1)
    u: float | None = Field(default=None, gt=0, le=1)
    u_scale: float | None = Field(default=None, gt=0)
    u_floor: float | None = Field(default=None, gt=0, le=1)

    @model_validator(mode="after")
    def _one_u(self) -> LevelOdds:
        if (self.u is None) == (self.u_scale is None and self.u_floor is None):
            raise ValueError("give either u, or u_scale / u_floor (term frequency)")
        return self


class Thresholds(_Frozen):
    possible: float
    likely: float
    score_midpoint: float

    @model_validator(mode="after")
    def _ordered(self) -> Thresholds:
        if not self.possible < self.likely:
            raise ValueError("possible must be below likely")
        return self


class Blocking(_Frozen):
    max_records_per_key: int = Field(ge=2)


class Household(_Frozen):
    contact_cap: float = Field(ge=0)


class Parameters(_Frozen):
    thresholds: Thresholds
    blocking: Blocking
    household: Household
    surname: dict[str, LevelOdds]
    middle: dict[str, LevelOdds]
    given: dict[str, LevelOdds]
    gender: dict[str, LevelOdds]
    birth: dict[str, LevelOdds]
    phone: dict[str, LevelOdds]
    address: dict[str, LevelOdds]
    cmnd: dict[str, LevelOdds]

    @model_validator(mode="after")
    def _levels_present(self) -> Parameters:
        wanted = {
            "surname": {"exact", "unaccented", "accent", "variant", "typo", "different"},
            "middle": {"exact", "unaccented", "accent", "typo", "missing", "different"},
            "given": {"exact", "unaccented", "accent", "typo", "different"},
            "gender": {"same", "different"},
            "birth": {"same_date", "same_year", "dates_differ", "year_close", "different"},
            "phone": {"same", "different"},
            "address": {"same", "similar", "different"},
            "cmnd": {"same", "different"},
        }
        for name, levels in wanted.items():
            given = set(getattr(self, name))
            if given != levels:
                raise ValueError(f"[{name}] needs exactly the levels {sorted(levels)}")
        return self


class Frequencies(_Frozen):
    """Prior shares of folded name parts (keys folded at load time)."""

    prior_weight: float = Field(gt=0)
    default: dict[str, float]
    surname: dict[str, float]
    middle: dict[str, float]
    given: dict[str, float]


class NameData(_Frozen):
    surnames: frozenset[str]  # folded
    #: folded surname -> folded name of its group (its first spelling in the file)
    surname_group: dict[str, str]


def _read(name: str) -> dict[str, Any]:
    path = DATA_DIR / name
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise LinkageDataError(name, str(exc)) from exc
    except tomllib.TOMLDecodeError as exc:
        raise LinkageDataError(name, str(exc)) from exc


@lru_cache(maxsize=1)
def parameters() -> Parameters:
    try:
        return Parameters.model_validate(_read("parameters.toml"))
    except ValidationError as exc:
        raise LinkageDataError("parameters.toml", str(exc)) from exc


@lru_cache(maxsize=1)
def name_data() -> NameData:
    raw = _read("names.toml")
    try:
        surnames = frozenset(search_key(s) for s in raw["surnames"])
        groups: dict[str, str] = {}
        for group in raw["surname_variants"]:
            if len(group) < 2:
                raise ValueError(f"a variant group needs two spellings or more: {group}")
            head = search_key(group[0])
            for spelling in group:
                groups[search_key(spelling)] = head
    except (KeyError, TypeError, ValueError) as exc:
        raise LinkageDataError("names.toml", str(exc)) from exc
    return NameData(surnames=surnames | frozenset(groups), surname_group=groups)


@lru_cache(maxsize=1)
def frequencies() -> Frequencies:
    raw = _read("frequencies.toml")
    try:
        groups = name_data().surname_group
        folded: dict[str, Any] = dict(raw)
        for part in ("surname", "middle", "given"):
            table: dict[str, float] = {}
            for text, share in raw.get(part, {}).items():
                key = search_key(text)
                if part == "surname":
                    key = groups.get(key, key)
                table[key] = table.get(key, 0.0) + float(share)
            folded[part] = table
        result = Frequencies.model_validate(folded)
    except (ValidationError, TypeError, ValueError) as exc:
        raise LinkageDataError("frequencies.toml", str(exc)) from exc
    for part in ("surname", "middle", "given"):
        if part not in result.default:
            raise LinkageDataError("frequencies.toml", f"[default] needs {part}")
    return result
