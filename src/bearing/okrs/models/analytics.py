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


class CycleAnalysis(models.Model):
    """What is computed over a whole cycle in the background (``okrs.analysis``): the
    look-alike pairs, the coach's portfolio notes and the depth of the alignment graph.

    The services stamp ``changed_at`` whenever an input changes (titles, teams, links, key
    results, states) and queue one job; the job records which stamp it computed from in
    ``computed_for``. Pages read the stored results and say when they were computed, and
    that newer changes are being taken in while ``changed_at`` is newer than ``computed_for``.
    """

    cycle = models.OneToOneField(
        Cycle, on_delete=models.CASCADE, primary_key=True, related_name="analysis"
    )
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    changed_at = models.DateTimeField()
    queued = models.BooleanField(default=False)
    computed_for = models.DateTimeField(null=True, blank=True)
    computed_at = models.DateTimeField(null=True, blank=True)
    seconds = models.FloatField(default=0)  # how long the last computation took
    max_depth = models.PositiveIntegerField(default=0)
    look_alikes = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"analysis of {self.cycle_id}"

    @property
    def is_current(self) -> bool:
        return self.computed_for is not None and self.computed_for >= self.changed_at


class LookAlikePair(models.Model):
    """Two objectives of different teams that say the same thing (alignment analytics)."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="look_alikes")
    a = models.ForeignKey("okrs.Objective", on_delete=models.CASCADE, related_name="+")
    b = models.ForeignKey("okrs.Objective", on_delete=models.CASCADE, related_name="+")
    similarity = models.DecimalField(max_digits=3, decimal_places=2)

    class Meta:
        ordering: ClassVar = ["-similarity", "a_id", "b_id"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["cycle", "a", "b"], name="one_look_alike_pair"),
        ]
        indexes: ClassVar = [models.Index(fields=["cycle", "-similarity"])]

    def __str__(self) -> str:
        return f"{self.a_id} ~ {self.b_id} ({self.similarity})"


class PortfolioNote(models.Model):
    """One of the coach's portfolio findings over a cycle (coach-rubric.md, "Portfolio checks").

    ``team`` is the team the note is about (too many objectives, or an objective's or key
    result's team), None for a note about the whole cycle. ``mentions`` names the first
    objectives and key results involved, as [objective id, key result id or null, title];
    ``mention_count`` says how many there are in all."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="portfolio_notes")
    position = models.PositiveIntegerField()
    rule = models.CharField(max_length=40)
    message = models.TextField()
    team = models.ForeignKey(
        "orgs.Team", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    mentions = models.JSONField(default=list)
    mention_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering: ClassVar = ["cycle", "position"]
        indexes: ClassVar = [models.Index(fields=["cycle", "team", "position"])]

    def __str__(self) -> str:
        return f"{self.rule}: {self.message[:40]}"
