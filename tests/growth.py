"""Growth for the bounded-reads tests: every page and every API read reads a bounded amount
whatever the organization's size (issue 8).

A read is measured after the organization has grown tenfold and again after it has grown
twentyfold: the same queries, and no more rows. Lists come in pages (of 50) and trees in
answers of a bounded size, so the first growth fills them; a read that still grows with the
second reads the organization, not a page of it.

Timing never appears here (it would fail on a busy machine); bench/ times the same pages on a
10,000-person organization. Growth is added where an organization grows: new teams with their
objectives, key results, values and check-ins, aligned under the company's objectives.
A page whose rows grow with the number of teams (the team list, the team filters of small
organizations) is allowed exactly that growth.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from bearing.okrs.models import CheckIn, KeyResult, Measurement, Objective
from tests import factories
from tests.conftest import World
from tests.reads import Reads

NEW_TEAMS = 6
PER_TEAM = 40  # objectives per new team: 240 objectives, 240 key results, 1,200 values


def _at(days_ago: int) -> datetime:
    return timezone.now().astimezone(UTC) - timedelta(days=days_ago)


def grow(org_cycle: Any, under: Objective, world: World, round: int = 0) -> None:
    """Ten times the organization: teams of objectives aligned under ``under``, each with a
    key result, five values and a check-in. Each ``round`` adds as much again."""
    for t in range(NEW_TEAMS):
        team = factories.make_team(world.org, f"Grown team {round}.{t}")
        objectives = factories.bulk_objectives(
            org_cycle, PER_TEAM, team=team, under=under, prefix=f"Grown {round} {t}"
        )
        krs = list(KeyResult.objects.filter(objective__in=objectives))
        Measurement.objects.bulk_create(
            [Measurement(organization_id=world.org.pk, key_result=kr, value=Decimal(d),
                         measured_at=_at(20 - d)) for kr in krs for d in range(5)]
        )  # fmt: skip
        CheckIn.objects.bulk_create(
            [CheckIn(organization_id=world.org.pk, objective=o, created_at=_at(2),
                     progress_status="on_track", capacity_status="on_track") for o in objectives]
        )  # fmt: skip
    from bearing.okrs.analysis import analyse_cycle
    from bearing.okrs.derived import refresh_cycle

    refresh_cycle(org_cycle)
    analyse_cycle(org_cycle)


def check(small: Reads, large: Reads, allowance: int = 0) -> None:
    """The same queries, and at most ``allowance`` more rows."""
    assert large.queries == small.queries, f"queries grew:\n{small}\n---\n{large}"
    assert large.rows <= small.rows + allowance, f"rows grew:\n{_grown(small, large)}"


def _grown(small: Reads, large: Reads) -> str:
    """The queries that read more rows at the larger size."""
    return "\n".join(
        f"{small.rows_by_query.get(i, 0)} → {large.rows_by_query.get(i, 0)} rows: {sql[:400]}"
        for i, sql in enumerate(large.sql)
        if large.rows_by_query.get(i, 0) > small.rows_by_query.get(i, 0)
    )


def grow_people(world: World, count: int, prefix: str = "Zed", teams: tuple[Any, ...] = ()) -> None:
    """``count`` more members (named so they sort after the personas), in ``teams``, each with
    a check-in of their own on a new objective of the company: written in bulk."""
    from bearing.orgs.models import Membership, Person, TeamMember

    people = Person.objects.bulk_create(
        [Person(email=f"{prefix.lower()}{i:05}@acme.example", name=f"{prefix} {i:05}") for i in range(count)]
    )  # fmt: skip
    Membership.objects.bulk_create(
        [Membership(organization=world.org, person=p, role="member") for p in people]
    )
    TeamMember.objects.bulk_create([TeamMember(team=t, person=p) for t in teams for p in people])
