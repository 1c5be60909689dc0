"""The coach over the database: a cycle's (or a team's) OKRs as a domain set → findings."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from bearing.domain import model as domain
from bearing.domain.coach import CoachSettings, lint_report
from bearing.domain.model import LinkKind
from bearing.okrs.models import AlignmentLink, Cycle, Objective, ObjectiveState
from bearing.okrs.scoring import domain_key_result, histories_for, with_key_results
from bearing.orgs.models import Organization, Team


def coach_settings_for(organization: Organization) -> CoachSettings:
    return CoachSettings(
        max_objectives_per_team=organization.max_objectives_per_team,
        max_key_results=organization.max_key_results_per_objective,
    )


def okr_set_of(cycle: Cycle, objectives: QuerySet[Objective]) -> domain.OKRSet:
    """Some of a cycle's objectives as the domain's OKR set, with refs as in an OKR file.

    Six queries whatever the number of objectives: objectives, key results,
    contributors, measurements, links, teams. Abandoned objectives are left out."""
    objectives = objectives.filter(cycle=cycle).exclude(state=ObjectiveState.ABANDONED)
    histories = histories_for(objectives)
    rows = list(
        with_key_results(objectives.select_related("team", "owner")).prefetch_related(
            "contributors"
        )
    )
    links: dict[int, list[domain.Link]] = {}
    link_rows = AlignmentLink.objects.filter(child__in=objectives.values("pk")).values_list(
        "child_id", "parent_objective__ref", "parent_key_result__ref", "kind"
    )
    for child, objective_ref, kr_ref, kind in link_rows:
        links.setdefault(child, []).append(domain.Link(objective_ref or kr_ref, LinkKind(kind)))
    teams = tuple(
        domain.Team(name=name, parent=parent)
        for name, parent in Team.objects.filter(organization_id=cycle.organization_id).values_list(
            "name", "parent__name"
        )
    )
    return domain.OKRSet(
        cycle=cycle.as_domain(),
        teams=teams,
        objectives=tuple(
            domain.Objective(
                ref=o.ref,
                title=o.title,
                team=o.team.name if o.team else None,
                owner=o.owner.email if o.owner else None,
                description=o.description,
                contributors=tuple(t.name for t in o.contributors.all()),
                links=tuple(links.get(o.pk, ())),
                key_results=tuple(
                    domain_key_result(kr, histories.get(kr.pk, ())) for kr in o.key_results.all()
                ),
            )
            for o in rows
        ),
    )


def coach_report(cycle: Cycle, objectives: QuerySet[Objective]) -> dict[str, Any]:
    """The coach's findings (the shape of `bearing lint --format json`) for these objectives."""
    return lint_report(okr_set_of(cycle, objectives), coach_settings_for(cycle.organization))
