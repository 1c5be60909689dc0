"""Reading KPIs for pages and the API: always within one organization, in bounded pieces."""

from __future__ import annotations

from django.db.models import QuerySet

from bearing.okrs.models import KPI, KPIMeasurement, Objective
from bearing.okrs.selectors import visible_objectives
from bearing.orgs.models import Membership


def kpis_of(organization_id: int, *, archived: bool = False) -> QuerySet[KPI]:
    """The organization's KPIs (the North Star first), with owner and team for the list."""
    return KPI.objects.filter(
        organization_id=organization_id, archived_at__isnull=not archived
    ).select_related("owner", "team")


def kpi_of(organization_id: int, pk: int) -> KPI | None:
    """One KPI of the organization, archived or not; None for another's."""
    return (
        KPI.objects.filter(organization_id=organization_id, pk=pk)
        .select_related("owner", "team", "organization")
        .first()
    )


def kpi_measurements(kpi: KPI) -> QuerySet[KPIMeasurement]:
    """The readings, newest first (paginate them)."""
    return KPIMeasurement.objects.filter(kpi_id=kpi.pk).order_by("-measured_at", "-id")


def objectives_moving(membership: Membership, kpi: KPI) -> QuerySet[Objective]:
    """The visible objectives that say they move the KPI (or were made from it), newest first."""
    return (
        visible_objectives(membership)
        .filter(moves_kpi=kpi)
        .select_related("cycle", "team")
        .order_by("-cycle__start", "-id")
    )
