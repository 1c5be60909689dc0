"""Alignment links (child objective → parent objective or key result) and the cycle's tree."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest, JsonResponse
from ninja import Query, Router, Status

from bearing.api.alignment_tree import alignment_tree
from bearing.api.auth import Caller, caller
from bearing.api.errors import BadInput
from bearing.api.lookups import (
    cycle_or_404,
    key_result_named,
    link_or_404,
    may_edit,
    objective_named,
)
from bearing.api.pagination import page
from bearing.api.present import link_out
from bearing.api.schemas.alignment import (
    AlignmentTreeOut,
    LinkIn,
    LinkOut,
    LinkQuery,
    TreeQuery,
)
from bearing.api.schemas.common import READ_ERRORS, WRITE_ERRORS, Id, Page, PageQuery
from bearing.okrs.models import AlignmentLink
from bearing.okrs.selectors import visible_objectives
from bearing.okrs.services.alignment import link_create, link_delete

router = Router(tags=["alignment"])


def _visible_links(c: Caller, filters: LinkQuery) -> QuerySet[AlignmentLink]:
    """Links whose child and parent the caller may both see."""
    visible = visible_objectives(c.membership).values("id")
    rows = AlignmentLink.objects.filter(
        organization_id=c.access.organization_id, child_id__in=visible
    ).filter(Q(parent_objective_id__in=visible) | Q(parent_key_result__objective_id__in=visible))
    if filters.cycle is not None:
        rows = rows.filter(child__cycle_id=filters.cycle)
    if filters.child is not None:
        rows = rows.filter(child_id=filters.child)
    return rows.order_by("id")


@router.get("/alignment-links", response={200: Page[LinkOut], **READ_ERRORS})
def list_links(
    request: HttpRequest, filters: Query[LinkQuery], params: Query[PageQuery]
) -> dict[str, Any]:
    rows = _visible_links(caller(request), filters)
    return page(request, rows, params, lambda links: [link_out(x) for x in links])


@router.post("/alignment-links", response={201: LinkOut, **WRITE_ERRORS})
def create_link(request: HttpRequest, payload: LinkIn) -> Status[dict[str, Any]]:
    """Align ``child`` to exactly one parent objective or key result (loops are refused)."""
    c = caller(request)
    if (payload.parent_objective is None) == (payload.parent_key_result is None):
        raise BadInput("give exactly one of parent_objective and parent_key_result", ["body"])
    child = objective_named(c, payload.child, "child")
    may_edit(c, child, ("body", "child"))
    parent_field = "parent_objective" if payload.parent_objective else "parent_key_result"
    parent_objective = (
        objective_named(c, payload.parent_objective, parent_field)
        if payload.parent_objective
        else None
    )
    parent_kr = (
        key_result_named(c, payload.parent_key_result, parent_field)
        if payload.parent_key_result
        else None
    )
    try:
        with transaction.atomic():
            link = link_create(
                actor=c.person, child=child, parent_objective=parent_objective,
                parent_key_result=parent_kr, kind=payload.kind,
            )  # fmt: skip
    except ValidationError as exc:
        # The service says "parent"; the client sent parent_objective or parent_key_result.
        raise ValidationError(
            {(parent_field if k == "parent" else k): v for k, v in exc.message_dict.items()}
        ) from None
    return Status(201, link_out(link))


@router.delete("/alignment-links/{id}", response={204: None, **WRITE_ERRORS})
def delete_link(request: HttpRequest, id: Id) -> Status[None]:
    c = caller(request)
    link = link_or_404(c, id)
    may_edit(c, link.child)
    with transaction.atomic():
        link_delete(actor=c.person, link=link)
    return Status(204, None)


@router.get("/cycles/{id}/alignment", response={200: AlignmentTreeOut, **READ_ERRORS})
def cycle_alignment(request: HttpRequest, id: Id, q: Query[TreeQuery]) -> dict[str, Any]:
    """The cycle's objectives as a tree from the company's down (or from `root`, or from a
    `team`'s objectives), each with its scores; a child linked to a key result shows which
    one. At most `limit` objectives per answer: branches left out say how many objectives
    they hold and where to fetch them (`expand`). Orphans and objectives serving something
    outside the tree are listed apart, the first 50 of each."""
    c = caller(request)
    tree = alignment_tree(request, c, cycle_or_404(c, id), q)
    # Thousands of nodes: rendered as the schema says (the schemathesis suite holds it to the
    # document) without validating each node again, which took as long as reading the cycle.
    return JsonResponse(tree, encoder=DjangoJSONEncoder)  # type: ignore[return-value]
