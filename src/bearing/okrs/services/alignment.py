"""Alignment links: a child objective serves a parent objective or a parent key result."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from bearing.domain.alignment import AlignmentGraph
from bearing.domain.model import LinkKind
from bearing.okrs import analysis
from bearing.okrs.models import AlignmentLink, KeyResult, Objective
from bearing.okrs.services import changes
from bearing.orgs.models import Person


def _objective_edges(child: Objective) -> list[tuple[int, int]]:
    """(child, parent objective) for the links a loop through ``child`` could use: those of its
    cycle and of the cycle containing it. Key-result links count as links to their objective."""
    cycles = [c for c in (child.cycle_id, child.cycle.parent_id) if c is not None]
    rows = AlignmentLink.objects.filter(
        organization_id=child.organization_id, child__cycle_id__in=cycles
    ).values_list("child_id", "parent_objective_id", "parent_key_result__objective_id")
    return [(child, parent or kr_objective) for child, parent, kr_objective in rows]


@transaction.atomic
def link_create(
    *,
    actor: Person | None,
    child: Objective,
    parent_objective: Objective | None = None,
    parent_key_result: KeyResult | None = None,
    kind: str = LinkKind.ALIGNED,
) -> AlignmentLink:
    if (parent_objective is None) == (parent_key_result is None):
        raise ValidationError({"parent": ["align to exactly one objective or key result"]})
    parent = parent_objective or parent_key_result.objective  # type: ignore[union-attr]
    errors: dict[str, list[str]] = {}
    if kind not in LinkKind._value2member_map_:
        errors["kind"] = ["use aligned or cascaded"]
    elif kind == LinkKind.CASCADED and parent_key_result is None:
        errors["kind"] = ["a cascaded objective is made from a key result: choose the key result"]
    if parent.organization_id != child.organization_id:
        errors["parent"] = ["no such objective or key result"]
    elif parent.pk == child.pk:
        errors["parent"] = ["an objective cannot align to itself or its own key results"]
    elif parent.cycle_id != child.cycle_id and parent.cycle_id != child.cycle.parent_id:
        errors["parent"] = ["align within the cycle, or to the cycle that contains it"]
    if errors:
        raise ValidationError(errors)
    exists = AlignmentLink.objects.filter(child=child)
    exists = (
        exists.filter(parent_key_result=parent_key_result)
        if parent_key_result
        else exists.filter(parent_objective=parent_objective)
    )
    if exists.exists():
        raise ValidationError({"parent": ["this link exists already"]})
    edges = _objective_edges(child)
    nodes = {n for edge in edges for n in edge} | {child.pk, parent.pk}
    graph = AlignmentGraph.from_edges(nodes, edges)
    if graph.would_create_cycle(child.pk, parent.pk):
        raise ValidationError(
            {"parent": [f"“{parent.title}” already serves “{child.title}”: that would be a loop"]}
        )
    link = AlignmentLink.objects.create(
        organization_id=child.organization_id, child=child, parent_objective=parent_objective,
        parent_key_result=parent_key_result, kind=kind,
    )  # fmt: skip
    target = f"key result “{parent_key_result.title}”" if parent_key_result else f"“{parent.title}”"
    changes.record(
        organization=child.organization, actor=actor, action="create", entity="alignment_link",
        entity_id=link.pk, summary=f"{kind} “{child.title}” to {target}",
        after={"child": child.pk, "parent_objective": parent_objective.pk if parent_objective else None,
               "parent_key_result": parent_key_result.pk if parent_key_result else None, "kind": kind},
        objective_id=child.pk, cycle_id=child.cycle_id,
    )  # fmt: skip
    analysis.link_made(
        child, parent, AlignmentGraph.from_edges(nodes, [*edges, (child.pk, parent.pk)])
    )
    analysis.note_change(child.cycle_id, child.organization_id)
    return link


@transaction.atomic
def link_delete(*, actor: Person | None, link: AlignmentLink) -> None:
    child = link.child
    changes.record(
        organization=child.organization, actor=actor, action="delete", entity="alignment_link",
        entity_id=link.pk, summary=f"removed a link of “{child.title}”",
        before={"child": child.pk, "parent_objective": link.parent_objective_id,
                "parent_key_result": link.parent_key_result_id, "kind": link.kind},
        objective_id=child.pk, cycle_id=child.cycle_id,
    )  # fmt: skip
    link.delete()
    analysis.note_change(child.cycle_id, child.organization_id)
