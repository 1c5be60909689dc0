"""The cadence and channels sections of the Settings page, for admins: when reminders and
digests go out, the Slack/Teams channels, the webhooks and the delivery log."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render

from bearing.notify.cadence_settings import CADENCE_FIELDS, cadence_update, settings_for
from bearing.notify.channels import channel_add, channel_remove
from bearing.notify.models import Channel, Delivery, WebhookEndpoint
from bearing.orgs.models import Organization
from bearing.web.access import OrgRequest, admin_required, found, org_context
from bearing.web.forms.cadence import CadenceForm, ChannelForm

LOG_SIZE = 20


def cadence_context(organization: Organization, **forms: Any) -> dict[str, Any]:
    """What the Settings page shows of the cadence (its sections read this)."""
    cadence = settings_for(organization)
    return {
        "cadence_form": forms.get("cadence_form")
        or CadenceForm(initial={name: getattr(cadence, name) for name in CADENCE_FIELDS}),
        "channel_form": forms.get("channel_form") or ChannelForm(),
        "channels": list(Channel.objects.filter(organization=organization)[:50]),
        "webhooks": list(WebhookEndpoint.objects.filter(organization=organization)[:50]),
        "deliveries": list(
            Delivery.objects.filter(organization=organization)
            .exclude(channel="email")
            .select_related("endpoint", "chat")
            .order_by("-created_at", "-id")[:LOG_SIZE]
        ),
    }


def _again(request: OrgRequest, **forms: Any) -> HttpResponse:
    from bearing.web.views.settings import settings_context

    organization = request.membership.organization
    context = org_context(
        request,
        nav="settings",
        **settings_context(organization),
        **cadence_context(organization, **forms),
    )
    return render(request, "bearing/settings.html", context, status=200)


@admin_required
def save_cadence(request: OrgRequest) -> HttpResponse:
    organization = request.membership.organization
    form = CadenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cadence_update(actor=request.user, organization=organization, **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, "Cadence saved.")
            return redirect("web:settings", org=organization.slug)
    return _again(request, cadence_form=form)


@admin_required
def add_channel(request: OrgRequest) -> HttpResponse:
    organization = request.membership.organization
    form = ChannelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            channel_add(actor=request.user, organization=organization, **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, "Channel added.")
            return redirect("web:settings", org=organization.slug)
    return _again(request, channel_form=form)


@admin_required
def remove_channel(request: OrgRequest, pk: int) -> HttpResponse:
    organization = request.membership.organization
    channel = found(Channel.objects.filter(organization=organization, pk=pk).first())
    if request.method == "POST":
        channel_remove(actor=request.user, channel=channel)
        messages.success(request, "Channel removed.")
    return redirect("web:settings", org=organization.slug)
