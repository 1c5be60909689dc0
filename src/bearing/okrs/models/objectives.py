"""Objectives, alignment links, key results with their measurements, and initiatives."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from bearing.domain.model import KRKind, LinkKind
from bearing.okrs.models.cycles import Cycle
from bearing.orgs.models import Organization, Team


class ObjectiveState(models.TextChoices):
    DRAFT = "draft", "Draft"
    ACTIVE = "active", "Active"
    CLOSED = "closed", "Closed"
    ABANDONED = "abandoned", "Abandoned"


class Visibility(models.TextChoices):
    PUBLIC = "public", "Public"
    PRIVATE = "private", "Private (owner, team leads and admins)"


class Objective(models.Model):
    """A qualitative goal of a team (or, with no team, of its owner alone) for one cycle."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="objectives"
    )
    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="objectives")
    ref = models.SlugField(
        max_length=64, help_text="A handle unique in the cycle (OKR files, API)."
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.RESTRICT, related_name="objectives"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="owned_objectives",
    )  # fmt: skip
    contributors = models.ManyToManyField(Team, blank=True, related_name="contributed_objectives")
    state = models.CharField(
        max_length=10, choices=ObjectiveState.choices, default=ObjectiveState.ACTIVE
    )
    visibility = models.CharField(
        max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    promoted_from = models.ForeignKey(
        "okrs.KPI",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="promoted_objectives",
    )
    # The KPI this objective moves (often the North Star): shown beside it, not scored (004).
    moves_kpi = models.ForeignKey(
        "okrs.KPI", null=True, blank=True, on_delete=models.SET_NULL, related_name="moved_by"
    )
    # The unfinished objective of an earlier cycle this one carries on (rolling forward).
    carried_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="carried_into"
    )
    # Grading at cycle close may adjust the score with a reason; the computed one stays beside it.
    computed_score = models.DecimalField(max_digits=2, decimal_places=1, null=True, blank=True)
    graded_score = models.DecimalField(max_digits=2, decimal_places=1, null=True, blank=True)
    grading_reason = models.TextField(blank=True)
    version = models.PositiveIntegerField(
        default=1, help_text="Bumped on every change (optimistic locking)."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Stored figures, kept by okrs.derived whenever their inputs change, so that pages read
    # them instead of rescoring: the score and projected forecast (domain.scoring's
    # ObjectiveFigures), and the coach's review of the title with the worst rating of the
    # objective and its key results (for "worst first" lists).
    score = models.DecimalField(max_digits=2, decimal_places=1, null=True, blank=True)
    forecast = models.DecimalField(max_digits=2, decimal_places=1, null=True, blank=True)
    coach_rating = models.CharField(max_length=10, blank=True)
    coach_findings = models.JSONField(default=list, blank=True)
    coach_rules = models.CharField(max_length=500, blank=True)  # " rule rule " for filtering
    coach_worst = models.PositiveSmallIntegerField(default=9)  # 0 limiting · 1 helpful · 2 awesome

    class Meta:
        ordering: ClassVar = ["cycle", "id"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["cycle", "ref"], name="objective_ref_unique_in_cycle"),
            models.CheckConstraint(
                condition=Q(team__isnull=False) | Q(owner__isnull=False),
                name="objective_has_team_or_owner",
            ),
            models.CheckConstraint(
                condition=Q(graded_score__isnull=True)
                | (Q(graded_score__gte=0) & Q(graded_score__lte=1)),
                name="graded_score_in_unit_range",
            ),
        ]
        indexes: ClassVar = [
            models.Index(fields=["organization", "cycle", "team"]),
            models.Index(fields=["cycle", "coach_worst", "id"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_individual(self) -> bool:
        return self.team_id is None


class AlignmentLink(models.Model):
    """Child objective → parent objective or parent key result; many-to-many by design."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    child = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="parent_links")
    parent_objective = models.ForeignKey(
        Objective, null=True, blank=True, on_delete=models.CASCADE, related_name="child_links"
    )
    parent_key_result = models.ForeignKey(
        "okrs.KeyResult",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="child_links",
    )
    kind = models.CharField(
        max_length=10,
        choices=[(k.value, k.value.title()) for k in LinkKind],
        default=LinkKind.ALIGNED,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=(Q(parent_objective__isnull=False) & Q(parent_key_result__isnull=True))
                | (Q(parent_objective__isnull=True) & Q(parent_key_result__isnull=False)),
                name="link_has_exactly_one_parent",
            ),
            models.CheckConstraint(
                condition=~Q(child=F("parent_objective")), name="link_not_to_self"
            ),
            models.UniqueConstraint(
                fields=["child", "parent_objective"], name="link_unique_objective"
            ),
            models.UniqueConstraint(
                fields=["child", "parent_key_result"], name="link_unique_key_result"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.child_id} → {self.parent_objective_id or f'KR {self.parent_key_result_id}'}"


class KeyResult(models.Model):
    """A measurable result. ``kind`` is empty for a draft: a title with nothing to score yet."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="key_results")
    # The objective's cycle, kept here so refs are unique across a cycle as in an OKR file.
    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="key_results")
    ref = models.SlugField(max_length=64)
    title = models.CharField(max_length=200)
    kind = models.CharField(
        max_length=10, blank=True, choices=[(k.value, k.value.replace("_", " ")) for k in KRKind]
    )
    unit = models.CharField(max_length=30, blank=True)
    start = models.DecimalField(null=True, blank=True, max_digits=24, decimal_places=6)
    target = models.DecimalField(null=True, blank=True, max_digits=24, decimal_places=6)
    done = models.BooleanField(default=False, help_text="Milestones only.")
    weight = models.DecimalField(max_digits=24, decimal_places=6, default=Decimal(1))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="owned_key_results",
    )  # fmt: skip
    position = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Stored figures, kept by okrs.derived (see Objective): the latest measured value and
    # when it was measured, progress (four decimals, for display), score, projected
    # forecast, how many values were measured, and the coach's review.
    current = models.DecimalField(null=True, blank=True, max_digits=24, decimal_places=6)
    current_at = models.DateTimeField(null=True, blank=True)
    measured = models.PositiveIntegerField(default=0)
    progress = models.DecimalField(null=True, blank=True, max_digits=7, decimal_places=4)
    score = models.DecimalField(max_digits=2, decimal_places=1, null=True, blank=True)
    forecast = models.DecimalField(max_digits=2, decimal_places=1, null=True, blank=True)
    coach_rating = models.CharField(max_length=10, blank=True)
    coach_findings = models.JSONField(default=list, blank=True)
    coach_rules = models.CharField(max_length=500, blank=True)
    # Which version of the scoring rules computed them (okrs.derived.FIGURES_VERSION); 0: never.
    figures_version = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering: ClassVar = ["objective", "position", "id"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["cycle", "ref"], name="kr_ref_unique_in_cycle"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="kr_weight_positive"),
            models.CheckConstraint(
                condition=~Q(kind__in=[KRKind.INCREASE, KRKind.DECREASE]) | ~Q(start=F("target")),
                name="kr_directional_start_differs_from_target",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class MeasurementSource(models.TextChoices):
    MANUAL = "manual", "Manual"
    API = "api", "API"
    IMPORT = "import", "Import"
    INTEGRATION = "integration", "Integration"


class Measurement(models.Model):
    """A value of a key result at a moment. The latest one is the key result's current value."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    key_result = models.ForeignKey(KeyResult, on_delete=models.CASCADE, related_name="measurements")
    value = models.DecimalField(max_digits=24, decimal_places=6)
    measured_at = models.DateTimeField()
    source = models.CharField(
        max_length=12, choices=MeasurementSource.choices, default=MeasurementSource.MANUAL
    )
    note = models.CharField(max_length=500, blank=True)
    checkin = models.ForeignKey(
        "okrs.CheckIn",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="measurements",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["measured_at", "id"]
        indexes: ClassVar = [models.Index(fields=["key_result", "measured_at"])]

    def __str__(self) -> str:
        return f"{self.value} at {self.measured_at:%Y-%m-%d}"


class InitiativeStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


class Initiative(models.Model):
    """A backlog item (the "what") serving key results (the "why")."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="initiatives"
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    key_results = models.ManyToManyField(KeyResult, related_name="initiatives")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        max_length=12, choices=InitiativeStatus.choices, default=InitiativeStatus.PLANNED
    )
    target_date = models.DateField(null=True, blank=True)
    url = models.URLField(blank=True, help_text="The item in your issue tracker.")
    # The owner's order of the backlog (reorder on the objective page); ties by age.
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["position", "id"]

    def __str__(self) -> str:
        return self.title
