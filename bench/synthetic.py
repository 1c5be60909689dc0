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
    weeks: int = 12, seed: int = 1, start: date = date(2026, 1, 1),
) -> SyntheticOrg:  # fmt: skip
    """The organization; ``start`` is the cycle's first day (90 days long)."""
    rng = random.Random(seed)
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


BENCH_PASSWORD = "bench-password"  # noqa: S105 -- a throwaway organization for benchmarks


@dataclass
class Loaded:
    """What a benchmark needs to know about an organization loaded by ``load``."""

    slug: str
    cycle_id: int
    admin_email: str
    admin_token: str
    # A typical objective (a team's, aligned, three key results), its team and a key result.
    objective_id: int
    team_id: int
    key_result_id: int
    # People who own objectives, for the load benchmarks: each with ``BENCH_PASSWORD``, an API
    # token, and their objectives' ids with their key results' ids.
    actors: list[dict[str, Any]] = field(default_factory=list)


def load(org: SyntheticOrg, slug: str = "bench") -> Loaded:
    """Write the organization into the database in bulk (no change records: this is test data).

    Person 0 is an admin of the company team with ``BENCH_PASSWORD`` and an API token; every
    person belongs to one team (``team_size`` consecutive people per team, the first its lead);
    each objective has a weekly check-in by its owner for every week of measurements.
    """
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from bearing.okrs import models as m
    from bearing.orgs.models import Membership, Organization, Person, Team, TeamMember
    from bearing.orgs.services import token_create

    team_count = len(org.teams)
    with transaction.atomic():
        organization = Organization.objects.create(slug=slug, name=f"Bench {org.people}")
        unusable = make_password(None)
        people = Person.objects.bulk_create(
            [Person(email=f"p{i}@{slug}.example", name=f"Person {i}", password=unusable)
             for i in range(org.people)], batch_size=2000,
        )  # fmt: skip
        people[0].set_password(BENCH_PASSWORD)
        people[0].save(update_fields=["password"])
        Membership.objects.bulk_create(
            [Membership(organization=organization, person=p, role="admin" if i == 0 else "member")
             for i, p in enumerate(people)], batch_size=2000,
        )  # fmt: skip
        teams: list[Team] = []
        for name, parent in org.teams:  # one by one: each needs its parent's id
            teams.append(Team.objects.create(organization=organization, name=name,
                                             parent=None if parent is None else teams[parent]))  # fmt: skip
        per_team = max(1, org.people // team_count)
        TeamMember.objects.bulk_create(
            [TeamMember(team=teams[min(i // per_team, team_count - 1)], person=p, is_lead=i % per_team == 0)
             for i, p in enumerate(people)], batch_size=2000,
        )  # fmt: skip
        cycle = m.Cycle.objects.create(organization=organization, name=org.cycle.name, start=org.cycle.start,
                                       end=org.cycle.end, state="active")  # fmt: skip
        objectives = m.Objective.objects.bulk_create(
            [m.Objective(organization=organization, cycle=cycle, ref=o.ref, title=o.title, team=teams[o.team],
                         owner=people[min(o.team * per_team + 1, org.people - 1)]) for o in org.objectives],
            batch_size=2000,
        )  # fmt: skip
        by_ref = {o.ref: o for o in objectives}
        m.AlignmentLink.objects.bulk_create(
            [m.AlignmentLink(organization=organization, child=by_ref[o.ref], parent_objective=by_ref[o.parent])
             for o in org.objectives if o.parent], batch_size=2000,
        )  # fmt: skip
        krs = m.KeyResult.objects.bulk_create(
            [m.KeyResult(organization=organization, objective=by_ref[o.ref], cycle=cycle, ref=kr.ref, title=kr.title,
                         kind=kr.kind.value, start=kr.start, target=kr.target, position=i,
                         owner=by_ref[o.ref].owner)
             for o in org.objectives for i, kr in enumerate(o.key_results)], batch_size=2000,
        )  # fmt: skip
        specs = [kr for o in org.objectives for kr in o.key_results]
        m.Measurement.objects.bulk_create(
            [m.Measurement(organization=organization, key_result=row, value=v, source="import",
                           measured_at=_weekly(org, w))
             for row, spec in zip(krs, specs, strict=True) for w, v in enumerate(spec.weekly)], batch_size=5000,
        )  # fmt: skip
        weeks = max((len(kr.weekly) for kr in specs), default=0)
        m.CheckIn.objects.bulk_create(
            [m.CheckIn(organization=organization, objective=o, author_id=o.owner_id, created_at=_weekly(org, w),
                       progress_status="on_track", capacity_status="on_track", confidence=70,
                       narrative=f"Week {w + 1}: on track.")
             for o in objectives for w in range(weeks)], batch_size=5000,
        )  # fmt: skip
        _, token = token_create(organization=organization, person=people[0], name="bench")
        actors = _actors(people, objectives, krs, per_team, min(ACTORS, team_count - 1))
    typical = next(o for o in objectives if o.team_id != teams[0].pk)
    return Loaded(
        slug=slug, cycle_id=cycle.pk, admin_email=people[0].email, admin_token=token,
        objective_id=typical.pk, team_id=typical.team_id or teams[0].pk,
        key_result_id=next(kr.pk for kr in krs if kr.objective_id == typical.pk),
        actors=actors,
    )  # fmt: skip


ACTORS = 50


def _actors(
    people: list[Any], objectives: list[Any], krs: list[Any], per_team: int, count: int
) -> list[dict[str, Any]]:
    """The owners of the objectives of teams 1…count, signed-in-able and with tokens."""
    from django.contrib.auth.hashers import make_password

    from bearing.orgs.services import token_create

    hashed = make_password(BENCH_PASSWORD)  # one hash for all: hashing is slow on purpose
    by_owner: dict[int, list[Any]] = {}
    for o in objectives:
        by_owner.setdefault(o.owner_id, []).append(o)
    kr_ids: dict[int, list[int]] = {}
    for kr in krs:
        kr_ids.setdefault(kr.objective_id, []).append(kr.pk)
    actors = []
    for team in range(1, count + 1):
        person = people[min(team * per_team + 1, len(people) - 1)]
        person.password = hashed
        person.save(update_fields=["password"])
        owned = by_owner.get(person.pk, [])
        _, token = token_create(organization=owned[0].organization, person=person, name="bench")
        actors.append({
            "email": person.email, "token": token, "team_id": owned[0].team_id,
            "objectives": [{"id": o.pk, "key_results": kr_ids.get(o.pk, [])} for o in owned],
        })  # fmt: skip
    return actors


def _weekly(org: SyntheticOrg, week: int) -> datetime:
    return datetime.combine(org.cycle.start + timedelta(weeks=week + 1), time(9), tzinfo=UTC)
