"""What Bearing tells people, and where it sends it.

A ``Notice`` is one message to one person, in their inbox; its ``key`` makes sending
idempotent (one reminder per person and week, say): a second attempt finds the key taken and
sends nothing. Each way out of Bearing — an e-mail, a Slack or Teams post, a webhook call — is
a ``Delivery`` row written in the same transaction as what it carries (an outbox), so a crash
loses nothing and a delivery made is never made again.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from bearing.orgs.models import Organization, Team


class NoticeKind(models.TextChoices):
    REMINDER = "reminder", "Check-in reminder"
    ESCALATION = "escalation", "Escalation"
    DIGEST = "digest", "Weekly digest"
    CHANGE = "change", "Change"
    COMMENT = "comment", "Comment"
    REACTION = "reaction", "Reaction"
    WEBHOOK = "webhook", "Webhook"


class Notice(models.Model):
    """One message to one person of one organization, shown in their inbox."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    kind = models.CharField(max_length=12, choices=NoticeKind.choices)
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    # A path inside Bearing (/o/acme/…): the notice's "open" link.
    link = models.CharField(max_length=500, blank=True)
    # What makes it unique: "reminder:2027-02-15" — a second notice with the key is not sent.
    key = models.CharField(max_length=200)
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["-created_at", "-id"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["organization", "recipient", "key"], name="one_notice_per_key"
            ),
        ]
        indexes: ClassVar = [
            models.Index(fields=["recipient", "organization", "-created_at"]),
            models.Index(
                fields=["recipient", "organization"],
                condition=Q(read_at__isnull=True),
                name="notice_unread",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} to {self.recipient_id}: {self.title}"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class CadenceSettings(models.Model):
    """An organization's rhythm: when reminders and digests go out, in its time zone, and which
    channels are on. The check-in day itself is ``Organization.checkin_weekday``. An
    organization without a row has the defaults (``notify.cadence_settings.settings_for``)."""

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, primary_key=True, related_name="cadence"
    )
    time_zone = models.CharField(max_length=64, default="UTC")
    checkin_hour = models.PositiveSmallIntegerField(default=9, validators=[MaxValueValidator(23)])
    escalate_after_days = models.PositiveSmallIntegerField(
        default=2, validators=[MinValueValidator(1), MaxValueValidator(6)]
    )
    digest_weekday = models.PositiveSmallIntegerField(default=4, validators=[MaxValueValidator(6)])
    digest_hour = models.PositiveSmallIntegerField(default=16, validators=[MaxValueValidator(23)])
    reminders_on = models.BooleanField(default=True)
    digests_on = models.BooleanField(default=True)
    email_on = models.BooleanField(default=True)
    chat_on = models.BooleanField(default=True, help_text="Slack and Teams channels.")
    webhooks_on = models.BooleanField(default=True)

    def __str__(self) -> str:
        return f"cadence of {self.organization_id}"


class Preferences(models.Model):
    """A person's choices in one organization (none stored: the defaults)."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_preferences"
    )
    email_on = models.BooleanField(default=True)
    digest_on = models.BooleanField(default=True)
    # No check-in reminder (nor escalation about them) until this day, inclusive.
    snoozed_until = models.DateField(null=True, blank=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["organization", "person"], name="one_preferences_per_member"
            ),
        ]

    def __str__(self) -> str:
        return f"preferences of {self.person_id} in {self.organization_id}"


class ChannelKind(models.TextChoices):
    SLACK = "slack", "Slack"
    TEAMS = "teams", "Microsoft Teams"


class Channel(models.Model):
    """A Slack or Teams incoming webhook: digests, check-in day nudges, escalations and
    change notices are posted there (for one team's, or with no team, the whole company's)."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="channels"
    )
    kind = models.CharField(max_length=8, choices=ChannelKind.choices)
    url = models.URLField(max_length=500)
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["kind", "id"]

    def __str__(self) -> str:
        return f"{self.kind} channel of {self.organization_id}"


class WebhookEndpoint(models.Model):
    """Another system Bearing calls when things happen (Standard Webhooks signing)."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="webhooks"
    )
    url = models.URLField(max_length=500)
    events = models.JSONField(default=list)
    # "whsec_" + base64: shown once, when the endpoint is made.
    secret = models.CharField(max_length=100)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Deliveries that gave up in a row; past the limit the endpoint is disabled.
    failures = models.PositiveIntegerField(default=0)
    disabled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["id"]

    def __str__(self) -> str:
        return self.url

    @property
    def is_active(self) -> bool:
        return self.disabled_at is None


class DeliveryState(models.TextChoices):
    PENDING = "pending", "Waiting"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Gave up"
    # Stopped while sending (the worker died): whether it arrived is unknown, and it is not
    # sent again — a person never gets the same notice twice.
    UNKNOWN = "unknown", "Interrupted"


class DeliveryChannel(models.TextChoices):
    EMAIL = "email", "E-mail"
    SLACK = "slack", "Slack"
    TEAMS = "teams", "Teams"
    WEBHOOK = "webhook", "Webhook"


class Delivery(models.Model):
    """One message to leave Bearing by one channel: the outbox row, then its log."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=8, choices=DeliveryChannel.choices)
    notice = models.ForeignKey(
        Notice, null=True, blank=True, on_delete=models.CASCADE, related_name="deliveries"
    )
    chat = models.ForeignKey(
        Channel, null=True, blank=True, on_delete=models.CASCADE, related_name="deliveries"
    )
    endpoint = models.ForeignKey(
        WebhookEndpoint, null=True, blank=True, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(max_length=40)
    # The message's id (webhook-id for webhooks): one delivery per message and destination.
    message_id = models.CharField(max_length=64, unique=True)
    payload = models.JSONField(default=dict)
    state = models.CharField(
        max_length=8, choices=DeliveryState.choices, default=DeliveryState.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    claimed_at = models.DateTimeField(null=True, blank=True)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["-created_at", "-id"]
        indexes: ClassVar = [
            models.Index(fields=["state", "next_attempt_at"]),
            models.Index(fields=["organization", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.channel} {self.event} ({self.state})"
