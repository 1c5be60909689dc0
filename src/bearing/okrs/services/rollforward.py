"""Rolling a cycle forward: an admin carries unfinished objectives into the next cycle, with
their key results starting where they ended and their alignment links kept where the parent
is carried too — in one transaction, recorded. Rules: ``domain.rollforward``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from bearing.domain.model import KRKind
from bearing.domain.rollforward import Parent, carried_start, rollforward_problems
from bearing.okrs.models import AlignmentLink, Cycle, CycleState, KeyResult, Objective
from bearing.okrs.services import changes
from bearing.okrs.services.alignment import link_create
from bearing.okrs.services.key_results import key_result_create
from bearing.okrs.services.objectives import objective_create
from bearing.orgs.models import Person

MAX_CARRIED = 200  # objectives carried at once: a cycle's unfinished work, bounded


@dataclass(frozen=True)
class Rolled:
    objectives: dict[int, Objective]  # old id → the new objective
    links_kept: int
    links_dropped: int  # to parents in a cycle that does not contain the new one


def unfinished(cycle: Cycle) -> list[Objective]:
    """The cycle's objectives that may roll forward (not yet carried), by team and title."""
    return list(
        Objective.objects.filter(cycle=cycle, state__in=("draft", "active"))
        .exclude(carried_into__isnull=False)
        .select_related("team", "owner")
        .order_by("team__name", "title")[:MAX_CARRIED]
    )


@transaction.atomic
def cycle_roll_forward(
    *, actor: Person | None, source: Cycle, target: Cycle, objective_ids: Sequence[int]
) -> Rolled:
    """Carry the chosen objectives of ``source`` into ``target``. Everything is checked first
    and every problem named; nothing is written unless all of it can be."""
    errors: dict[str, list[str]] = {}
    if target.organization_id != source.organization_id or target.pk == source.pk:
        errors["target"] = ["choose another cycle of the organization to carry them into"]
    elif target.state == CycleState.CLOSED:
        errors["target"] = [f"{target.name} is closed"]
    if source.state not in (CycleState.GRADING, CycleState.CLOSED):
        errors["source"] = [f"{source.name} is still {source.state}: roll it forward as it closes"]
    ids = list(dict.fromkeys(objective_ids))
    if not ids:
        errors["objectives"] = ["choose at least one objective to carry"]
    elif len(ids) > MAX_CARRIED:
        errors["objectives"] = [f"carry at most {MAX_CARRIED} objectives at once"]
    if errors:
        raise ValidationError(errors)
    chosen = {
        o.pk: o
        for o in Objective.objects.filter(cycle=source, pk__in=ids)
        .select_related("team", "owner")
        .prefetch_related("contributors")
    }
    if len(chosen) != len(ids):
        raise ValidationError({"objectives": [f"only objectives of {source.name} roll forward"]})
    links = list(
        AlignmentLink.objects.filter(child_id__in=ids).select_related(
            "parent_objective", "parent_key_result__objective"
        )
    )
    parents: dict[int, list[Parent]] = {}
    for link in links:
        parent = link.parent_objective or link.parent_key_result.objective  # type: ignore[union-attr]
        parents.setdefault(link.child_id, []).append(
            Parent(parent.pk, parent.title, parent.cycle_id == source.pk)
        )
    problems = rollforward_problems(
        {pk: o.title for pk, o in chosen.items()}, {pk: o.state for pk, o in chosen.items()},
        parents,
    )  # fmt: skip
    if problems:
        raise ValidationError({"objectives": problems})
    new: dict[int, Objective] = {}
    new_krs: dict[int, KeyResult] = {}
    for pk in ids:
        old = chosen[pk]
        objective = objective_create(
            actor=actor, cycle=target, title=old.title, team=old.team, owner=old.owner,
            description=old.description, contributors=list(old.contributors.all()),
            state=old.state, visibility=old.visibility,
        )  # fmt: skip
        Objective.objects.filter(pk=objective.pk).update(carried_from=old, moves_kpi=old.moves_kpi)
        new[pk] = objective
        for kr in old.key_results.order_by("position", "id"):
            kind = KRKind(kr.kind) if kr.kind else None
            new_krs[kr.pk] = key_result_create(
                actor=actor, objective=objective, title=kr.title, kind=kr.kind, unit=kr.unit,
                start=carried_start(kind, kr.start, kr.target, kr.current), target=kr.target,
                weight=kr.weight, owner=kr.owner, done=kr.done,
            )  # fmt: skip
    kept = dropped = 0
    for link in links:
        child = new[link.child_id]
        parent_objective, parent_kr = link.parent_objective, link.parent_key_result
        in_source = (parent_objective or parent_kr.objective).cycle_id == source.pk  # type: ignore[union-attr]
        if in_source:  # carried too (checked above): point at its carried self
            if parent_objective is not None:
                parent_objective = new[parent_objective.pk]
            else:
                parent_kr = new_krs[parent_kr.pk]  # type: ignore[union-attr]
        elif (parent_objective or parent_kr.objective).cycle_id != target.parent_id:  # type: ignore[union-attr]
            dropped += 1  # a parent in a cycle that does not contain the new one
            continue
        link_create(actor=actor, child=child, parent_objective=parent_objective,
                    parent_key_result=parent_kr, kind=link.kind)  # fmt: skip
        kept += 1
    changes.record(
        organization=source.organization_id, actor=actor, action="create", entity="cycle",
        entity_id=target.pk, cycle_id=target.pk,
        summary=f"rolled {len(new)} objective{'s' if len(new) != 1 else ''} forward from "
        f"{source.name} to {target.name}",
        after={"carried": {str(old): o.pk for old, o in new.items()}, "links_kept": kept,
               "links_dropped": dropped},
    )  # fmt: skip
    return Rolled(new, kept, dropped)
