"""Weekly check-ins on an objective, and the comments and reactions on them."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q

from bearing.domain.model import Color
from bearing.okrs.models.objectives import Objective
from bearing.orgs.models import Organization


class Status(models.TextChoices):
    ON_TRACK = "on_track", "On track"
    NEEDS_ATTENTION = "needs_attention", "Needs attention"
    AT_RISK = "at_risk", "At risk"


STATUS_COLOR = {
    Status.ON_TRACK: Color.GREEN,
    Status.NEEDS_ATTENTION: Color.YELLOW,
    Status.AT_RISK: Color.RED,
}
COLOR_STATUS = {color: status for status, color in STATUS_COLOR.items()}


class CheckIn(models.Model):
    """The owner's weekly written update on an objective (000, 002)."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="checkins")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="checkins"
    )
    created_at = models.DateTimeField()
    progress_status = models.CharField(max_length=16, choices=Status.choices)
    # What the forecast suggested; when the owner chose otherwise, the reason says why.
    suggested_status = models.CharField(max_length=16, choices=Status.choices, blank=True)
    status_reason = models.TextField(blank=True)
    capacity_status = models.CharField(max_length=16, choices=Status.choices)
    confidence = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(100)], help_text="Percent, 0–100."
    )
    narrative = models.TextField(blank=True)
    # When its author last corrected it: readers see "(edited)".
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["-created_at", "-id"]
        indexes: ClassVar = [models.Index(fields=["objective", "created_at"])]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(confidence__isnull=True) | Q(confidence__lte=100),
                name="confidence_percent",
            ),
        ]

    def __str__(self) -> str:
        return f"Check-in on {self.objective_id} at {self.created_at:%Y-%m-%d}"

    @property
    def progress_color(self) -> Color:
        return STATUS_COLOR[Status(self.progress_status)]

    @property
    def capacity_color(self) -> Color:
        return STATUS_COLOR[Status(self.capacity_status)]


class Comment(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    checkin = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:50]


class ReactionKind(models.TextChoices):
    # Words only: the pages draw each kind's icon as inline SVG (includes/reaction_icon.html),
    # since emoji show as empty boxes on machines without an emoji font.
    CELEBRATE = "celebrate", "Celebrate"
    THANKS = "thanks", "Thanks"
    SUPPORT = "support", "Support"
    SEEN = "seen", "Seen"


class Reaction(models.Model):
    """Celebrating small wins (004) on a check-in; one of each kind per person."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    checkin = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="reactions")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=ReactionKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["checkin", "person", "kind"], name="one_reaction_of_a_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} by {self.person_id}"
