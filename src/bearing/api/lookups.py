"""Finding what a request names, scoped to the caller's organization and what they may see.

Anything of another organization, and any private objective the caller may not
see, is answered exactly as if it did not exist: 404 in the path, 422 "no such …"
in a body. Permission to change is checked after that, so 403 reveals nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from bearing.api.auth import Caller
from bearing.api.errors import BadInput, Forbidden, NotFound
from bearing.okrs.models import AlignmentLink, CheckIn, Cycle, KeyResult, Objective
from bearing.okrs.permissions import (
    AUTHORS_ONLY,
    CHECK_IN_WRITERS,
    KEY_RESULT_EDITORS,
    OBJECTIVE_EDITORS,
    can_check_in,
    can_correct,
    can_edit_key_result,
    can_edit_objective,
    can_view_objective,
    refusal,
)
from bearing.orgs.models import Membership, Person, Team

PATH_ID = ("path", "id")


def cycle_or_404(caller: Caller, cycle_id: int) -> Cycle:
    found = Cycle.objects.filter(pk=cycle_id, organization_id=caller.access.organization_id).first()
    if found is None:
        raise NotFound("no such cycle", PATH_ID)
    return found


def _visible_objective(caller: Caller, objective_id: int) -> Objective | None:
    found = (
        Objective.objects.select_related("cycle", "team", "owner", "organization")
        .filter(pk=objective_id, organization_id=caller.access.organization_id)
        .first()
    )
    return found if found is not None and can_view_objective(caller.access, found) else None


def objective_or_404(caller: Caller, objective_id: int) -> Objective:
    found = _visible_objective(caller, objective_id)
    if found is None:
        raise NotFound("no such objective", PATH_ID)
    return found


def key_result_or_404(caller: Caller, key_result_id: int) -> KeyResult:
    found = (
        KeyResult.objects.select_related("objective__cycle", "objective__team", "owner")
        .filter(pk=key_result_id, organization_id=caller.access.organization_id)
        .first()
    )
    if found is None or not can_view_objective(caller.access, found.objective):
        raise NotFound("no such key result", PATH_ID)
    return found


def checkin_or_404(caller: Caller, checkin_id: int) -> CheckIn:
    found = (
        CheckIn.objects.select_related("objective__cycle", "objective__team")
        .filter(pk=checkin_id, organization_id=caller.access.organization_id)
        .first()
    )
    if found is None or not can_view_objective(caller.access, found.objective):
        raise NotFound("no such check-in", PATH_ID)
    return found


def may_correct(caller: Caller, author_id: int | None) -> None:
    if not can_correct(caller.access, author_id):
        raise Forbidden(refusal(caller.access, AUTHORS_ONLY), PATH_ID)


def link_or_404(caller: Caller, link_id: int) -> AlignmentLink:
    """A link exists for the caller only if they may see both of its ends."""
    found = (
        AlignmentLink.objects.select_related(
            "child__cycle",
            "child__organization",
            "parent_objective",
            "parent_key_result__objective",
        )
        .filter(pk=link_id, organization_id=caller.access.organization_id)
        .first()
    )
    if found is None:
        raise NotFound("no such alignment link", PATH_ID)
    kr = found.parent_key_result
    parent = found.parent_objective or (kr.objective if kr is not None else None)
    ends = (found.child, parent)
    if not all(end is not None and can_view_objective(caller.access, end) for end in ends):
        raise NotFound("no such alignment link", PATH_ID)
    return found


def may_edit(caller: Caller, objective: Objective, loc: tuple[str, ...] = PATH_ID) -> None:
    if not can_edit_objective(caller.access, objective):
        raise Forbidden(refusal(caller.access, OBJECTIVE_EDITORS), loc)


def may_edit_key_result(
    caller: Caller, key_result: KeyResult, loc: Sequence[str | int] = PATH_ID
) -> None:
    if not can_edit_key_result(caller.access, key_result):
        raise Forbidden(refusal(caller.access, KEY_RESULT_EDITORS), loc)


def may_check_in(caller: Caller, objective: Objective) -> None:
    if not can_check_in(caller.access, objective):
        raise Forbidden(refusal(caller.access, CHECK_IN_WRITERS), PATH_ID)


def may_administer(caller: Caller, what: str) -> None:
    if not caller.access.is_admin:
        raise Forbidden(f"only admins can {what}", ["header", "Authorization"])


# Ids and e-mail addresses named in a request body.


def cycle_named(caller: Caller, cycle_id: int, field: str) -> Cycle:
    found = Cycle.objects.filter(pk=cycle_id, organization_id=caller.access.organization_id).first()
    if found is None:
        raise BadInput("no such cycle", ["body", field])
    return found


def team_named(caller: Caller, team_id: int, field: str) -> Team:
    found = Team.objects.filter(pk=team_id, organization_id=caller.access.organization_id).first()
    if found is None:
        raise BadInput("no such team", ["body", field])
    return found


def teams_named(caller: Caller, team_ids: list[int], field: str) -> list[Team]:
    found = {
        t.pk: t
        for t in Team.objects.filter(pk__in=team_ids, organization_id=caller.access.organization_id)
    }
    for i, team_id in enumerate(team_ids):
        if team_id not in found:
            raise BadInput("no such team", ["body", field, i])
    return [found[t] for t in team_ids]


def member_named(caller: Caller, email: str, field: str) -> Person:
    membership = (
        Membership.objects.select_related("person")
        .filter(organization_id=caller.access.organization_id, person__email=email.strip().lower())
        .first()
    )
    if membership is None or not membership.is_active:
        raise BadInput(f"{email!r} is not a member of this organization", ["body", field])
    return membership.person


def objective_named(caller: Caller, objective_id: int, field: str) -> Objective:
    found = _visible_objective(caller, objective_id)
    if found is None:
        raise BadInput("no such objective", ["body", field])
    return found


def key_result_named(caller: Caller, key_result_id: int, field: str) -> KeyResult:
    found = (
        KeyResult.objects.select_related("objective__cycle", "objective__team")
        .filter(pk=key_result_id, organization_id=caller.access.organization_id)
        .first()
    )
    if found is None or not can_view_objective(caller.access, found.objective):
        raise BadInput("no such key result", ["body", field])
    return found
