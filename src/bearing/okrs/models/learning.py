"""What was learned: per objective at grading (002), per team per cycle (003)."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from bearing.okrs.models.cycles import Cycle
from bearing.okrs.models.objectives import Objective
from bearing.orgs.models import Organization, Team


class Learning(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="learnings")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:50]


class Retrospective(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="retrospectives")
    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="retrospectives")
    went_well = models.TextField(blank=True)
    went_badly = models.TextField(blank=True)
    try_next = models.TextField(blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["team", "cycle"], name="one_retrospective_per_team_cycle"
            ),
        ]

    def __str__(self) -> str:
        return f"Retrospective of {self.team_id} for {self.cycle_id}"
