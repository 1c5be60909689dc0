"""The coach's vocabulary: levels, findings, reviews and settings."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Level(StrEnum):
    LIMITING = "limiting"
    HELPFUL = "helpful"
    AWESOME = "awesome"


@dataclass(frozen=True)
class Finding:
    """One observation about an item, at the rubric level it speaks to."""

    rule: str
    level: Level
    message: str
    suggestion: str = ""


@dataclass(frozen=True)
class Review:
    rating: Level
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class PortfolioFinding:
    """An observation about a set of OKRs (a team's, a cycle's), naming the refs involved."""

    rule: str
    message: str
    refs: tuple[str, ...]


@dataclass(frozen=True)
class CoachSettings:
    """Soft limits; organizations may change them (PRODUCT.md, Organization settings)."""

    max_objectives_per_team: int = 1
    max_key_results: int = 5
    min_key_results: int = 2


DEFAULT_SETTINGS = CoachSettings()


def conclude(findings: Iterable[Finding], awesome: bool) -> Review:
    """The rating the findings justify: any limiting finding wins; awesome only when earned.

    ``awesome`` says whether the item shows every awesome trait; the caller adds
    those traits as awesome findings, so an awesome rating is always explained.
    """
    found = tuple(findings)
    levels = {f.level for f in found}
    if Level.LIMITING in levels:
        rating = Level.LIMITING
    elif awesome and Level.AWESOME in levels:
        rating = Level.AWESOME
    else:
        rating = Level.HELPFUL
    order = {Level.LIMITING: 0, Level.AWESOME: 1, Level.HELPFUL: 2}
    # Most important first: what limits the item, then what makes it shine.
    return Review(rating=rating, findings=tuple(sorted(found, key=lambda f: order[f.level])))
