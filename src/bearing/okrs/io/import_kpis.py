"""Importing an OKR file's ``kpis:`` section: each KPI by name (created, or updated where the
file says otherwise) and the readings of its ``history`` not in Bearing yet (by day), through
the KPI services, within the import's one transaction."""

from __future__ import annotations

from functools import partial
from typing import Any

from bearing.domain.model import FileKPI
from bearing.okrs.io.context import ImportContext
from bearing.okrs.models import KPI
from bearing.okrs.services.kpis import kpi_create, kpi_measure, kpi_readings, kpi_update
from bearing.orgs.models import Membership, Person


def sync_kpis(ctx: ImportContext) -> None:
    for i, item in enumerate(ctx.okrs.kpis):
        path = f"kpis[{i}]"
        fields = _fields(ctx, item, path)
        if fields is None:
            continue
        kpi = KPI.objects.filter(organization=ctx.organization, name=item.name).first()
        if kpi is None:
            kpi = ctx.problems.attempt(
                path,
                partial(kpi_create, actor=ctx.actor, organization=ctx.organization, **fields),
            )
            ctx.counts["KPIs created"] += kpi is not None
        else:
            changed = {k: v for k, v in fields.items() if _differs(getattr(kpi, k), v)}
            if changed:
                kpi = ctx.problems.attempt(
                    path, partial(kpi_update, actor=ctx.actor, kpi=kpi, **changed)
                )
                ctx.counts["KPIs updated"] += kpi is not None
        if kpi is None:
            continue
        known = {r.on for r in kpi_readings(kpi)}
        for j, m in enumerate(item.history):
            if m.on in known:
                continue
            added = ctx.problems.attempt(
                f"{path}.history[{j}]",
                partial(kpi_measure, kpi=kpi, value=m.value, measured_at=m.on, actor=ctx.actor),
                {"value": f"{path}.history[{j}].value", "measured_at": f"{path}.history[{j}].date"},
            )
            ctx.counts["KPI readings added"] += added is not None


def _differs(current: object, wanted: object) -> bool:
    if isinstance(current, Person) or isinstance(wanted, Person):
        return getattr(current, "pk", None) != getattr(wanted, "pk", None)
    return current != wanted


def _fields(ctx: ImportContext, item: FileKPI, path: str) -> dict[str, Any] | None:
    team = None
    if item.team is not None:
        team = ctx.teams.get(item.team)
        if team is None:
            ctx.problems.add(f"{path}.team", f"no team {item.team!r} in Bearing or the file")
            return None
    owner = None
    if item.owner is not None and not ctx.is_invited(item.owner):
        # (Someone the file invites owns nothing until they join, as for objectives.)
        membership = (
            Membership.objects.select_related("person")
            .filter(
                organization=ctx.organization,
                person__email__iexact=item.owner,
                deactivated_at__isnull=True,
            )
            .first()
        )
        if membership is None:
            ctx.problems.add(f"{path}.owner", f"{item.owner!r} is not a member of the organization")
            return None
        owner = membership.person
    return {
        "name": item.name, "unit": item.unit, "description": item.description,
        "healthy_min": item.healthy_min, "healthy_max": item.healthy_max, "team": team,
        "owner": owner, "is_north_star": item.north_star,
    }  # fmt: skip
