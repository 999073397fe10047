"""Reference data: the ward and its neighbourhoods, assistance categories, procedures,
CCCD province codes and the consent notice.

Shipped as readable TOML in ``resources/reference/`` and validated when loaded: a broken
file raises :class:`ReferenceDataError` naming the file, the entry and the problem, so a ward
IT person who edits a file is told exactly what to fix. The ward server sends newer versions
to laptops at sync; they arrive as the same documents (:meth:`ReferenceData.from_documents`).
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

import resources

_T = TypeVar("_T", bound="_Coded")

FILES = ("ward", "categories", "procedures", "provinces", "consent")


class ReferenceDataError(Exception):
    """A reference-data file is missing, unreadable or inconsistent."""

    def __init__(self, file: str, entry: str, problem: str) -> None:
        self.file, self.entry, self.problem = file, entry, problem
        super().__init__(f"{file}: {entry}: {problem}")


class _Entry(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


#: A code as records carry it (neighbourhood and procedure codes: at most 32 characters in a
#: record), so an administrator's file cannot publish one no record could hold.
Code = Annotated[str, Field(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9_.-]+$")]
#: A name shown to people.
Name = Annotated[str, Field(min_length=1, max_length=300)]


class _Coded(_Entry):
    code: Code


class Ward(_Coded):
    name: Name
    province: str
    valid_from: date
    valid_to: date | None = None
    replaced_by: str | None = None


class Neighbourhood(_Coded):
    ward: str
    name: Name
    valid_from: date
    valid_to: date | None = None
    replaced_by: str | None = None

    def valid_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class Category(_Coded):
    name_vi: Name
    name_en: Name
    requires: tuple[Literal["procedure", "detail"], ...] = ()

    def name(self, lang: str = "vi") -> str:
        return self.name_vi if lang == "vi" else self.name_en


class Procedure(_Coded):
    name_vi: Name
    name_en: Name
    online_levels: tuple[Literal["full", "partial"], ...] = ("full", "partial")

    def name(self, lang: str = "vi") -> str:
        return self.name_vi if lang == "vi" else self.name_en


class Province(_Coded):
    name: Name


class ConsentNotice(_Entry):
    version: str
    text_vi: str
    text_en: str

    def text(self, lang: str = "vi") -> str:
        return self.text_vi if lang == "vi" else self.text_en


@dataclass(frozen=True)
class ReferenceData:
    """All reference data, validated and indexed by code."""

    versions: Mapping[str, str]
    active_ward: str
    wards: Mapping[str, Ward]
    neighbourhoods: Mapping[str, Neighbourhood]
    categories: Mapping[str, Category]
    procedures: Mapping[str, Procedure]
    provinces: Mapping[str, Province]
    consent: ConsentNotice
    documents: Mapping[str, Mapping[str, Any]] = field(repr=False, compare=False)

    @property
    def version(self) -> str:
        """One string that changes whenever any file changes (for sync)."""
        return ";".join(f"{name}={self.versions[name]}" for name in FILES)

    @property
    def ward(self) -> Ward:
        return self.wards[self.active_ward]

    def current_neighbourhoods(self, on: date) -> list[Neighbourhood]:
        """The neighbourhoods of the active ward valid on that day, in file order."""
        return [
            n for n in self.neighbourhoods.values() if n.ward == self.active_ward and n.valid_on(on)
        ]

    def neighbourhood(self, code: str) -> Neighbourhood | None:
        return self.neighbourhoods.get(code)

    def successor(self, code: str) -> Neighbourhood | None:
        """Today's neighbourhood for a possibly retired code, following ``replaced_by``."""
        seen: set[str] = set()
        current = self.neighbourhoods.get(code)
        while current is not None and current.replaced_by and current.code not in seen:
            seen.add(current.code)
            current = self.neighbourhoods.get(current.replaced_by)
        return current

    def to_documents(self) -> dict[str, Mapping[str, Any]]:
        """The raw documents, as sent by the ward server to laptops."""
        return dict(self.documents)

    def json_documents(self) -> dict[str, Any]:
        """The documents as JSON holds them (TOML dates as ISO strings): what is stored,
        published and sent."""
        loaded: dict[str, Any] = json.loads(json.dumps(self.documents, default=str))
        return loaded

    @classmethod
    def from_documents(cls, documents: Mapping[str, Mapping[str, Any]]) -> ReferenceData:
        """Validate and index parsed documents (``{"ward": {...}, "categories": {...}, …}``)."""
        for name in FILES:
            if name not in documents:
                raise ReferenceDataError(f"{name}.toml", "(file)", "the file is missing")
        versions = {name: _version(name, documents[name]) for name in FILES}

        ward_doc = documents["ward"]
        wards = _index("ward.toml", "ward", ward_doc, Ward)
        neighbourhoods = _index("ward.toml", "neighbourhood", ward_doc, Neighbourhood)
        active = ward_doc.get("active_ward")
        if not isinstance(active, str) or active not in wards:
            raise ReferenceDataError(
                "ward.toml", "active_ward", f"{active!r} is not the code of a [[ward]] entry"
            )
        _check_periods("ward.toml", "ward", wards)
        _check_periods("ward.toml", "neighbourhood", neighbourhoods)
        for n in neighbourhoods.values():
            if n.ward not in wards:
                raise ReferenceDataError(
                    "ward.toml", f"neighbourhood {n.code}", f"ward {n.ward!r} is not defined"
                )
        if not any(n.ward == active for n in neighbourhoods.values()):
            raise ReferenceDataError("ward.toml", "active_ward", f"{active} has no neighbourhoods")

        consent_doc = documents["consent"]
        text = consent_doc.get("text")
        if not isinstance(text, Mapping) or not text.get("vi") or not text.get("en"):
            raise ReferenceDataError("consent.toml", "[text]", "needs both `vi` and `en` texts")
        consent = ConsentNotice(
            version=versions["consent"], text_vi=str(text["vi"]), text_en=str(text["en"])
        )
        return cls(
            versions=versions,
            active_ward=active,
            wards=wards,
            neighbourhoods=neighbourhoods,
            categories=_index("categories.toml", "category", documents["categories"], Category),
            procedures=_index("procedures.toml", "procedure", documents["procedures"], Procedure),
            provinces=_index("provinces.toml", "province", documents["provinces"], Province),
            consent=consent,
            documents={name: documents[name] for name in FILES},
        )


