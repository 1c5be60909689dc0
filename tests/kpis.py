"""A KPI for the tests of pages and the API: Payments' checkout errors, owned by Bob, healthy
at most 2 %, read at 1.5 % twenty days ago and 3.5 % five days ago — unhealthy since then."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from bearing.okrs.models import KPI, Objective
from bearing.okrs.services.kpis import kpi_create, kpi_measure


def days_ago(days: int) -> datetime:
    return timezone.now().astimezone(UTC) - timedelta(days=days)


def checkout_errors(o: object) -> KPI:
    """Made on first use; ``o`` is Payments' objective owned by Bob, or has it as ``objective``."""
    objective: Objective = o if isinstance(o, Objective) else o.objective  # type: ignore[attr-defined]
    found = KPI.objects.filter(organization_id=objective.organization_id, name="Checkout errors")
    kpi = found.first()
    if kpi is None:
        kpi = kpi_create(
            actor=None, organization=objective.organization, name="Checkout errors", unit="%",
            healthy_max=Decimal(2), owner=objective.owner, team=objective.team,
        )  # fmt: skip
        kpi_measure(kpi=kpi, value=Decimal("1.5"), measured_at=days_ago(20))
        kpi_measure(kpi=kpi, value=Decimal("3.5"), measured_at=days_ago(5))
        kpi.refresh_from_db()
    return kpi
