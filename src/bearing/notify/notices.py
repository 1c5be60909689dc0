"""Telling someone something: the inbox notice and, in the same transaction, its ways out.

``tell`` is the one place a notice is made. Its key makes it idempotent: a notice whose key
the person already has is not made again, so a job run twice — or by two workers at once —
tells nobody twice."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from bearing.notify.cadence_settings import preferences_for, settings_for
from bearing.notify.models import (
    CadenceSettings,
    Channel,
    Delivery,
    DeliveryChannel,
    Notice,
    NoticeKind,
)
from bearing.orgs.models import Organization, Person


@dataclass(frozen=True)
class Message:
    title: str
    body: str = ""
    link: str = ""  # a path inside Bearing


def message_id(*parts: object) -> str:
    """A delivery's id from what it delivers and where: the same message to the same place
    always has the same id, so it is queued once."""
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()[:32]
    return f"msg_{digest}"


def my_week_path(organization: Organization) -> str:
    """The one-screen check-in the reminders link to."""
    try:
        return reverse("web:my_week", kwargs={"org": organization.slug})
    except NoReverseMatch:  # built beside this feature; the path is agreed
        return f"/o/{organization.slug}/my-week/"


def tell(
    *,
    organization: Organization,
    recipient: Person,
    kind: NoticeKind,
    key: str,
    message: Message,
    at: datetime | None = None,
    cadence: CadenceSettings | None = None,
) -> Notice | None:
    """Put the message in the person's inbox (and queue its e-mail, by their and the
    organization's choices); None when they were told this already (the key is taken)."""
    at = at or timezone.now()
    cadence = cadence or settings_for(organization)
    try:
        with transaction.atomic():
            notice = Notice.objects.create(
                organization=organization, recipient=recipient, kind=kind, key=key[:200],
                title=message.title[:300], body=message.body, link=message.link, created_at=at,
            )  # fmt: skip
            if cadence.email_on and preferences_for(organization, recipient).email_on:
                Delivery.objects.create(
                    organization=organization, channel=DeliveryChannel.EMAIL, notice=notice,
                    event=kind, message_id=message_id("email", notice.pk),
                    payload={}, next_attempt_at=at, created_at=at,
                )  # fmt: skip
    except IntegrityError:
        return None
    return notice


def post_to_chats(
    *,
    organization: Organization,
    channels: list[Channel],
    event: str,
    key: str,
    message: Message,
    at: datetime | None = None,
) -> int:
    """Queue the message for each Slack/Teams channel once (by key); how many were queued."""
    at = at or timezone.now()
    rows = [
        Delivery(
            organization=organization,
            channel=c.kind,
            chat=c,
            event=event,
            message_id=message_id("chat", c.pk, key),
            payload={"title": message.title, "body": message.body, "link": message.link},
            next_attempt_at=at,
            created_at=at,
        )
        for c in channels
    ]
    ids = {r.message_id for r in rows}
    taken = set(Delivery.objects.filter(message_id__in=ids).values_list("message_id", flat=True))
    fresh = [r for r in rows if r.message_id not in taken]
    Delivery.objects.bulk_create(fresh, ignore_conflicts=True)
    return len(fresh)


def chats_of(
    organization: Organization, cadence: CadenceSettings, team_id: int | None
) -> list[Channel]:
    """The channels a team's posts go to (``team_id`` None: the company's)."""
    if not cadence.chat_on:
        return []
    channels = Channel.objects.filter(organization=organization)
    if team_id is None:
        return list(channels.filter(team__isnull=True))
    return list(channels.filter(team_id=team_id))
