"""The objective page: key results with charts and initiatives, alignment, check-ins, history.

Bounded however much data the objective gathers: scores are stored on the rows; each chart
draws at most one point a day (the day's last value); check-ins come ten at a time; the
objectives around it are listed up to ``NEIGHBOURS`` per list with how many there are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.http import HttpResponse
from django.shortcuts import render

from bearing.domain.charts import KRChart, kr_chart
from bearing.domain.scoring import KRScore
from bearing.maturity.looks import note_look
from bearing.okrs.derived import as_domain_key_result
from bearing.okrs.grading import is_reflecting
from bearing.okrs.models import (
    AlignmentLink,
    CheckIn,
    Comment,
    Cycle,
    InitiativeStatus,
    KeyResult,
    Objective,
)
from bearing.okrs.models.checkins import ReactionKind
from bearing.okrs.permissions import (
    Access,
    can_check_in,
    can_comment,
    can_correct,
    can_edit_key_result,
    can_edit_objective,
)
from bearing.okrs.scoring import ScoredObjective, as_of_for, score_objectives
from bearing.okrs.selectors_web import (
    NEIGHBOURS,
    Neighbours,
    chart_histories,
    objective_changes,
    objective_checkins,
    objective_for_page,
    objective_neighbours,
)
from bearing.okrs.services.checkins import corrections_closed_reason
from bearing.web.access import OrgRequest, access_of, found, member_required, org_context
from bearing.web.forms.checkins import CommentForm
from bearing.web.forms.grading import LearningForm

CHECKINS_PER_PAGE = 10


@dataclass
class KRRow:
    key_result: KeyResult
    score: KRScore
    chart: KRChart | None
    current: Decimal | None
    children: list[tuple[AlignmentLink, ScoredObjective]] = field(default_factory=list)


@dataclass
class Reactions:
    kind: str
    label: str
    count: int
    mine: bool


@dataclass
class CheckInView:
    checkin: CheckIn
    reactions: list[Reactions]
    comment_form: CommentForm
    # May the reader edit or delete it (its author, before the cycle closes), and each comment?
    correctable: bool = False
    comments: list[tuple[Comment, bool]] = field(default_factory=list)


@member_required
def show_objective(request: OrgRequest, pk: int) -> HttpResponse:
    return objective_page(request, pk)


def objective_page(
    request: OrgRequest, pk: int, learning_form: LearningForm | None = None
) -> HttpResponse:
    """The page, also after a learning was refused (``learning_form`` keeps what was typed)."""
    access = access_of(request)
    objective = found(objective_for_page(request.membership, pk))
    if request.method == "GET":
        note_look(request, [objective.team_id])  # once a week at most (maturity.looks)
    organization = request.membership.organization
    as_of = as_of_for(objective.cycle)
    scored = score_objectives([objective], objective.cycle, as_of, organization.bands)[0]
    around = objective_neighbours(request.membership, access, objective)
    checkins = _checkins_page(request, objective)
    context = org_context(
        request,
        objective=objective,
        scored=scored,
        kr_rows=_kr_rows(scored, around),
        parents=around.parents,
        direct_children=around.direct_children,
        more_children=around.more_children,
        neighbours_shown=NEIGHBOURS,
        checkins=[checkin_view(c, access, cycle=objective.cycle) for c in checkins],
        checkins_page=checkins,
        changes=objective_changes(request.membership, objective),
        can_edit=can_edit_objective(access, objective),
        can_check_in=can_check_in(access, objective),
        editable_krs={kr.pk for kr, _ in scored.key_results if can_edit_key_result(access, kr)},
        statuses=InitiativeStatus.choices,
        can_comment=can_comment(access, objective),
        reflecting=is_reflecting(objective.cycle),
        graded_color=organization.bands.color(objective.graded_score),
        learning_form=learning_form or LearningForm(),
    )
    return render(request, "bearing/objective.html", context)


def _checkins_page(request: OrgRequest, objective: Objective) -> Page[CheckIn]:
    paginator = Paginator(objective_checkins(objective), CHECKINS_PER_PAGE)
    return paginator.get_page(request.GET.get("checkins"))


def _kr_rows(scored: ScoredObjective, around: Neighbours) -> list[KRRow]:
    cycle = scored.objective.cycle
    as_of = as_of_for(cycle)
    krs = scored.key_results
    daily = chart_histories([kr.pk for kr, _ in krs], cycle)
    rows = []
    for kr, score in krs:
        item = as_domain_key_result(kr, daily.get(kr.pk, ()))
        chart = kr_chart(item, cycle.as_domain(), as_of, score.forecast)
        rows.append(KRRow(kr, score, chart, kr.current, around.serving(kr.pk)))
    return rows


def checkin_view(
    checkin: CheckIn, access: Access, comment_form: CommentForm | None = None, *, cycle: Cycle
) -> CheckInView:
    """Counts per reaction kind and whether the reader gave it (from prefetched reactions),
    a comment form whose ids are unique on a page of many check-ins, and what of it the
    reader may correct."""
    person_id = access.person_id
    given = list(checkin.reactions.all())
    form = comment_form or CommentForm(auto_id=f"id_checkin{checkin.pk}_%s")
    open_ = corrections_closed_reason(cycle) is None
    return CheckInView(
        checkin,
        [
            Reactions(
                kind=kind.value,
                label=kind.label,
                count=sum(1 for r in given if r.kind == kind.value),
                mine=any(r.kind == kind.value and r.person_id == person_id for r in given),
            )
            for kind in ReactionKind
        ],
        form,
        correctable=open_ and can_correct(access, checkin.author_id),
        comments=[(c, can_correct(access, c.author_id)) for c in checkin.comments.all()],
    )
