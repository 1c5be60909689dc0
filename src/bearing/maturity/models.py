"""A team's self-assessment of its OKR maturity in one cycle (seed 001's table)."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from bearing.domain.maturity import DESCRIPTIONS, Dimension, Level
from bearing.okrs.models import Cycle
from bearing.orgs.models import Organization, Team

LEVEL_CHOICES = [(level.value, level.label) for level in Level]


class SelfAssessment(models.Model):
    """One level per dimension, chosen by the team's lead (or an admin); one per team and cycle."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="self_assessments")
    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="self_assessments")
    ambition = models.PositiveSmallIntegerField(choices=LEVEL_CHOICES)
    planning = models.PositiveSmallIntegerField(choices=LEVEL_CHOICES)
    focus = models.PositiveSmallIntegerField(choices=LEVEL_CHOICES)
    accountability = models.PositiveSmallIntegerField(choices=LEVEL_CHOICES)
    learning = models.PositiveSmallIntegerField(choices=LEVEL_CHOICES)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["team", "cycle"], name="one_self_assessment"),
            *(
                models.CheckConstraint(
                    condition=models.Q(**{f"{d.value}__gte": 1, f"{d.value}__lte": 4}),
                    name=f"self_assessment_{d.value}_level",
                )
                for d in Dimension
            ),
        ]

    def __str__(self) -> str:
        return f"Self-assessment of {self.team_id} for {self.cycle_id}"

    def levels(self) -> dict[Dimension, Level | None]:
        return {d: Level(getattr(self, d.value)) for d in Dimension}


def described(dimension: Dimension) -> list[tuple[int, str]]:
    """The choices of one dimension: each level with the seed's description."""
    return [(level.value, f"{level.label} — {DESCRIPTIONS[dimension][level]}") for level in Level]


class OkrLook(models.Model):
    """That a person looked at their teams' OKRs (an objective or team page of one of their
    teams, or My week) in one ISO week: the Focus dimension's "how often the OKRs were looked
    at". At most one row per person and week, written at most once a week per session
    (``bearing.maturity.looks``)."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="okr_looks"
    )
    week = models.DateField(help_text="The Monday of the ISO week.")

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["organization", "person", "week"], name="one_okr_look_a_week"
            ),
        ]
        indexes: ClassVar = [models.Index(fields=["organization", "week"])]

    def __str__(self) -> str:
        return f"{self.person_id} looked in the week of {self.week}"
