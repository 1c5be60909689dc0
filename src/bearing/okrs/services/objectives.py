"""Creating, changing, closing and grading objectives."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from bearing.domain.limits import MAX_LONG_TEXT, MAX_TITLE, label_problem, text_problem
from bearing.domain.model import LinkKind
from bearing.domain.scoring import round_score
from bearing.okrs import analysis, derived
from bearing.okrs.grading import computed_at_end
from bearing.okrs.models import (
    KPI,
    Cycle,
    CycleState,
    KeyResult,
    Objective,
    ObjectiveState,
    Visibility,
)
from bearing.okrs.services import changes
from bearing.okrs.services.alignment import link_create
from bearing.okrs.services.learning import learning_add
from bearing.okrs.services.locking import locked, reject_unknown
from bearing.okrs.services.refs import checked_ref, checked_refs, lock_refs
from bearing.okrs.services.values import checked_text
from bearing.orgs.models import Membership, Person, Team

TRACKED = (
    "ref", "title", "description", "team", "owner", "contributors", "state", "visibility",
    "graded_score", "grading_reason", "moves_kpi",
)  # fmt: skip
EDITABLE = ("ref", "title", "description", "team", "owner", "contributors", "state", "visibility",
            "moves_kpi")  # fmt: skip


def _clean(objective: Objective, contributors: Iterable[Team] | None) -> list[Team] | None:
    """Check the fields against each other and the tenant; raise ValidationError by field."""
    errors: dict[str, list[str]] = {}
    objective.title = objective.title.strip()
    org_id = objective.organization_id
    if not objective.title:
        errors["title"] = ["an objective needs a title"]
    elif len(objective.title) > MAX_TITLE:
        errors["title"] = ["keep the title under 200 characters; put detail in the description"]
    elif problem := label_problem(objective.title):
        errors["title"] = [problem]
    if problem := text_problem(objective.description):
        errors["description"] = [problem]
    elif len(objective.description) > MAX_LONG_TEXT:
        errors["description"] = [f"keep the description under {MAX_LONG_TEXT:,} characters"]
    if objective.team is not None and objective.team.organization_id != org_id:
        errors["team"] = ["no such team"]
    if (
        objective.owner is not None
        and not Membership.objects.filter(organization_id=org_id, person=objective.owner).exists()
    ):
        errors["owner"] = ["the owner must be a member of the organization"]
    if (
        objective.moves_kpi_id is not None
        and not KPI.objects.filter(pk=objective.moves_kpi_id, organization_id=org_id).exists()
    ):
        errors["moves_kpi"] = ["no such KPI"]
    if objective.team is None and objective.owner is None:
        errors["team"] = ["choose the owning team (or an owner, for an individual objective)"]
    if objective.state not in ObjectiveState.values:
        errors["state"] = [f"use one of {', '.join(ObjectiveState.values)}"]
    if objective.visibility not in Visibility.values:
        errors["visibility"] = [f"use one of {', '.join(Visibility.values)}"]
    teams = None if contributors is None else list(dict.fromkeys(contributors))
    if teams is not None:
        if any(t.organization_id != org_id for t in teams):
            errors["contributors"] = ["no such team"]
        elif objective.team is not None and objective.team in teams:
            errors["contributors"] = ["the owning team is not a contributor; choose other teams"]
    if errors:
        raise ValidationError(errors)
    return teams


def _label(objective: Objective) -> str:
    return f"objective “{objective.title}”"


def closed_cycle_reason(cycle: Cycle) -> str | None:
    """Why no objective can be added to the cycle, or None while it takes new ones."""
    if cycle.state == CycleState.CLOSED:
        return f"{cycle.name} is closed; add the objective to a cycle that is not over"
    return None


def objective_check(
    *,
    cycle: Cycle,
    title: str,
    team: Team | None = None,
    owner: Person | None = None,
    description: str = "",
    contributors: Iterable[Team] = (),
    state: str = ObjectiveState.ACTIVE,
    visibility: str = Visibility.PUBLIC,
    moves_kpi: KPI | None = None,
) -> tuple[Objective, list[Team]]:
    """A new objective of the cycle and its contributing teams, checked (ValidationError by
    field) but not saved: ``objectives_add`` saves it. Archived teams take no new ones."""
    if team is not None and team.is_archived:
        raise ValidationError({"team": [f"{team.name} is archived; choose a team in the tree"]})
    objective = Objective(
        organization_id=cycle.organization_id, cycle=cycle, title=title, team=team, owner=owner,
        description=description, state=state, visibility=visibility, moves_kpi=moves_kpi,
    )  # fmt: skip
    return objective, _clean(objective, contributors) or []


@transaction.atomic
def objectives_add(
    *,
    actor: Person | None,
    cycle: Cycle,
    checked: Sequence[tuple[Objective, list[Team], str | None]],
) -> list[Objective]:
    """Save checked objectives of the cycle (each with its contributors and the ref asked
    for, or None to derive one) in a few queries whatever their number (issue 10.4)."""
    rows = [objective for objective, _, _ in checked]
    if any(o.cycle_id != cycle.pk or o.pk is not None for o in rows):
        raise ValidationError({"cycle": ["only new objectives of this cycle"]})
    if reason := closed_cycle_reason(cycle):
        raise ValidationError({"cycle": [reason]})
    refs = checked_refs(cycle, [(ref, o.title) for o, _, ref in checked])
    for objective, ref in zip(rows, refs, strict=True):
        objective.ref = ref
    Objective.objects.bulk_create(rows)
    through = Objective.contributors.through
    through.objects.bulk_create(
        [through(objective_id=o.pk, team_id=t.pk) for o, teams, _ in checked for t in teams]
    )
    plain = tuple(name for name in TRACKED if name != "contributors")
    changes.record_all([
        changes.entry(
            organization=cycle.organization_id, actor=actor, action="create", entity="objective",
            entity_id=o.pk, summary=f"created {_label(o)}",
            after={**changes.snapshot(o, plain), "contributors": sorted(t.pk for t in teams)},
            objective_id=o.pk, cycle_id=cycle.pk,
        )
        for o, teams, _ in checked
    ])  # fmt: skip
    derived.refresh_objectives(o.pk for o in rows)
    analysis.note_change(cycle.pk, cycle.organization_id)
    return rows


@transaction.atomic
def objective_create(
    *,
    actor: Person | None,
    cycle: Cycle,
    title: str,
    team: Team | None = None,
    owner: Person | None = None,
    description: str = "",
    contributors: Iterable[Team] = (),
    state: str = ObjectiveState.ACTIVE,
    visibility: str = Visibility.PUBLIC,
    ref: str | None = None,
    parent_objective: Objective | None = None,
    parent_key_result: KeyResult | None = None,
    link_kind: str = LinkKind.ALIGNED,
    moves_kpi: KPI | None = None,
) -> Objective:
    """A new objective of a cycle that is not closed, and its first alignment link when a
    parent is given: one transaction, so a refused link undoes the objective too."""
    objective, teams = objective_check(
        cycle=cycle, title=title, team=team, owner=owner, description=description,
        contributors=contributors, state=state, visibility=visibility, moves_kpi=moves_kpi,
    )  # fmt: skip
    (objective,) = objectives_add(actor=actor, cycle=cycle, checked=[(objective, teams, ref)])
    if parent_objective is not None or parent_key_result is not None:
        link_create(
            actor=actor, child=objective, parent_objective=parent_objective,
            parent_key_result=parent_key_result, kind=link_kind,
        )  # fmt: skip
    return objective


def _lock(objective: Objective, version: int | None) -> Objective:
    return locked(Objective.objects.select_related("team", "owner", "cycle"), objective.pk, version)


@transaction.atomic
def objective_update(
    *, actor: Person | None, objective: Objective, version: int | None = None, **fields: Any
) -> Objective:
    """Change any of EDITABLE; ``version``, when given, must be the one the caller read."""
    reject_unknown(fields, EDITABLE)
    if fields.get("ref"):
        lock_refs(objective.cycle)  # before the objective: see refs.py on lock order
    fresh = locked(
        Objective.objects.select_related("team", "owner", "cycle"), objective.pk, version
    )
    before = changes.snapshot(fresh, TRACKED)
    contributors = fields.pop("contributors", None)
    ref = fields.pop("ref", None)
    for name, value in fields.items():
        setattr(fresh, name, value)
    teams = _clean(fresh, contributors)
    if ref is not None and ref != fresh.ref:
        fresh.ref = checked_ref(fresh.cycle, ref, fresh.title, objective_id=fresh.pk)
    fresh.version += 1
    fresh.save()
    if teams is not None:
        fresh.contributors.set(teams)
    old, new = changes.diff(before, changes.snapshot(fresh, TRACKED))
    if old or new:
        changes.record(
            organization=fresh.organization, actor=actor, action="update", entity="objective",
            entity_id=fresh.pk, summary=f"changed {', '.join(new)} of {_label(fresh)}",
            before=old, after=new, objective_id=fresh.pk, cycle_id=fresh.cycle_id,
        )  # fmt: skip
        derived.refresh_objectives([fresh.pk])
        analysis.note_change(fresh.cycle_id, fresh.organization_id)
    return fresh


@transaction.atomic
def objective_delete(
    *, actor: Person | None, objective: Objective, version: int | None = None
) -> None:
    fresh = locked(
        Objective.objects.select_related("team", "owner", "cycle"), objective.pk, version
    )
    before = changes.snapshot(fresh, TRACKED)
    changes.record(
        organization=fresh.organization, actor=actor, action="delete", entity="objective",
        entity_id=fresh.pk, summary=f"deleted {_label(fresh)}", before=before,
        objective_id=fresh.pk, cycle_id=fresh.cycle_id,
    )  # fmt: skip
    fresh.delete()
    analysis.note_change(fresh.cycle_id, fresh.organization_id)


def objective_set_state(*, actor: Person | None, objective: Objective, state: str) -> Objective:
    """Close, abandon, reopen or activate an objective."""
    return objective_update(actor=actor, objective=objective, state=state)


def grading_closed_reason(cycle: Cycle) -> str | None:
    """Why the cycle's objectives cannot be graded now, or None while it is in grading."""
    if cycle.state != CycleState.GRADING:
        return f"{cycle.name} is not in grading: its scores cannot change now"
    return None


