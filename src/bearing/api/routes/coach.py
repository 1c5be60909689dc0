"""POST /coach/review: the coach's rating and findings for one objective, saved or not.

It writes nothing, so every role may call it, viewers included (the one POST they may)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router

from bearing.api.auth import Caller, TokenAuth, caller
from bearing.api.errors import BadInput
from bearing.api.lookups import objective_named
from bearing.api.schemas.coach import KeyResultDraft, ReviewIn, ReviewOut
from bearing.api.schemas.common import READ_ERRORS, ErrorOut
from bearing.domain import model as domain
from bearing.domain.krfields import kind_of, kind_problems
from bearing.okrs.coaching import coach_settings_for, organization_teams, review_draft, saved_review
from bearing.orgs.models import Team

router = Router(tags=["coach"])


@router.post(
    "/coach/review",
    auth=TokenAuth(reads_only=True),
    response={200: ReviewOut, 400: ErrorOut, **READ_ERRORS},
)
def review(request: HttpRequest, payload: ReviewIn) -> dict[str, Any]:
    """Rate an objective and each of its key results limiting / helpful / awesome, with the
    findings that say why (docs/coach.md). Send `objective` to review a saved one as
    stored, or `title` (and team, key results…) for one being written. Nothing is saved."""
    c = caller(request)
    if payload.objective is not None:
        others = sorted(payload.model_fields_set - {"objective"})
        if others:
            raise BadInput(
                "a saved objective is reviewed as stored; send only its id", ["body", others[0]]
            )
        return saved_review(objective_named(c, payload.objective, "objective"))
    if payload.title is None:
        raise BadInput("give either objective (a saved one's id) or title", ["body"])
    if not payload.title.strip():
        raise BadInput("give the objective a title", ["body", "title"])
    team = _team(c, payload.team)
    objective = domain.Objective(
        ref="objective",
        title=payload.title.strip(),
        team=team.name if team else None,
        description=payload.description,
        key_results=tuple(_key_result(i, kr) for i, kr in enumerate(payload.key_results)),
    )
    teams = organization_teams(c.access.organization_id)
    return review_draft(objective, teams, coach_settings_for(c.organization))


def _team(c: Caller, named: int | str | None) -> Team | None:
    if named is None:
        return None
    teams = Team.objects.filter(organization_id=c.access.organization_id)
    if isinstance(named, int):
        found = teams.filter(pk=named).first()
    else:
        name = named.strip()
        # The exact name first; "payments" finds "Payments" when nothing is spelled so.
        found = teams.filter(name=name).first() or teams.filter(name__iexact=name).first()
    if found is None:
        raise BadInput("no such team", ["body", "team"])
    return found


def _key_result(i: int, kr: KeyResultDraft) -> domain.KeyResult:
    kind = kind_of(domain.KRKind(kr.kind) if kr.kind else None, kr.start, kr.target)
    numbers = kr.start is not None or kr.target is not None
    problems = kind_problems(kind, kr.start, kr.target, numbers_given=numbers)
    if problems:
        raise ValidationError({f"key_results.{i}.{field}": [msg] for field, msg in problems})
    if not kr.title.strip():
        raise BadInput("give the key result a title", ["body", "key_results", i, "title"])
    history = sorted(kr.history, key=lambda m: m.date)
    return domain.KeyResult(
        ref=f"key-result-{i + 1}",
        title=kr.title.strip(),
        kind=kind,
        start=kr.start,
        target=kr.target,
        unit=kr.unit,
        owner=kr.owner,
        history=tuple(domain.Measurement(on=m.date, value=m.value) for m in history),
    )
