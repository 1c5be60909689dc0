"""Cycles and their states: planning → active → grading → closed."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from bearing.domain.limits import MAX_CYCLE_NAME, day_problem, label_problem
from bearing.okrs.models import Cycle, CycleState
from bearing.okrs.models.cycles import CYCLE_TRANSITIONS
from bearing.okrs.services import changes
from bearing.orgs.models import Organization, Person


@transaction.atomic
def cycle_create(
    *,
    actor: Person | None,
    organization: Organization,
    name: str,
    start: date,
    end: date,
    state: str = CycleState.PLANNING,
    parent: Cycle | None = None,
) -> Cycle:
    name = name.strip()
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = ["a cycle needs a name, e.g. 2026-Q1"]
    elif problem := label_problem(name):
        errors["name"] = [problem]
    elif len(name) > MAX_CYCLE_NAME:
        errors["name"] = [f"keep cycle names under {MAX_CYCLE_NAME} characters"]
    elif Cycle.objects.filter(organization=organization, name=name).exists():
        errors["name"] = [f"a cycle named {name!r} exists already"]
    for field, day in (("start", start), ("end", end)):
        if problem := day_problem(day):
            errors[field] = [problem]
    if end <= start:
        errors["end"] = ["the end must be after the start"]
    if state not in CycleState.values:
        errors["state"] = [f"use one of {', '.join(CycleState.values)}"]
    if parent is not None and (
        parent.organization_id != organization.pk
        or not (parent.start <= start and end <= parent.end)
    ):
        errors["parent"] = ["the containing cycle must be of this organization and span this one"]
    if errors:
        raise ValidationError(errors)
    cycle = Cycle.objects.create(
        organization=organization, name=name, start=start, end=end, state=state, parent=parent
    )
    changes.record(
        organization=organization, actor=actor, action="create", entity="cycle", entity_id=cycle.pk,
        summary=f"created cycle {name}", after=changes.snapshot(cycle, ["name", "start", "end", "state"]),
        cycle_id=cycle.pk,
    )  # fmt: skip
    return cycle


@transaction.atomic
def cycle_set_state(*, actor: Person | None, cycle: Cycle, state: str) -> Cycle:
    if state == cycle.state:
        return cycle
    allowed = CYCLE_TRANSITIONS.get(cycle.state, ())
    if state not in allowed:
        options = ", ".join(allowed) or "none"
        raise ValidationError({"state": [f"a {cycle.state} cycle can move to: {options}"]})
    before = cycle.state
    cycle.state = state
    cycle.save(update_fields=["state"])
    changes.record(
        organization=cycle.organization, actor=actor, action="update", entity="cycle", entity_id=cycle.pk,
        summary=f"moved cycle {cycle.name} from {before} to {state}",
        before={"state": before}, after={"state": state}, cycle_id=cycle.pk,
    )  # fmt: skip
    return cycle
