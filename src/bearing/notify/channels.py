"""Slack and Teams channels, and outbound webhook endpoints: made, listed and removed here
for the Settings page and the API alike. Addresses pass the request-forgery check first."""

from __future__ import annotations

import base64
import secrets
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction

from bearing.notify.models import Channel, ChannelKind, WebhookEndpoint
from bearing.notify.on_change import WEBHOOK_EVENTS
from bearing.notify.outbound import checked_url
from bearing.okrs.services import changes
from bearing.orgs.models import Organization, Person, Team

MAX_CHANNELS = 20
MAX_WEBHOOKS = 20


def _check_chat_url(kind: str, url: str) -> str:
    if kind not in ChannelKind.values:
        raise ValidationError({"kind": [f"use one of {', '.join(ChannelKind.values)}"]})
    return checked_url(url)


@transaction.atomic
def channel_add(
    *,
    actor: Person | None,
    organization: Organization,
    kind: str,
    url: str,
    team: Team | None = None,
) -> Channel:
    url = _check_chat_url(kind, url)
    if team is not None and team.organization_id != organization.pk:
        raise ValidationError({"team": ["no such team"]})
    if Channel.objects.filter(organization=organization).count() >= MAX_CHANNELS:
        raise ValidationError({"url": [f"at most {MAX_CHANNELS} channels; remove one first"]})
    channel = Channel.objects.create(organization=organization, kind=kind, url=url, team=team)
    changes.record(
        organization=organization, actor=actor, action="create", entity="channel",
        entity_id=channel.pk, summary=f"added a {channel.get_kind_display()} channel",
    )  # fmt: skip
    return channel


@transaction.atomic
def channel_remove(*, actor: Person | None, channel: Channel) -> None:
    changes.record(
        organization=channel.organization_id, actor=actor, action="delete", entity="channel",
        entity_id=channel.pk, summary=f"removed a {channel.get_kind_display()} channel",
    )  # fmt: skip
    channel.delete()


def new_secret() -> str:
    """A Standard Webhooks signing secret: "whsec_" and 32 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def checked_events(events: Sequence[str]) -> list[str]:
    if not events:
        raise ValidationError({"events": ["name at least one event"]})
    unknown = sorted(set(events) - {*WEBHOOK_EVENTS, "*"})
    if unknown:
        raise ValidationError(
            {
                "events": [
                    f"unknown event {', '.join(unknown)}; use {', '.join(WEBHOOK_EVENTS)} or *"
                ]
            }
        )
    return sorted(set(events))


@transaction.atomic
def webhook_add(
    *, actor: Person | None, organization: Organization, url: str, events: Sequence[str]
) -> WebhookEndpoint:
    url = checked_url(url)
    wanted = checked_events(events)
    if WebhookEndpoint.objects.filter(organization=organization).count() >= MAX_WEBHOOKS:
        raise ValidationError({"url": [f"at most {MAX_WEBHOOKS} webhooks; remove one first"]})
    endpoint = WebhookEndpoint.objects.create(
        organization=organization, url=url, events=wanted, secret=new_secret(), created_by=actor
    )
    changes.record(
        organization=organization, actor=actor, action="create", entity="webhook",
        entity_id=endpoint.pk, summary=f"added a webhook to {url}", after={"events": wanted},
    )  # fmt: skip
    return endpoint


@transaction.atomic
def webhook_remove(*, actor: Person | None, endpoint: WebhookEndpoint) -> None:
    changes.record(
        organization=endpoint.organization_id, actor=actor, action="delete", entity="webhook",
        entity_id=endpoint.pk, summary=f"removed the webhook to {endpoint.url}",
    )  # fmt: skip
    endpoint.delete()
