"""Changes, told: communicate change (000's third practice), comments and reactions on your
check-ins, and the events of the outbound webhooks.

``on_changes_recorded`` listens to ``okrs.services.changes.changes_recorded`` — sent by every
service that writes — and, once the transaction commits, queues ``handle_changes`` with the
few facts it needs. Nothing here slows a write or fails one."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from bearing.notify.cadence_settings import settings_for
from bearing.notify.models import (
    Delivery,
    DeliveryChannel,
    NoticeKind,
    WebhookEndpoint,
)
from bearing.notify.notices import Message, chats_of, message_id, post_to_chats, tell
from bearing.okrs.models import AlignmentLink, ChangeRecord, CheckIn, KeyResult, Objective
from bearing.okrs.permissions import access_for, can_view_objective
from bearing.orgs.models import Membership, Organization, Person

log = logging.getLogger(__name__)

# (entity, action) → the webhook event type.
EVENTS = {
    ("checkin", "create"): "check_in.created",
    ("measurement", "create"): "measurement.created",
    ("objective", "create"): "objective.created",
    ("objective", "update"): "objective.updated",
    ("objective", "delete"): "objective.deleted",
    ("key_result", "create"): "key_result.created",
    ("key_result", "update"): "key_result.updated",
    ("key_result", "delete"): "key_result.deleted",
    ("comment", "create"): "comment.created",
}
WEBHOOK_EVENTS = sorted(set(EVENTS.values()))
# What others who align to an objective or key result need to hear of.
TOLD_FIELDS = {"objective": ("title", "state"), "key_result": ("title", "target", "weight")}
TOLD = {("comment", "create"), ("reaction", "create"), ("alignment_link", "delete")}


def _matters(r: ChangeRecord) -> bool:
    if (r.entity, r.action) in EVENTS or (r.entity, r.action) in TOLD:
        return True
    fields = TOLD_FIELDS.get(r.entity, ())
    return r.action == "update" and any(f in (r.after or {}) for f in fields)


def _facts(r: ChangeRecord) -> dict[str, Any]:
    return {
        "id": r.pk, "organization": r.organization_id, "actor": r.actor_id, "action": r.action,
        "entity": r.entity, "entity_id": r.entity_id, "summary": r.summary,
        "before": r.before, "after": r.after, "objective_id": r.objective_id,
        "at": (r.at or timezone.now()).isoformat(),
    }  # fmt: skip


def on_changes_recorded(sender: object, records: list[ChangeRecord], **kwargs: Any) -> None:
    facts = [_facts(r) for r in records if _matters(r)]
    if not facts:
        return

    def queue() -> None:
        from bearing.notify.tasks import change_notices_task

        try:
            change_notices_task.enqueue(facts)
        except Exception:  # the queue down must not turn a saved change into an error
            log.exception("could not queue the notices of %d change(s)", len(facts))

    transaction.on_commit(queue)


def handle_changes(facts: Iterable[dict[str, Any]]) -> None:
    """Make the notices and webhook deliveries of the changes, then send them."""
    from bearing.notify.tasks import deliver_task

    queued: list[int] = []
    organizations: dict[int, Organization | None] = {}
    # An import records thousands of changes at once: each organization's webhooks are read
    # once, not once a change.
    endpoints: dict[int, list[WebhookEndpoint]] = {}
    for fact in facts:
        org_id = int(fact["organization"])
        if org_id not in organizations:
            organizations[org_id] = Organization.objects.filter(pk=org_id).first()
            endpoints[org_id] = _endpoints_of(organizations[org_id])
        organization = organizations[org_id]
        if organization is None:
            continue
        with transaction.atomic():
            queued += _webhook_deliveries(organization, endpoints[org_id], fact)
            queued += _tell(organization, fact)
    for pk in queued:
        deliver_task.enqueue(pk)


def _endpoints_of(organization: Organization | None) -> list[WebhookEndpoint]:
    if organization is None or not settings_for(organization).webhooks_on:
        return []
    return list(WebhookEndpoint.objects.filter(organization=organization, disabled_at__isnull=True))


def _webhook_deliveries(
    organization: Organization, active: list[WebhookEndpoint], fact: dict[str, Any]
) -> list[int]:
    event = EVENTS.get((fact["entity"], fact["action"]))
    if event is None:
        return []
    endpoints = [e for e in active if event in e.events or "*" in e.events]
    now = timezone.now()
    data = {
        k: fact[k] for k in ("entity_id", "objective_id", "summary", "before", "after", "at")
    } | {"organization": organization.slug}
    made = []
    for endpoint in endpoints:
        delivery, created = Delivery.objects.get_or_create(
            message_id=message_id("webhook", endpoint.pk, fact["id"] or fact["at"], fact["entity_id"], event),
            defaults={
                "organization": organization, "channel": DeliveryChannel.WEBHOOK,
                "endpoint": endpoint, "event": event, "payload": data,
                "next_attempt_at": now, "created_at": now,
            },
        )  # fmt: skip
        if created:
            made.append(delivery.pk)
    return made


def _people(ids: Iterable[int | None], actor: int | None) -> list[Person]:
    wanted = {i for i in ids if i is not None and i != actor}
    return list(Person.objects.filter(pk__in=wanted, is_active=True).order_by("email"))


def _who_may_see(
    organization: Organization, objective_id: int | None, people: list[Person]
) -> list[Person]:
    """Those of ``people`` who may see the objective: a private one's changes reach only its
    owner, leads and admins (``okrs.permissions.can_view_objective``, the pages' rule)."""
    objective = Objective.objects.filter(pk=objective_id or 0, organization=organization).first()
    if objective is None:
        return []
    if objective.visibility != "private":
        return people
    memberships = Membership.objects.filter(
        organization=organization, person__in=people, deactivated_at__isnull=True
    ).select_related("person", "organization")
    return [m.person for m in memberships if can_view_objective(access_for(m), objective)]


def _before_after(fact: dict[str, Any]) -> str:
    before, after = fact["before"] or {}, fact["after"] or {}
    return "\n".join(f"- {name}: {before.get(name, '–')} → {after.get(name)}" for name in after)


def _tell(organization: Organization, fact: dict[str, Any]) -> list[int]:
    entity, action, actor = fact["entity"], fact["action"], fact["actor"]
    slug = organization.slug
    recipients: list[Person] = []
    kind = NoticeKind.CHANGE
    message: Message | None = None
    if entity in TOLD_FIELDS and action == "update":
        if not any(f in (fact["after"] or {}) for f in TOLD_FIELDS[entity]):
            return []
        if entity == "objective":
            links = AlignmentLink.objects.filter(parent_objective_id=fact["entity_id"])
            what = (
                Objective.objects.filter(pk=fact["entity_id"])
                .values_list("title", flat=True)
                .first()
            )
        else:
            links = AlignmentLink.objects.filter(parent_key_result_id=fact["entity_id"])
            what = (
                KeyResult.objects.filter(pk=fact["entity_id"])
                .values_list("title", flat=True)
                .first()
            )
        recipients = _who_may_see(
            organization, fact["objective_id"],
            _people(links.values_list("child__owner_id", flat=True), actor),
        )  # fmt: skip
        message = Message(
            title=f"Changed: “{what}”, which your objective aligns to",
            body=_before_after(fact), link=f"/o/{slug}/objectives/{fact['objective_id']}/",
        )  # fmt: skip
    elif entity == "alignment_link" and action == "delete":
        before = fact["before"] or {}
        child = (
            Objective.objects.filter(pk=int(before.get("child") or 0))
            .select_related("owner")
            .first()
        )
        if child is None:
            return []
        recipients = _people([child.owner_id], actor)
        message = Message(
            title=f"A link of “{child.title}” was removed",
            body=f"It no longer aligns to {'objective' if before.get('parent_objective') else 'key result'} "
            f"#{before.get('parent_objective') or before.get('parent_key_result')}.",
            link=f"/o/{slug}/objectives/{child.pk}/",
        )  # fmt: skip
    elif entity == "comment" and action == "create":
        checkin = (
            CheckIn.objects.filter(comments__pk=fact["entity_id"])
            .select_related("objective")
            .first()
        )
        if checkin is None:
            return []
        kind = NoticeKind.COMMENT
        recipients = _people([checkin.author_id], actor)
        text = str((fact["after"] or {}).get("text", ""))
        message = Message(
            title=f"New comment on your check-in on “{checkin.objective.title}”",
            body=text, link=f"/o/{slug}/objectives/{checkin.objective_id}/",
        )  # fmt: skip
    elif entity == "reaction" and action == "create":
        checkin = CheckIn.objects.filter(pk=fact["entity_id"]).select_related("objective").first()
        if checkin is None:
            return []
        kind = NoticeKind.REACTION
        recipients = _people([checkin.author_id], actor)
        reaction = (fact["after"] or {}).get("kind", "")
        message = Message(
            title=f"Someone reacted ({reaction}) to your check-in on “{checkin.objective.title}”",
            link=f"/o/{slug}/objectives/{checkin.objective_id}/",
        )  # fmt: skip
    if message is None:
        return []
    key = f"{kind}:{fact['id'] or ''}:{entity}:{fact['entity_id']}:{actor}:{(fact['after'] or {}).get('kind', '')}"
    queued = []
    cadence = settings_for(organization)
    for person in recipients:
        notice = tell(organization=organization, recipient=person, kind=kind, key=key,
                      message=message, cadence=cadence)  # fmt: skip
        if notice is not None:
            queued += list(notice.deliveries.values_list("pk", flat=True))
    if kind == NoticeKind.CHANGE and recipients:
        post_to_chats(organization=organization, channels=chats_of(organization, cadence, None),
                      event="change", key=key, message=message)  # fmt: skip
        queued += list(
            Delivery.objects.filter(organization=organization, state="pending", chat__isnull=False)
            .exclude(channel=DeliveryChannel.WEBHOOK)
            .values_list("pk", flat=True)[:50]
        )
    return queued
