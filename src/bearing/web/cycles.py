"""Which cycle a page shows: the one asked for (?cycle=), else the current one."""

from __future__ import annotations

from django.http import HttpRequest

from bearing.okrs.models import Cycle
from bearing.okrs.selectors import current_cycle, cycles_of
from bearing.orgs.models import Organization


def chosen_cycle(
    request: HttpRequest, organization: Organization
) -> tuple[list[Cycle], Cycle | None]:
    """All the organization's cycles (for the switcher) and the one to show."""
    cycles = list(cycles_of(organization))
    asked = request.GET.get("cycle", "")
    cycle = next((c for c in cycles if str(c.pk) == asked), None)
    return cycles, cycle or current_cycle(organization)
