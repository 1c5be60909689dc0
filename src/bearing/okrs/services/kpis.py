"""KPIs and the North Star Metric; promoting a KPI in trouble into an objective (001)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from bearing.domain.limits import label_problem
from bearing.okrs.models import KPI, Cycle, KPIMeasurement, Objective
from bearing.okrs.services import changes
from bearing.okrs.services.objectives import objective_create
from bearing.okrs.services.values import checked_decimal, optional_decimal
from bearing.orgs.models import Organization, Person, Team


@transaction.atomic
def kpi_create(
    *,
    actor: Person | None,
    organization: Organization,
    name: str,
    unit: str = "",
    healthy_min: Decimal | str | None = None,
    healthy_max: Decimal | str | None = None,
    is_north_star: bool = False,
    team: Team | None = None,
    description: str = "",
) -> KPI:
    name = name.strip()
    low = optional_decimal(healthy_min, "healthy_min")
    high = optional_decimal(healthy_max, "healthy_max")
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = ["a KPI needs a name"]
    elif problem := label_problem(name):
        errors["name"] = [problem]
    elif KPI.objects.filter(organization=organization, name=name).exists():
        errors["name"] = [f"a KPI named {name!r} exists already"]
    if low is not None and high is not None and low > high:
        errors["healthy_max"] = ["the healthy range's top is below its bottom"]
    if team is not None and team.organization_id != organization.pk:
        errors["team"] = ["no such team"]
    if errors:
        raise ValidationError(errors)
    if is_north_star:
        # One North Star per organization: naming a new one retires the old one.
        KPI.objects.filter(organization=organization, is_north_star=True).update(
            is_north_star=False
        )
    kpi = KPI.objects.create(
        organization=organization, name=name, unit=unit.strip(), healthy_min=low, healthy_max=high,
        is_north_star=is_north_star, team=team, description=description.strip(),
    )  # fmt: skip
    changes.record(
        organization=organization, actor=actor, action="create", entity="kpi", entity_id=kpi.pk,
        summary=f"added KPI {name}{' (North Star)' if is_north_star else ''}",
        after=changes.snapshot(kpi, ["name", "unit", "healthy_min", "healthy_max", "is_north_star"]),
    )  # fmt: skip
    return kpi


def kpi_measure(
    *, kpi: KPI, value: Decimal | str, measured_at: datetime | None = None
) -> KPIMeasurement:
    return KPIMeasurement.objects.create(
        organization_id=kpi.organization_id, kpi=kpi, value=checked_decimal(value, "value"),
        measured_at=measured_at or timezone.now(),
    )  # fmt: skip


@transaction.atomic
def kpi_promote(
    *, actor: Person | None, kpi: KPI, cycle: Cycle, title: str, team: Team
) -> Objective:
    """Turn a KPI whose health needs real attention into an objective for a cycle."""
    if cycle.organization_id != kpi.organization_id:
        raise ValidationError({"cycle": ["no such cycle"]})
    objective = objective_create(actor=actor, cycle=cycle, title=title, team=team)
    objective.promoted_from = kpi
    objective.save(update_fields=["promoted_from"])
    return objective