@transaction.atomic
def objective_grade(
    *,
    actor: Person | None,
    objective: Objective,
    graded: Decimal | None,
    reason: str,
    learning: str = "",
) -> Objective:
    """Record the final score at grading (002), only while the cycle is in grading.

    The computed score, as of the cycle's last day, is worked out here and kept beside the
    final one; a final score that differs from it needs a written reason. A learning given
    with the grade is added in the same transaction: a refused grade records neither.
    """
    fresh = _lock(objective, None)
    checked_text(reason, "grading_reason", limit=MAX_LONG_TEXT)
    if reason_closed := grading_closed_reason(fresh.cycle):
        raise ValidationError({"cycle": [reason_closed]})
    computed = computed_at_end(fresh, fresh.organization.bands).score
    if graded is not None:
        if not Decimal(0) <= graded <= Decimal(1):
            raise ValidationError({"graded_score": ["a score lies between 0.0 and 1.0"]})
        graded = round_score(graded)
        if graded != computed and not reason.strip():
            raise ValidationError(
                {"grading_reason": ["say why the score differs from the computed one"]}
            )
    before = changes.snapshot(fresh, TRACKED)
    fresh.computed_score = computed
    fresh.graded_score = graded
    fresh.grading_reason = reason.strip()
    fresh.version += 1
    fresh.save()
    old, new = changes.diff(before, changes.snapshot(fresh, TRACKED))
    changes.record(
        organization=fresh.organization, actor=actor, action="update", entity="objective",
        entity_id=fresh.pk, summary=f"graded {_label(fresh)}", before=old, after=new,
        objective_id=fresh.pk, cycle_id=fresh.cycle_id,
    )  # fmt: skip
    if learning.strip():
        learning_add(actor=actor, objective=fresh, text=learning)
    return fresh
