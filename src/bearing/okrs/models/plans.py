"""The two-week plan (seed 002): in the first weeks of a cycle each key-result owner drafts
the initiatives, with target dates, that will move their key results, and publishes them."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from bearing.okrs.models.cycles import Cycle
from bearing.orgs.models import Organization


class Plan(models.Model):
    """One owner's published plan for one cycle; its content is their initiatives."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="plans")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    published_at = models.DateTimeField()
    # Changes to the plan's initiatives after publishing (each also in the change log).
    changes_since = models.PositiveIntegerField(default=0)

    class Meta:
        ordering: ClassVar = ["cycle", "person"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["cycle", "person"], name="one_plan_per_owner_and_cycle")
        ]

    def __str__(self) -> str:
        return f"plan of {self.person_id} for {self.cycle_id}"
