"""The reasons of a proposal, in words, in Vietnamese and English (bilingual data, as every
server message is), each with the bits of evidence it added or took away."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Reason:
    code: str
    vi: str
    en: str
    #: log2 of the likelihood ratio this comparison contributed (negative: against a match).
    weight: float

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "vi": self.vi, "en": self.en, "weight": round(self.weight, 2)}


def dump(reasons: list[Reason]) -> str:
    return json.dumps([r.to_json() for r in reasons], ensure_ascii=False)


def load(text: str) -> list[Reason]:
    return [
        Reason(str(item["code"]), str(item["vi"]), str(item["en"]), float(item["weight"]))
        for item in json.loads(text or "[]")
    ]


_DETAIL = re.compile(r"\s*\([^)]*\)")


def without_details(reasons: list[Reason]) -> list[Reason]:
    """The reasons with the personal details in brackets left out ("Cùng năm sinh (1980)" ->
    "Cùng năm sinh"): what a decided proposal keeps once a record's personal data is erased."""
    return [Reason(r.code, _DETAIL.sub("", r.vi), _DETAIL.sub("", r.en), r.weight)
            for r in reasons]


def in_words(reasons: list[Reason], lang: str = "vi") -> str:
    """One line for a CSV cell or a list row: "Cùng số CCCD; Cùng năm sinh (1980)"."""
    return "; ".join(r.vi if lang == "vi" else r.en for r in reasons)