def load_reference(directory: Path | None = None) -> ReferenceData:
    """Read and validate every file in ``directory`` (default: the shipped files).

    Raises:
        ReferenceDataError: naming the file, the entry and the problem.
    """
    folder = directory if directory is not None else resources.path("reference")
    documents: dict[str, Mapping[str, Any]] = {}
    for name in FILES:
        file = folder / f"{name}.toml"
        try:
            with file.open("rb") as fh:
                documents[name] = tomllib.load(fh)
        except FileNotFoundError:
            raise ReferenceDataError(str(file), "(file)", "the file is missing") from None
        except tomllib.TOMLDecodeError as exc:
            raise ReferenceDataError(str(file), "(syntax)", str(exc)) from None
        except OSError as exc:
            raise ReferenceDataError(str(file), "(file)", exc.strerror or str(exc)) from None
    return ReferenceData.from_documents(documents)


def _version(name: str, document: Mapping[str, Any]) -> str:
    version = document.get("version")
    if not isinstance(version, str) or not version:
        raise ReferenceDataError(
            f"{name}.toml", "version", "a non-empty `version` string is needed"
        )
    return version


def _index(file: str, table: str, document: Mapping[str, Any], model: type[_T]) -> dict[str, _T]:
    raw = document.get(table)
    if not isinstance(raw, list) or not raw:
        raise ReferenceDataError(file, f"[[{table}]]", "there must be at least one entry")
    result: dict[str, _T] = {}
    for position, item in enumerate(raw, start=1):
        code = item.get("code") if isinstance(item, Mapping) else None
        entry = f"{table} #{position}" + (f" ({code})" if code else "")
        try:
            parsed = model.model_validate(item)
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in err['loc']) or 'entry'}: {err['msg']}"
                for err in exc.errors()
            )
            raise ReferenceDataError(file, entry, problems) from None
        key = parsed.code
        if key in result:
            raise ReferenceDataError(file, entry, f"the code {key!r} is used twice")
        result[key] = parsed
    return result


def _check_periods(file: str, table: str, entries: Mapping[str, Ward | Neighbourhood]) -> None:
    for entry in entries.values():
        where = f"{table} {entry.code}"
        if entry.valid_to is not None and entry.valid_to < entry.valid_from:
            raise ReferenceDataError(file, where, "valid_to is before valid_from")
        if entry.replaced_by is not None:
            if entry.replaced_by not in entries:
                raise ReferenceDataError(
                    file, where, f"replaced_by {entry.replaced_by!r} is not defined"
                )
            if entry.valid_to is None:
                raise ReferenceDataError(file, where, "a replaced entry needs a valid_to date")
