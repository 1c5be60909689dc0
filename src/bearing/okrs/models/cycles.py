from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import F, Q

from bearing.domain import model as domain
from bearing.orgs.models import Organization


class CycleState(models.TextChoices):
    PLANNING = "planning", "Planning"
    ACTIVE = "active", "Active"
    GRADING = "grading", "Grading"
    CLOSED = "closed", "Closed"


# planning → active → grading → closed; a step back is allowed to undo a mistake.
CYCLE_TRANSITIONS: dict[str, tuple[str, ...]] = {
    CycleState.PLANNING: (CycleState.ACTIVE,),
    CycleState.ACTIVE: (CycleState.GRADING, CycleState.PLANNING),
    CycleState.GRADING: (CycleState.CLOSED, CycleState.ACTIVE),
    CycleState.CLOSED: (CycleState.GRADING,),
}


class Cycle(models.Model):
    """A named period (quarter, year). A year may contain quarters (``parent``)."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="cycles")
    name = models.CharField(max_length=100)
    start = models.DateField()
    end = models.DateField()
    state = models.CharField(max_length=10, choices=CycleState.choices, default=CycleState.PLANNING)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )

    class Meta:
        ordering: ClassVar = ["-start", "name"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["organization", "name"], name="cycle_name_unique_in_org"
            ),
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="cycle_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.name

    def as_domain(self) -> domain.Cycle:
        return domain.Cycle(name=self.name, start=self.start, end=self.end)
