"""Load the labelled OKRs and measure the coach against them.

Shared by test_agreement.py and bench/coach_agreement.py so both report the
same numbers. Pure functions over the YAML's entries; no Django.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from bearing.domain.coach import Level, Review, review_key_result, review_objective
from bearing.domain.coach.owner import NO_OWNER, Owner, owner_of
from bearing.domain.model import KeyResult, KRKind, Measurement, Objective, Team

LABELLED = Path(__file__).with_name("labelled_okrs.yaml")
# Written blind by an independent OKR coach from the rubric and seed 001 only.
BLIND_1 = Path(__file__).with_name("blind_batch.yaml")
# The same coach's second batch, scored sealed once after the fixes blind 1 prompted.
BLIND_2 = Path(__file__).with_name("blind_batch_2.yaml")
BLIND_3 = Path(__file__).with_name("blind_batch_3.yaml")
# Blind batch 4: the COACH_TASK.md format (organizations with team trees), scored sealed by
# the lead, then released for tuning.
BLIND_4 = Path(__file__).with_name("blind_batch_4.yaml")
# Blind batch 6: the same format, 105 items in 26 organizations, scored sealed by the lead
# with round 4 (0.800 / 0.876), then released for round 5's tuning.
BLIND_6 = Path(__file__).with_name("blind_batch_6.yaml")
BLIND_7 = Path(__file__).with_name("blind_batch_7.yaml")
# 40 items written by the coach's own helper for round 4 (attribution), labelled and scored
# once before any round-4 rule: a held-out development figure, not a sealed blind one.
DEV_ATTRIBUTION = Path(__file__).with_name("dev_batch_attribution.yaml")
# 30 more by the same hand, written after the round-4 rules and scored once, untuned.
DEV_ATTRIBUTION_2 = Path(__file__).with_name("dev_batch_attribution_2.yaml")
RATINGS = tuple(level.value for level in Level)
HISTORY_POINTS = 6
HISTORY_FROM = date(2026, 1, 5)


@dataclass(frozen=True)
class Entry:
    id: str
    item: str  # objective | key_result
    split: str  # tune | holdout | blind… (a batch without splits: the file's name)
    title: str
    rating: str
    limiting: frozenset[str]
    raw: dict[str, Any]
    owner: Owner = NO_OWNER


# A company team nobody named: ``company_team: false`` in the older batches says only
# that the owning team is not the company.
UNNAMED_COMPANY = "(the company)"


def _older_owner(e: dict[str, Any]) -> Owner:
    """Batches 1–3 and the labelled set: an objective may name its team and the company
    team; every other team is taken to sit right under the company."""
    company = e.get("company_team")
    if company is None:
        return owner_of(e.get("team"), ())
    name = UNNAMED_COMPANY if company is False else str(company)
    return owner_of(e.get("team"), (Team(name),))


def _organizations(data: dict[str, Any]) -> dict[str, tuple[Team, ...]]:
    """The team trees of a batch in the blind format (COACH_TASK.md): the first team of an
    organization is its company team."""
    trees = {}
    for org in data.get("organizations") or ():
        teams = []
        for i, t in enumerate(org["teams"]):
            parent = None if i == 0 else t.get("parent") or org["teams"][0]["name"]
            teams.append(Team(name=t["name"], parent=parent))
        trees[org["name"]] = tuple(teams)
    return trees


def load(path: Path = LABELLED) -> list[Entry]:
    """The labelled items of a batch, in either format: the older one (``split``,
    ``industry``, an objective's ``team``/``company_team``) or the blind one of
    COACH_TASK.md (``organizations`` with team trees; items name their ``organization``
    and ``team``, key results too)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    trees = _organizations(data)
    industries = {o["name"]: o.get("industry", "") for o in data.get("organizations") or ()}
    entries = []
    for e in data["items"]:
        if "organization" in e:
            owner = owner_of(e.get("team"), trees.get(e["organization"], ()))
            e = {"industry": industries.get(e["organization"], ""), **e}
        else:
            owner = _older_owner(e) if e["item"] == "objective" else NO_OWNER
        entries.append(
            Entry(
                id=e["id"],
                item=e["item"],
                split=e.get("split") or path.stem,
                title=e["title"],
                rating=e["rating"],
                limiting=frozenset(e.get("limiting") or ()),
                raw=e,
                owner=owner,
            )
        )
    return entries


def _dec(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def key_result_of(raw: dict[str, Any]) -> KeyResult:
    start, target = _dec(raw.get("start")), _dec(raw.get("target"))
    history: tuple[Measurement, ...] = ()
    every = raw.get("history_every_days")
    if every:
        first = start if start is not None else Decimal(0)
        step = ((target or first) - first) / (2 * HISTORY_POINTS)
        history = tuple(
            Measurement(on=HISTORY_FROM + timedelta(days=every * i), value=first + step * i)
            for i in range(HISTORY_POINTS)
        )
    return KeyResult(
        title=raw["title"],
        kind=KRKind(raw["kind"]) if raw.get("kind") else None,
        start=start,
        target=target,
        unit=raw.get("unit", ""),
        history=history,
        ref=raw["id"],
    )


def review(entry: Entry) -> Review:
    if entry.item == "objective":
        objective = Objective(title=entry.title, team=entry.raw.get("team"), ref=entry.id)
        return review_objective(objective, owner=entry.owner)
    return review_key_result(key_result_of(entry.raw), owner=entry.owner)


@dataclass
class Scores:
    """Agreement of the coach with the labels over one split."""

    total: int = 0
    agreed: int = 0
    limiting_agreed: int = 0  # limiting or not, as the label says
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)  # (expected, got)
    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    misses: list[tuple[Entry, Review]] = field(default_factory=list)

    @property
    def agreement(self) -> float:
        return self.agreed / self.total if self.total else 0.0

    @property
    def limiting_agreement(self) -> float:
        return self.limiting_agreed / self.total if self.total else 0.0

    def precision(self, rule: str) -> float | None:
        n = self.tp[rule] + self.fp[rule]
        return self.tp[rule] / n if n else None

    def recall(self, rule: str) -> float | None:
        n = self.tp[rule] + self.fn[rule]
        return self.tp[rule] / n if n else None

    def rules(self) -> list[str]:
        return sorted(set(self.tp) | set(self.fp) | set(self.fn))


def score(entries: list[Entry]) -> Scores:
    s = Scores()
    for entry in entries:
        got = review(entry)
        predicted = {f.rule for f in got.findings if f.level is Level.LIMITING}
        s.total += 1
        s.confusion[(entry.rating, got.rating.value)] += 1
        if got.rating.value == entry.rating:
            s.agreed += 1
        if (got.rating is Level.LIMITING) == (entry.rating == Level.LIMITING.value):
            s.limiting_agreed += 1
        if got.rating.value != entry.rating or predicted != entry.limiting:
            s.misses.append((entry, got))
        for rule in predicted & entry.limiting:
            s.tp[rule] += 1
        for rule in predicted - entry.limiting:
            s.fp[rule] += 1
        for rule in entry.limiting - predicted:
            s.fn[rule] += 1
    return s
