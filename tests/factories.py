"""Small builders for test data, going through the real services (so change records exist)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from bearing.okrs.models import Cycle, CycleState, KeyResult, Objective
from bearing.okrs.services.cycles import cycle_create
from bearing.okrs.services.key_results import key_result_create
from bearing.okrs.services.objectives import objective_create, objective_grade
from bearing.orgs.models import Membership, Organization, Person, Team
from bearing.orgs.services import member_add, organization_create, team_create, team_member_add

PASSWORD = "correct-horse-battery"


def make_org(slug: str = "acme", name: str = "Acme") -> Organization:
    organization = organization_create(slug=slug, name=name)
    team_create(organization=organization, name=name)
    return organization


def company(organization: Organization) -> Team:
    return Team.objects.get(organization=organization, parent=None)


def make_team(organization: Organization, name: str, parent: Team | None = None) -> Team:
    return team_create(organization=organization, name=name, parent=parent or company(organization))


def make_member(
    organization: Organization,
    email: str,
    role: str = "member",
    *,
    teams: tuple[Team, ...] = (),
    lead: bool = False,
) -> Person:
    membership: Membership = member_add(
        organization=organization,
        email=email,
        role=role,
        password=PASSWORD,
        name=email.split("@")[0].title(),
    )
    for team in teams:
        team_member_add(team=team, person=membership.person, is_lead=lead)
    return membership.person


def make_cycle(
    organization: Organization,
    name: str = "2026-Q1",
    start: date = date(2026, 1, 1),
    end: date = date(2026, 3, 31),
    state: str = CycleState.ACTIVE,
) -> Cycle:
    return cycle_create(
        actor=None, organization=organization, name=name, start=start, end=end, state=state
    )


def make_objective(
    cycle: Cycle, title: str = "Make payments effortless", **fields: Any
) -> Objective:
    fields.setdefault("team", company(cycle.organization))
    return objective_create(actor=None, cycle=cycle, title=title, **fields)


def make_key_result(
    objective: Objective, title: str = "Cut payment time from 120 s to 24 s", **fields: Any
) -> KeyResult:
    fields.setdefault("kind", "decrease")
    fields.setdefault("start", Decimal(120))
    fields.setdefault("target", Decimal(24))
    return key_result_create(actor=None, objective=objective, title=title, **fields)


def bulk_objectives(
    cycle: Cycle, count: int, *, team: Team, under: Objective | None = None, prefix: str = "Goal"
) -> list[Objective]:
    """Many objectives at once, each with a key result and (``under``) aligned to a parent:
    test data for pages that must stay bounded while an organization grows. Written in bulk,
    then their stored figures computed as the services would."""
    from bearing.okrs.derived import refresh_cycle
    from bearing.okrs.models import AlignmentLink, KeyResult, Objective

    org_id = cycle.organization_id
    objectives = Objective.objects.bulk_create(
        [Objective(organization_id=org_id, cycle=cycle, ref=f"{prefix.lower()}-{i}-{cycle.pk}",
                   title=f"{prefix} {i}", team=team) for i in range(count)]
    )  # fmt: skip
    KeyResult.objects.bulk_create(
        [KeyResult(organization_id=org_id, objective=o, cycle=cycle, ref=f"{o.ref}-kr",
                   title=f"Grow {o.title} from 0 to 10", kind="increase", start=Decimal(0),
                   target=Decimal(10)) for o in objectives]
    )  # fmt: skip
    if under is not None:
        AlignmentLink.objects.bulk_create(
            [AlignmentLink(organization_id=org_id, child=o, parent_objective=under) for o in objectives]
        )  # fmt: skip
    refresh_cycle(cycle)
    return objectives


def grade(
    objective: Objective, graded: Decimal | None, reason: str = "", actor: Person | None = None
) -> Objective:
    """Grade through the service, which takes grades only while the cycle is in grading: the
    cycle is put there for the grade and then back in the state the test set up."""
    cycle = objective.cycle
    was = Cycle.objects.values_list("state", flat=True).get(pk=cycle.pk)
    Cycle.objects.filter(pk=cycle.pk).update(state=CycleState.GRADING)
    cycle.state = CycleState.GRADING
    try:
        return objective_grade(actor=actor, objective=objective, graded=graded, reason=reason)
    finally:
        Cycle.objects.filter(pk=cycle.pk).update(state=was)
        cycle.state = was
