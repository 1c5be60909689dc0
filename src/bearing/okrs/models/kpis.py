"""KPIs: long-lived health metrics with a healthy range — not OKRs (001)."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q

from bearing.orgs.models import Organization, Team


class KPI(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="kpis")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    unit = models.CharField(max_length=30, blank=True)
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="kpis"
    )
    healthy_min = models.DecimalField(null=True, blank=True, max_digits=24, decimal_places=6)
    healthy_max = models.DecimalField(null=True, blank=True, max_digits=24, decimal_places=6)
    is_north_star = models.BooleanField(
        default=False, help_text="The organization's North Star Metric (004)."
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="owned_kpis",
    )  # fmt: skip
    # Stored figures, kept by services.kpis whenever a reading or the range changes, so the
    # list reads them instead of every KPI's history: domain.kpis.kpi_state.
    health = models.CharField(max_length=10, default="unknown")
    health_since = models.DateField(null=True, blank=True)
    latest_value = models.DecimalField(null=True, blank=True, max_digits=24, decimal_places=6)
    latest_on = models.DateField(null=True, blank=True)
    previous_value = models.DecimalField(null=True, blank=True, max_digits=24, decimal_places=6)
    # Archived KPIs leave the list but keep their history (and their name).
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["-is_north_star", "name"]
        verbose_name = "KPI"
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["organization", "name"], name="kpi_name_unique_in_org"),
            models.UniqueConstraint(
                fields=["organization"], condition=Q(is_north_star=True), name="one_north_star"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class KPIMeasurement(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    kpi = models.ForeignKey(KPI, on_delete=models.CASCADE, related_name="measurements")
    value = models.DecimalField(max_digits=24, decimal_places=6)
    measured_at = models.DateTimeField()

    class Meta:
        ordering: ClassVar = ["measured_at", "id"]
        indexes: ClassVar = [models.Index(fields=["kpi", "measured_at"])]

    def __str__(self) -> str:
        return f"{self.value} at {self.measured_at:%Y-%m-%d}"
