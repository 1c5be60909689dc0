"""Import step for alignment: each objective in the file ends up with exactly the parents it names.

Links to another cycle (a quarter's objective serving its year's) cannot be
named in a file, so they are kept. All removals happen before any addition, so
a file that turns a link around is not mistaken for a loop.
"""

from __future__ import annotations

from functools import partial

from bearing.domain.model import Link, LinkKind
from bearing.okrs.io.context import ImportContext
from bearing.okrs.models import AlignmentLink, KeyResult, Objective
from bearing.okrs.services.alignment import link_create, link_delete

Parent = Objective | KeyResult


def _key(parent: Parent) -> tuple[str, int]:
    return ("objective" if isinstance(parent, Objective) else "key_result", parent.pk)


def _link_key(link: AlignmentLink) -> tuple[str, int]:
    if link.parent_objective_id is not None:
        return ("objective", link.parent_objective_id)
    return ("key_result", link.parent_key_result_id or 0)


def _wanted(ctx: ImportContext, links: tuple[Link, ...]) -> dict[tuple[str, int], Link]:
    wanted: dict[tuple[str, int], Link] = {}
    for link in links:
        parent: Parent | None = ctx.objectives.get(link.parent_ref) or ctx.key_results.get(
            link.parent_ref
        )
        if parent is not None:
            wanted[_key(parent)] = link
    return wanted


def _in_cycle(link: AlignmentLink, cycle_id: int) -> bool:
    parent = link.parent_objective or link.parent_key_result
    return parent is not None and parent.cycle_id == cycle_id


def sync_links(ctx: ImportContext) -> None:
    cycle = ctx.the_cycle
    children = [row.pk for _, _, row in ctx.imported]
    existing: dict[int, list[AlignmentLink]] = {}
    rows = AlignmentLink.objects.filter(child_id__in=children).select_related(
        "parent_objective", "parent_key_result"
    )
    for link in rows.order_by("id"):
        existing.setdefault(link.child_id, []).append(link)
    additions: list[tuple[str, Objective, Link]] = []
    for path, item, row in ctx.imported:
        wanted = _wanted(ctx, item.links)
        for link in existing.get(row.pk, []):
            if not _in_cycle(link, cycle.pk):
                continue
            keep = wanted.get(_link_key(link))
            if keep is not None and keep.kind == link.kind:
                del wanted[_link_key(link)]
                continue
            if ctx.problems.attempt(path, partial(_remove, ctx, link)):
                ctx.counts["links removed"] += 1
        additions.extend((path, row, want) for want in wanted.values())
    for path, row, want in additions:
        _add(ctx, path, row, want)


def _remove(ctx: ImportContext, link: AlignmentLink) -> bool:
    link_delete(actor=ctx.actor, link=link)
    return True


def _add(ctx: ImportContext, path: str, child: Objective, link: Link) -> None:
    field = "cascaded_from" if link.kind is LinkKind.CASCADED else "aligned_to"
    parent_objective = ctx.objectives.get(link.parent_ref)
    parent_key_result = None if parent_objective else ctx.key_results.get(link.parent_ref)
    created = ctx.problems.attempt(
        f"{path}.{field}",
        partial(link_create, actor=ctx.actor, child=child, parent_objective=parent_objective,
                parent_key_result=parent_key_result, kind=link.kind.value),
        fields={"parent": "", "kind": ""},
    )  # fmt: skip
    if created is not None:
        ctx.counts["links added"] += 1
