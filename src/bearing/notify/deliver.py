"""Sending what the outbox holds: e-mail, Slack, Teams and webhooks, each delivery once.

A delivery is claimed (pending → sending, in one UPDATE that only one worker can win),
sent, then marked sent — or put back with an exponential backoff, and after ``MAX_ATTEMPTS``
given up. A worker killed while sending leaves the row "sending"; the sweep finds it once
its lease ran out: a webhook is sent again under the same ``webhook-id`` (the Standard
Webhooks way to let receivers drop a repeat), a message to a person is not — marked
"interrupted" instead, since a person must never get the same notice twice."""

from __future__ import annotations

import json
import logging
import smtplib
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone
from standardwebhooks import Webhook

from bearing import mail
from bearing.notify.models import (
    Delivery,
    DeliveryChannel,
    DeliveryState,
    NoticeKind,
    WebhookEndpoint,
)
from bearing.notify.outbound import Answer, post_json

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 6
FIRST_RETRY = timedelta(seconds=30)
# Deliveries to an endpoint that gave up in a row before it is disabled (and its admins told).
DISABLE_AFTER = 3
UNSUBSCRIBE_SALT = "bearing.notify.unsubscribe"


def backoff(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min, 4 min, 8 min …: exponential, so a receiver that is down is not hammered."""
    return FIRST_RETRY * int(2 ** max(attempts - 1, 0))


def unsubscribe_token(organization_id: int, person_id: int) -> str:
    return signing.dumps({"o": organization_id, "p": person_id}, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> tuple[int, int] | None:
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return int(data["o"]), int(data["p"])


def claim(delivery_id: int, now: datetime) -> Delivery | None:
    """The delivery, now ours to send; None when it is not due or another worker has it."""
    won = Delivery.objects.filter(
        pk=delivery_id, state=DeliveryState.PENDING, next_attempt_at__lte=now
    ).update(state=DeliveryState.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    if not won:
        return None
    return (
        Delivery.objects.select_related(
            "organization", "notice__recipient", "chat", "endpoint", "notice__organization"
        )
        .filter(pk=delivery_id)
        .first()
    )


def deliver(delivery_id: int, now: datetime | None = None) -> Delivery | None:
    """Send one delivery if it is due; the row afterwards (None: not ours to send)."""
    now = now or timezone.now()
    delivery = claim(delivery_id, now)
    if delivery is None:
        return None
    try:
        answer = _send(delivery, now)
    except Exception as exc:  # a bug or a surprise must not lose the notice nor stop the worker
        log.exception("delivery %s failed", delivery.pk)
        answer = Answer(None, f"{type(exc).__name__}: {exc}"[:300])
    _settle(delivery, answer, now)
    return delivery


def deliver_due(
    now: datetime | None = None, limit: int = 500, organization_id: int | None = None
) -> int:
    """Recover deliveries whose worker died, then send those due (of one organization, or
    all); how many were sent."""
    now = now or timezone.now()
    lease = timedelta(seconds=float(settings.DELIVERY_LEASE_SECONDS))
    stale = Q(state=DeliveryState.SENDING, claimed_at__lt=now - lease)
    Delivery.objects.filter(stale, channel=DeliveryChannel.WEBHOOK).update(
        state=DeliveryState.PENDING, next_attempt_at=now
    )
    Delivery.objects.filter(stale).exclude(channel=DeliveryChannel.WEBHOOK).update(
        state=DeliveryState.UNKNOWN, error="interrupted while sending; not sent again"
    )
    due = Delivery.objects.filter(state=DeliveryState.PENDING, next_attempt_at__lte=now)
    if organization_id is not None:
        due = due.filter(organization_id=organization_id)
    sent = 0
    for pk in list(due.order_by("next_attempt_at", "id").values_list("pk", flat=True)[:limit]):
        done = deliver(pk, now)
        sent += done is not None and done.state == DeliveryState.SENT
    return sent


def _settle(delivery: Delivery, answer: Answer, now: datetime) -> None:
    delivery.status_code = answer.status
    delivery.error = answer.error[:300]
    if answer.ok:
        delivery.state, delivery.sent_at = DeliveryState.SENT, now
    elif delivery.attempts < MAX_ATTEMPTS:
        delivery.state = DeliveryState.PENDING
        delivery.next_attempt_at = now + backoff(delivery.attempts)
    else:
        delivery.state = DeliveryState.FAILED
    with transaction.atomic():
        delivery.save(update_fields=["state", "sent_at", "next_attempt_at", "status_code", "error"])
        if delivery.endpoint_id is not None:
            _count_for_endpoint(delivery, now)


def _count_for_endpoint(delivery: Delivery, now: datetime) -> None:
    endpoints = WebhookEndpoint.objects.filter(pk=delivery.endpoint_id or 0)
    if delivery.state == DeliveryState.SENT:
        endpoints.update(failures=0)
    elif delivery.state == DeliveryState.FAILED:
        endpoints.update(failures=F("failures") + 1)
        endpoint = endpoints.select_for_update().first()
        if endpoint and endpoint.is_active and endpoint.failures >= DISABLE_AFTER:
            endpoint.disabled_at = now
            endpoint.save(update_fields=["disabled_at"])
            _tell_admins_disabled(endpoint, now)


def _tell_admins_disabled(endpoint: WebhookEndpoint, now: datetime) -> None:
    from bearing.notify.notices import Message, tell
    from bearing.orgs.models import Membership, Role

    admins = Membership.objects.filter(
        organization_id=endpoint.organization_id, role=Role.ADMIN, deactivated_at__isnull=True
    ).select_related("person", "organization")
    for m in admins:
        tell(
            organization=m.organization, recipient=m.person, kind=NoticeKind.WEBHOOK,
            key=f"webhook-disabled:{endpoint.pk}:{now:%Y%m%d%H%M%S}",
            message=Message(
                title=f"Webhook disabled: {endpoint.url}",
                body=f"{DISABLE_AFTER} deliveries in a row failed, so Bearing stopped calling "
                f"{endpoint.url}. Fix the receiver, then add the endpoint again.",
                link=f"/o/{m.organization.slug}/settings/#deliveries",
            ),
            at=now,
        )  # fmt: skip


def _send(delivery: Delivery, now: datetime) -> Answer:
    if delivery.channel == DeliveryChannel.EMAIL:
        return _send_email(delivery)
    if delivery.channel == DeliveryChannel.WEBHOOK:
        return _send_webhook(delivery, now)
    return _send_chat(delivery)


def _send_email(delivery: Delivery) -> Answer:
    notice = delivery.notice
    if notice is None:
        return Answer(None, "the notice was deleted")
    person, organization = notice.recipient, notice.organization
    base = mail.base_url()
    unsubscribe = f"{base}/unsubscribe/{unsubscribe_token(organization.pk, person.pk)}/"
    context = {
        "notice": notice, "organization": organization, "person": person,
        "link": f"{base}{notice.link}" if notice.link else "", "unsubscribe": unsubscribe,
    }  # fmt: skip
    message = EmailMultiAlternatives(
        subject=f"[{organization.name}] {notice.title}",
        body=render_to_string("bearing/email/notice.txt", context),
        to=[person.email],
        headers={
            # One-click unsubscribe (RFC 8058): mail programs show their own button for it.
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(render_to_string("bearing/email/notice.html", context), "text/html")
    try:
        get_connection().send_messages([message])
    except (OSError, smtplib.SMTPException) as exc:
        return Answer(None, f"the mail server refused it ({exc})"[:300])
    return Answer(250)


def _send_chat(delivery: Delivery) -> Answer:
    chat = delivery.chat
    if chat is None:
        return Answer(None, "the channel was removed")
    p = delivery.payload
    link = f"{mail.base_url()}{p.get('link', '')}" if p.get("link") else ""
    text = f"*{p.get('title', '')}*\n{p.get('body', '')}" + (f"\n{link}" if link else "")
    if chat.kind == "teams":
        body: dict[str, Any] = {"text": text.replace("\n", "\n\n")}  # Teams' Markdown: blank lines
    else:
        body = {"text": text}
    return post_json(chat.url, body)


def webhook_body(delivery: Delivery) -> str:
    return json.dumps(
        {
            "type": delivery.event,
            "timestamp": delivery.created_at.isoformat(),
            "data": delivery.payload,
        },
        separators=(",", ":"),
    )


def _send_webhook(delivery: Delivery, now: datetime) -> Answer:
    endpoint = delivery.endpoint
    if endpoint is None or not endpoint.is_active:
        return Answer(None, "the endpoint is disabled or removed")
    body = webhook_body(delivery)
    sent_at = now.astimezone(UTC)
    headers = {
        "webhook-id": delivery.message_id,
        "webhook-timestamp": str(int(sent_at.timestamp())),
        "webhook-signature": Webhook(endpoint.secret).sign(delivery.message_id, sent_at, body),
    }
    return post_json(endpoint.url, body, headers)


def email_is_real() -> bool:
    return bool(settings.EMAIL_CONFIGURED)
