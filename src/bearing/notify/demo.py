"""The demo's notices: an inbox with this week's reminder and digest, a change and a comment,
a Slack channel and a webhook with a delivery log — made as the jobs make them, with e-mail
off (the demo's people have no mailboxes) and nothing left waiting to be sent."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.utils import timezone

from bearing.domain.weekly import week_start
from bearing.notify.cadence_settings import aware
from bearing.notify.channels import new_secret
from bearing.notify.digest import build_sections
from bearing.notify.models import (
    CadenceSettings,
    Channel,
    Delivery,
    DeliveryState,
    NoticeKind,
    WebhookEndpoint,
)
from bearing.notify.notices import Message, message_id, my_week_path, tell
from bearing.okrs.models import AlignmentLink, CheckIn
from bearing.orgs.models import Membership, Organization, Role


def demo_notices(organization: Organization, today: date) -> None:
    quiet = CadenceSettings(organization=organization, email_on=False)
    week = week_start(today, organization.checkin_weekday)
    now = timezone.now()
    admin = (
        Membership.objects.filter(organization=organization, role=Role.ADMIN)
        .select_related("person")
        .first()
    )
    if admin is None:
        return
    ana = admin.person
    since = aware(datetime.combine(week, datetime.min.time()), quiet)
    company, _ = build_sections(organization, today, now - timedelta(days=7))
    tell(
        organization=organization, recipient=ana, kind=NoticeKind.DIGEST, key=f"digest:{week}", cadence=quiet,
        message=Message(f"Weekly digest of {organization.name}, week of {week:%d %b %Y}", company.text(), f"/o/{organization.slug}/"),
        at=now - timedelta(days=3),
    )  # fmt: skip
    tell(
        organization=organization, recipient=ana, kind=NoticeKind.REMINDER, key=f"reminder:{week}", cadence=quiet,
        message=Message("Time to check in: your objectives wait for this week's update",
                        "Open My week to check in on all of them at once.", my_week_path(organization)),
        at=since + timedelta(hours=9),
    )  # fmt: skip
    link = (
        AlignmentLink.objects.filter(organization=organization)
        .select_related("child__owner", "parent_objective")
        .first()
    )
    if link is not None and link.child.owner is not None and link.parent_objective is not None:
        tell(
            organization=organization, recipient=link.child.owner, kind=NoticeKind.CHANGE, key="demo:change", cadence=quiet,
            message=Message(f"Changed: “{link.parent_objective.title}”, which your objective aligns to",
                            "- target: 40 → 45", f"/o/{organization.slug}/objectives/{link.parent_objective_id}/"),
            at=now - timedelta(days=1),
        )  # fmt: skip
    checkin = (
        CheckIn.objects.filter(organization=organization, author__isnull=False)
        .select_related("objective", "author")
        .first()
    )
    if checkin is not None and checkin.author is not None:
        tell(
            organization=organization, recipient=checkin.author, kind=NoticeKind.COMMENT, key="demo:comment", cadence=quiet,
            message=Message(f"New comment on your check-in on “{checkin.objective.title}”", "Great progress — the vendor call helped.",
                            f"/o/{organization.slug}/objectives/{checkin.objective_id}/"),
            at=now - timedelta(hours=5),
        )  # fmt: skip
    _delivery_log(organization, now)


def _delivery_log(organization: Organization, now: datetime) -> None:
    slack = Channel.objects.create(
        organization=organization,
        kind="slack",
        url="https://hooks.slack.com/services/T000/B000/demo",
    )
    endpoint = WebhookEndpoint.objects.create(
        organization=organization, url="https://integrations.example.com/bearing", secret=new_secret(),
        events=["check_in.created", "objective.updated"],
    )  # fmt: skip
    rows = [
        (slack, None, "digest", DeliveryState.SENT, 200, "", 1, 3),
        (slack, None, "reminder", DeliveryState.SENT, 200, "", 1, 2),
        (None, endpoint, "check_in.created", DeliveryState.SENT, 204, "", 1, 2),
        (None, endpoint, "objective.updated", DeliveryState.SENT, 200, "answered 503", 2, 1),
        (None, endpoint, "check_in.created", DeliveryState.FAILED, 500, "answered 500", 6, 1),
    ]
    Delivery.objects.bulk_create(
        Delivery(
            organization=organization,
            channel="slack" if chat else "webhook",
            chat=chat,
            endpoint=hook,
            event=event,
            message_id=message_id("demo", i),
            payload={},
            state=state,
            attempts=attempts,
            status_code=status,
            error=error,
            next_attempt_at=now - timedelta(days=days),
            created_at=now - timedelta(days=days, minutes=i),
            sent_at=now - timedelta(days=days) if state == DeliveryState.SENT else None,
        )
        for i, (chat, hook, event, state, status, error, attempts, days) in enumerate(rows)
    )
