"""A person's page: their teams, the objectives they own, the key results they own in others'
objectives, and their check-ins — only what the reader may see (private objectives stay
hidden), and never a ranking or a rating of the person (PRODUCT.md principle 2): no totals, no
averages, no comparison.

Bounded: at most ``SHOWN`` objectives and key results of the chosen cycle (with how many
more), and check-ins a page at a time.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from bearing.domain.scoring import KRScore
from bearing.okrs.models import CheckIn, Cycle, KeyResult
from bearing.okrs.scoring import ScoredObjective, as_of_for, key_result_score, score_objectives
from bearing.okrs.selectors_people import checkins_by, owned_key_results, owned_objectives
from bearing.okrs.selectors_web import last_checkins
from bearing.orgs.models import Membership, TeamMember
from bearing.web.access import OrgRequest, found, member_required, org_context
from bearing.web.cycles import chosen_cycle

SHOWN = 50
CHECKINS_PER_PAGE = 20
TEAMS_SHOWN = 50


@dataclass(frozen=True)
class Item:
    """An objective in a list (``includes/objective_row.html``)."""

    scored: ScoredObjective
    last_checkin: CheckIn | None


@member_required
def show_person(request: OrgRequest, pk: int) -> HttpResponse:
    organization = request.membership.organization
    member = found(
        Membership.objects.select_related("person")
        .filter(organization=organization, person_id=pk)
        .first()
    )
    cycles, cycle = chosen_cycle(request, organization)
    teams = list(
        TeamMember.objects.filter(person_id=pk, team__organization=organization, team__archived_at=None)
        .select_related("team")
        .order_by("-is_lead", "team__name")[:TEAMS_SHOWN]
    )  # fmt: skip
    checkins = Paginator(checkins_by(request.membership, pk), CHECKINS_PER_PAGE).get_page(
        request.GET.get("checkins")
    )
    context = org_context(
        request, nav="me" if pk == request.user.pk else "", member=member, person=member.person,
        cycles=cycles, cycle=cycle, teams=teams, checkins=checkins,
        **(_owned(request, pk, cycle) if cycle else {}),
    )  # fmt: skip
    return render(request, "bearing/person.html", context)


def _owned(request: OrgRequest, pk: int, cycle: Cycle) -> dict[str, object]:
    bands = request.membership.organization.bands
    objectives = owned_objectives(request.membership, pk, cycle)
    shown = list(objectives[:SHOWN])
    checkins = last_checkins(shown)
    items = [
        Item(s, checkins.get(s.objective.pk))
        for s in score_objectives(shown, cycle, as_of_for(cycle), bands)
    ]
    key_results = owned_key_results(request.membership, pk, cycle)
    krs = list(key_results[:SHOWN])
    domain_cycle = cycle.as_domain()
    scored: list[tuple[KeyResult, KRScore]] = [
        (kr, key_result_score(kr, domain_cycle, as_of_for(cycle), bands)) for kr in krs
    ]
    return {
        "items": items,
        "more_objectives": objectives.count() - len(shown) if len(shown) == SHOWN else 0,
        "key_results": scored,
        "more_key_results": key_results.count() - len(krs) if len(krs) == SHOWN else 0,
    }
