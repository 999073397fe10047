"""From evidence to what staff see: the level (certain / likely / possible), a 0–100 score
and the kind of proposal (the same person, or the same help recorded twice)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from sync.server.linkage.compare import Comparison
from sync.server.linkage.parameters import Parameters
from sync.server.linkage.reasons import Reason


class MatchLevel(StrEnum):
    CERTAIN = "certain"  # a valid CCCD that agrees
    LIKELY = "likely"
    POSSIBLE = "possible"


class ProposalKind(StrEnum):
    SAME_PERSON = "same_person"
    #: The same person, the same category, the same day: one help recorded twice.
    DOUBLE_ENTRY = "double_entry"


@dataclass(frozen=True, slots=True)
class Match:
    weight: float
    score: int
    level: MatchLevel
    kind: ProposalKind
    reasons: tuple[Reason, ...]


def judge(comparison: Comparison, params: Parameters) -> Match | None:
    """The proposal this evidence makes, or ``None`` when it is too weak (or vetoed).

    Two records whose given names are different names are at most "possible", however much
    else agrees: twins share a surname, a middle name, a birthday, a phone and an address,
    and only the given name tells them apart (only an agreeing CCCD outweighs that)."""
    if comparison.vetoed:
        return None
    thresholds = params.thresholds
    weight = comparison.weight
    if comparison.cccd_agrees:
        level = MatchLevel.CERTAIN
        score = 100
    elif weight >= thresholds.likely and not comparison.given_differs:
        level = MatchLevel.LIKELY
    elif weight >= thresholds.possible:
        level = MatchLevel.POSSIBLE
    else:
        return None
    if level is not MatchLevel.CERTAIN:
        exponent = max(min(weight - thresholds.score_midpoint, 60.0), -60.0)
        # 100 is kept for "certain": a probability short of proof never rounds up to it.
        score = min(99, round(100 / (1 + math.pow(2.0, -exponent))))
    kind = (
        ProposalKind.DOUBLE_ENTRY if comparison.same_service_same_day else ProposalKind.SAME_PERSON
    )
    return Match(weight, score, level, kind, tuple(comparison.reasons))
