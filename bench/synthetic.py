"""Synthetic organizations of any size, for benchmarks.

``generate`` builds a plain description (teams, people, objectives, key results,
weekly measurements) from a seed, so every run measures the same data; ``as_okr_set``
turns it into domain objects and ``load`` writes it into the database in bulk.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from bearing.domain import model as domain

WORDS = [
    "checkout",
    "onboarding",
    "retention",
    "activation",
    "payments",
    "support",
    "search",
    "mobile",
    "reliability",
    "pricing",
    "partners",
    "billing",
    "fraud",
    "latency",
    "growth",
    "quality",
    "delivery",
    "analytics",
    "security",
    "trust",
]
VERBS = ("Make", "Grow", "Delight", "Win", "Simplify", "Speed up", "Strengthen")


@dataclass
class SyntheticKR:
    ref: str
    title: str
    kind: domain.KRKind
    start: Decimal | None
    target: Decimal
    weekly: list[Decimal] = field(default_factory=list)


@dataclass
class SyntheticObjective:
    ref: str
    title: str
    team: int
    owner: int
    parent: str | None
    key_results: list[SyntheticKR]


@dataclass
class SyntheticOrg:
    people: int
    teams: list[tuple[str, int | None]]  # name, parent index
    objectives: list[SyntheticObjective]
    cycle: domain.Cycle
    as_of: date

    @property
    def measurement_count(self) -> int:
        return sum(len(kr.weekly) for o in self.objectives for kr in o.key_results)


def generate(
    people: int = 10_000, team_size: int = 10, objectives_per_team: int = 2, krs_per_objective: int = 3,
    weeks: int = 12, seed: int = 1,
) -> SyntheticOrg:  # fmt: skip
    rng = random.Random(seed)
    start = date(2026, 1, 1)
    cycle = domain.Cycle("2026-Q1", start, start + timedelta(days=90))
    team_count = max(1, people // team_size)
    teams: list[tuple[str, int | None]] = [("Company", None)]
    for i in range(1, team_count):
        teams.append((f"Team {i}", rng.randrange(0, i)))  # a random tree: parents come first
    objectives: list[SyntheticObjective] = []
    for t in range(team_count):
        parent_pool = [o.ref for o in objectives[-50:] if o.team != t]
        for j in range(objectives_per_team):
            ref = f"o{t}-{j}"
            krs = [_kr(rng, f"{ref}-k{k}", weeks) for k in range(krs_per_objective)]
            title = f"{rng.choice(VERBS)} {rng.choice(WORDS)} {rng.choice(WORDS)}"
            parent = rng.choice(parent_pool) if parent_pool and t else None
            objectives.append(SyntheticObjective(ref, title, t, rng.randrange(people), parent, krs))
    return SyntheticOrg(people, teams, objectives, cycle, start + timedelta(weeks=weeks))


def _kr(rng: random.Random, ref: str, weeks: int) -> SyntheticKR:
    kind = rng.choices(
        [domain.KRKind.INCREASE, domain.KRKind.DECREASE, domain.KRKind.AT_LEAST], weights=[6, 3, 1]
    )[0]
    if kind is domain.KRKind.AT_LEAST:
        target = Decimal("99.5")
        weekly = [Decimal(str(round(rng.uniform(99.0, 100.0), 2))) for _ in range(weeks)]
        return SyntheticKR(ref, f"Keep {ref} at least 99.5", kind, None, target, weekly)
    start = Decimal(rng.randrange(10, 1000))
    target = start * (Decimal(2) if kind is domain.KRKind.INCREASE else Decimal("0.5"))
    pace = rng.uniform(0.3, 1.3)
    weekly = [
        (start + (target - start) * Decimal(str(round(min(1.0, pace * (w + 1) / 13), 4)))).quantize(
            Decimal("0.01")
        )
        for w in range(weeks)
    ]
    return SyntheticKR(ref, f"Move {ref}", kind, start, target, weekly)


def as_okr_set(org: SyntheticOrg) -> domain.OKRSet:
    names = [name for name, _ in org.teams]
    teams = tuple(domain.Team(name, None if p is None else names[p]) for name, p in org.teams)
    objectives = tuple(
        domain.Objective(
            ref=o.ref, title=o.title, team=names[o.team],
            links=(domain.Link(o.parent),) if o.parent else (),
            key_results=tuple(
                domain.KeyResult(
                    ref=kr.ref, title=kr.title, kind=kr.kind, start=kr.start, target=kr.target,
                    history=tuple(
                        domain.Measurement(org.cycle.start + timedelta(weeks=w + 1), v)
                        for w, v in enumerate(kr.weekly)
                    ),
                )
                for kr in o.key_results
            ),
        )
        for o in org.objectives
    )  # fmt: skip
    return domain.OKRSet(cycle=org.cycle, teams=teams, objectives=objectives, as_of=org.as_of)


def load(org: SyntheticOrg, slug: str = "bench") -> Any:
    """Write the organization into the database in bulk (no change records: this is test data)."""
    from django.db import transaction

    from bearing.okrs import models as m
    from bearing.orgs.models import Membership, Organization, Person, Team

    with transaction.atomic():
        organization = Organization.objects.create(slug=slug, name=f"Bench {org.people}")
        people = Person.objects.bulk_create(
            [Person(email=f"p{i}@{slug}.example", name=f"Person {i}") for i in range(org.people)],
            batch_size=2000,
        )
        Membership.objects.bulk_create(
            [Membership(organization=organization, person=p, role="member") for p in people],
            batch_size=2000,
        )
        teams: list[Team] = []
        for name, parent in org.teams:  # one by one: each needs its parent's id
            teams.append(Team.objects.create(organization=organization, name=name,
                                             parent=None if parent is None else teams[parent]))  # fmt: skip
        cycle = m.Cycle.objects.create(organization=organization, name=org.cycle.name, start=org.cycle.start,
                                       end=org.cycle.end, state="active")  # fmt: skip
        objectives = m.Objective.objects.bulk_create(
            [m.Objective(organization=organization, cycle=cycle, ref=o.ref, title=o.title, team=teams[o.team],
                         owner=people[o.owner]) for o in org.objectives], batch_size=2000,
        )  # fmt: skip
        by_ref = {o.ref: o for o in objectives}
        m.AlignmentLink.objects.bulk_create(
            [m.AlignmentLink(organization=organization, child=by_ref[o.ref], parent_objective=by_ref[o.parent])
             for o in org.objectives if o.parent], batch_size=2000,
        )  # fmt: skip
        krs = m.KeyResult.objects.bulk_create(
            [m.KeyResult(organization=organization, objective=by_ref[o.ref], cycle=cycle, ref=kr.ref, title=kr.title,
                         kind=kr.kind.value, start=kr.start, target=kr.target, position=i)
             for o in org.objectives for i, kr in enumerate(o.key_results)], batch_size=2000,
        )  # fmt: skip
        specs = [kr for o in org.objectives for kr in o.key_results]
        m.Measurement.objects.bulk_create(
            [m.Measurement(organization=organization, key_result=row, value=v, source="import",
                           measured_at=datetime.combine(org.cycle.start + timedelta(weeks=w + 1), time(9), tzinfo=UTC))
             for row, spec in zip(krs, specs, strict=True) for w, v in enumerate(spec.weekly)], batch_size=5000,
        )  # fmt: skip
    return organization, cycle
