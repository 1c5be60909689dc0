"""Weekly snapshots of a cycle's connectivity, so alignment can be watched as a trend (000)."""

from __future__ import annotations

from typing import ClassVar

from django.db import models

from bearing.okrs.models.cycles import Cycle
from bearing.orgs.models import Organization


class ConnectivitySnapshot(models.Model):
    """The connectivity figures of a cycle in one week (the week's Monday); the latest wins."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    cycle = models.ForeignKey(
        Cycle, on_delete=models.CASCADE, related_name="connectivity_snapshots"
    )
    week = models.DateField(help_text="The Monday of the week the figures describe.")
    taken_at = models.DateTimeField()
    objectives = models.PositiveIntegerField()
    company_objectives = models.PositiveIntegerField()
    aligned_pct = models.DecimalField(max_digits=4, decimal_places=1, null=True)
    cascaded_pct = models.DecimalField(max_digits=4, decimal_places=1, null=True)
    cross_functional_pct = models.DecimalField(max_digits=4, decimal_places=1, null=True)
    max_depth = models.PositiveIntegerField()
    orphans = models.PositiveIntegerField()
    similar_pairs = models.PositiveIntegerField()
    warnings = models.PositiveIntegerField(default=0)

    class Meta:
        ordering: ClassVar = ["cycle", "week"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["cycle", "week"], name="one_snapshot_per_cycle_week"),
        ]

    def __str__(self) -> str:
        return f"{self.cycle} week of {self.week}"
