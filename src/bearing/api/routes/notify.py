"""The caller's notices; the organization's cadence, chat channels and webhooks (admins).
The writes are the Settings page's services (``bearing.notify``)."""

from typing import Any
from urllib.parse import urlsplit

from django.http import HttpRequest
from ninja import Query, Router, Status

from bearing.api.auth import TokenAuth, caller
from bearing.api.errors import NotFound
from bearing.api.lookups import PATH_ID, may_administer, team_named
from bearing.api.pagination import page
from bearing.api.schemas.common import READ_ERRORS, WRITE_ERRORS, Id, Page
from bearing.api.schemas.notify import (
    CadenceOut,
    CadencePatch,
    ChannelIn,
    ChannelOut,
    NoticeOut,
    NoticePreferencesOut,
    NoticePreferencesPatch,
    NoticeQuery,
    WebhookCreated,
    WebhookIn,
    WebhookOut,
)
from bearing.notify.cadence_settings import (
    CADENCE_FIELDS,
    PREFERENCE_FIELDS,
    cadence_update,
    preferences_for,
    preferences_update,
    settings_for,
)
from bearing.notify.channels import channel_add, webhook_add, webhook_remove
from bearing.notify.inbox import inbox_of, mark_read
from bearing.notify.models import Notice, WebhookEndpoint
from bearing.orgs.models import Organization

router = Router(tags=["notices and channels"])


def _notice_out(n: Notice) -> dict[str, Any]:
    return {
        "id": n.pk, "kind": n.kind, "title": n.title, "body": n.body, "link": n.link,
        "created_at": n.created_at, "read_at": n.read_at,
    }  # fmt: skip


@router.get("/notifications", response={200: Page[NoticeOut], **READ_ERRORS})
def list_notifications(request: HttpRequest, params: Query[NoticeQuery]) -> dict[str, Any]:
    """The caller's own notices in this organization, newest first."""
    rows = inbox_of(caller(request).membership)
    if params.unread:
        rows = rows.filter(read_at__isnull=True)
    return page(request, rows, params, lambda chunk: [_notice_out(n) for n in chunk])


# Reading one's own notice is no change to the organization: viewers may do it too.
@router.post(
    "/notifications/{id}/read",
    response={200: NoticeOut, **WRITE_ERRORS},
    auth=TokenAuth(reads_only=True),
)
def read_notification(request: HttpRequest, id: Id) -> dict[str, Any]:
    notice = mark_read(caller(request).membership, id)
    if notice is None:
        raise NotFound("no such notification", PATH_ID)
    return _notice_out(notice)


def _preferences_out(c: Any) -> dict[str, Any]:
    chosen = preferences_for(c.organization, c.person)
    return {name: getattr(chosen, name) for name in PREFERENCE_FIELDS}


@router.get("/me/notice-preferences", response={200: NoticePreferencesOut, **READ_ERRORS})
def get_notice_preferences(request: HttpRequest) -> dict[str, Any]:
    """The caller's own choices in this organization: e-mail, the digest, a snooze."""
    return _preferences_out(caller(request))


# One's own choices are no change to the organization: viewers may make them too.
@router.patch(
    "/me/notice-preferences",
    response={200: NoticePreferencesOut, **WRITE_ERRORS},
    auth=TokenAuth(reads_only=True),
)
def update_notice_preferences(
    request: HttpRequest, payload: NoticePreferencesPatch
) -> dict[str, Any]:
    """Only the fields given change; ``snoozed_until: null`` ends a snooze. The same service
    as the Settings page's "Your notices"."""
    c = caller(request)
    given = payload.model_dump(exclude_unset=True)
    for name in ("email_on", "digest_on"):
        if name in given and given[name] is None:
            given.pop(name)
    preferences_update(organization=c.organization, person=c.person, **given)
    return _preferences_out(c)


def _cadence_out(organization: Organization) -> dict[str, Any]:
    cadence = settings_for(organization)
    return {name: getattr(cadence, name) for name in CADENCE_FIELDS} | {
        "checkin_weekday": organization.checkin_weekday
    }


@router.get("/cadence", response={200: CadenceOut, **READ_ERRORS})
def get_cadence(request: HttpRequest) -> dict[str, Any]:
    """When reminders, escalations and digests go out, and by which channels."""
    return _cadence_out(caller(request).organization)


@router.patch("/cadence", response={200: CadenceOut, **WRITE_ERRORS})
def update_cadence(request: HttpRequest, payload: CadencePatch) -> dict[str, Any]:
    """Admins only. The check-in day itself is a setting of the organization (Settings page)."""
    c = caller(request)
    may_administer(c, "change the cadence")
    given = {k: v for k, v in payload.model_dump(exclude_unset=True).items() if v is not None}
    cadence_update(actor=c.person, organization=c.organization, **given)
    return _cadence_out(c.organization)


@router.post("/channels", response={201: ChannelOut, **WRITE_ERRORS})
def add_channel(request: HttpRequest, payload: ChannelIn) -> Status[dict[str, Any]]:
    """Admins only: a Slack or Teams incoming webhook for digests, nudges, escalations and
    change notices."""
    c = caller(request)
    may_administer(c, "add channels")
    team = team_named(c, payload.team, "team") if payload.team is not None else None
    channel = channel_add(
        actor=c.person, organization=c.organization, kind=payload.kind, url=payload.url, team=team
    )
    return Status(
        201, {"id": channel.pk, "kind": channel.kind, "url": channel.url, "team": channel.team_id}
    )


def _webhook_out(w: WebhookEndpoint, whole: bool = True) -> dict[str, Any]:
    # An address may hold a token of its own: others than admins see only its host.
    url = w.url if whole else f"{urlsplit(w.url).scheme}://{urlsplit(w.url).hostname}/…"
    return {
        "id": w.pk,
        "url": url,
        "events": w.events,
        "active": w.is_active,
        "created_at": w.created_at,
    }


@router.get("/webhooks", response={200: list[WebhookOut], **READ_ERRORS})
def list_webhooks(request: HttpRequest) -> list[dict[str, Any]]:
    """The organization's webhooks (their addresses in full for admins only)."""
    c = caller(request)
    rows = WebhookEndpoint.objects.filter(organization=c.organization)[:50]
    return [_webhook_out(w, c.access.is_admin) for w in rows]


@router.post("/webhooks", response={201: WebhookCreated, **WRITE_ERRORS})
def add_webhook(request: HttpRequest, payload: WebhookIn) -> Status[dict[str, Any]]:
    """Admins only. The answer carries the signing secret, this once."""
    c = caller(request)
    may_administer(c, "add webhooks")
    endpoint = webhook_add(
        actor=c.person, organization=c.organization, url=payload.url, events=payload.events
    )
    return Status(201, _webhook_out(endpoint) | {"secret": endpoint.secret})


@router.delete("/webhooks/{id}", response={204: None, **WRITE_ERRORS})
def remove_webhook(request: HttpRequest, id: Id) -> Status[None]:
    c = caller(request)
    endpoint = WebhookEndpoint.objects.filter(organization=c.organization, pk=id).first()
    if endpoint is None:
        raise NotFound("no such webhook", PATH_ID)
    may_administer(c, "remove webhooks")
    webhook_remove(actor=c.person, endpoint=endpoint)
    return Status(204, None)
