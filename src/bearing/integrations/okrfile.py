"""OKR files and data sources: ``source:`` on a key result, imported (a connection named, its
credentials never in the file) and exported (for admins and the operator's CLI only, since a
query or an address says where the organization keeps its numbers)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ObjectDoesNotExist

from bearing.integrations.models import Source
from bearing.integrations.services import ADMINS_ONLY, checked_recipe, source_save
from bearing.okrs.models import KeyResult
from bearing.orgs.models import Membership

if TYPE_CHECKING:  # the importer imports this module: no cycle at run time
    from bearing.okrs.io.context import ImportContext

FIELDS = ("connection", "query", "url", "selector", "kind", "schedule")


def _may_configure(ctx: ImportContext) -> bool:
    if ctx.actor is None:  # the operator's CLI
        return True
    membership = Membership.objects.filter(
        organization=ctx.organization, person=ctx.actor, deactivated_at__isnull=True
    ).first()
    return membership is not None and membership.is_admin


def sync_sources(ctx: ImportContext) -> None:
    """Give each key result of the file with a ``source:`` that source (made or replaced);
    a key result without one keeps whatever source it has."""
    wanted = [
        (f"objectives[{i}].key_results[{j}].source", kr)
        for i, objective in enumerate(ctx.okrs.objectives)
        for j, kr in enumerate(objective.key_results)
        if kr.source is not None
    ]
    if not wanted:
        return
    if not _may_configure(ctx):
        for path, _ in wanted:
            ctx.problems.add(path, ADMINS_ONLY)
        return
    for path, item in wanted:
        row = ctx.key_results.get(item.ref)
        given = item.source
        if row is None or given is None:
            continue  # its own problem was reported by the key results' step
        fields = {name: f"{path}.{name}" for name in FIELDS}
        recipe = ctx.problems.check(
            path,
            partial(
                checked_recipe, ctx.organization.pk, kind=given.kind,
                connection=given.connection, query=given.query, url=given.url,
                selector=given.selector,
            ),
            fields,
        )  # fmt: skip
        if recipe is None:
            continue
        before = _recipe_of(row)
        after = (given.kind, given.connection, given.query, given.url, given.selector,
                 given.schedule)  # fmt: skip
        if before == after:
            continue
        saved = ctx.problems.attempt(
            path,
            partial(
                source_save, organization=ctx.organization, recipe=recipe,
                schedule=given.schedule, key_result=row,
            ),
            fields,
        )  # fmt: skip
        ctx.counts["data sources set"] += saved is not None


def _recipe_of(kr: KeyResult) -> tuple[Any, ...] | None:
    source = Source.objects.select_related("connection").filter(key_result=kr).first()
    if source is None:
        return None
    return (source.kind, source.connection.name if source.connection else None, source.query,
            source.url, source.selector, source.schedule)  # fmt: skip


def exported_source(kr: KeyResult) -> dict[str, Any] | None:
    """The ``source:`` of a key result in a file: its connection by name, never a secret.
    (The snapshot loads it with the key result: no query of its own.)"""
    try:
        source: Source = kr.source
    except ObjectDoesNotExist:
        return None
    item: dict[str, Any] = {"kind": source.kind}
    if source.connection is not None:
        item["connection"] = source.connection.name
    for name in ("query", "url", "selector"):
        if value := getattr(source, name):
            item[name] = value
    item["schedule"] = source.schedule
    return item
