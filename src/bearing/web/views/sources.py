"""Data sources on the pages: an organization's connections (admins), a key result's source
with its "Test" button (htmx), "refresh now" and removal. The rules are
``bearing.integrations.services``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from bearing.integrations.models import Source
from bearing.integrations.services import (
    ADMINS_ONLY,
    Outcome,
    checked_recipe,
    connection_delete,
    connection_save,
    connections_of,
    refresh,
    source_delete,
    source_save,
    source_try,
    sources_of,
)
from bearing.okrs.models import KPI, KeyResult
from bearing.okrs.selectors_kpis import kpi_of
from bearing.okrs.selectors_web import key_result_for_change
from bearing.secrets import shown
from bearing.web.access import (
    OrgRequest,
    admin_required,
    allowed,
    found,
    org_context,
    writer_required,
)
from bearing.web.forms.sources import ConnectionForm, SourceForm


@admin_required
def connections(request: OrgRequest) -> HttpResponse:
    organization = request.membership.organization
    form = ConnectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        secret = fields.pop("secret")
        try:
            connection_save(organization=organization, secret=secret, **fields)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, f"Connection {fields['name']} added.")
            return redirect("web:connections", org=organization.slug)
    # Each with what stands in for its secret ("•••••••• (set)"), never the secret.
    rows = [(c, shown(c.secret_sealed)) for c in connections_of(organization.pk)[:200]]
    context = org_context(request, nav="settings", form=form, connections=rows)
    return render(request, "bearing/connections.html", context)


@require_POST
@admin_required
def remove_connection(request: OrgRequest, pk: int) -> HttpResponse:
    organization = request.membership.organization
    connection = found(connections_of(organization.pk).filter(pk=pk).first())
    try:
        connection_delete(connection)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Connection {connection.name} removed.")
    return redirect("web:connections", org=organization.slug)


@writer_required
def key_result_source(request: OrgRequest, pk: int) -> HttpResponse:
    """Set up where a key result's value comes from. "Test" fetches without saving (htmx
    swaps in the answer); "Save" keeps it and the scheduler fetches it from then on."""
    # Looked up first: a hidden key result is missing (404) for everyone, admins aside.
    kr = found(key_result_for_change(request.membership, pk))
    allowed(request.membership.is_admin, ADMINS_ONLY)
    slug = request.membership.organization.slug
    back = reverse("web:key_result_values", kwargs={"org": slug, "pk": kr.pk})
    remove = reverse("web:key_result_source_delete", kwargs={"org": slug, "pk": kr.pk})
    return _source_page(request, {"key_result": kr}, kr.title, back, remove)


@writer_required
def kpi_source(request: OrgRequest, pk: int) -> HttpResponse:
    """The same for a KPI: each fetch a reading."""
    organization = request.membership.organization
    kpi = found(kpi_of(organization.pk, pk))
    allowed(request.membership.is_admin, ADMINS_ONLY)
    back = reverse("web:kpi", kwargs={"org": organization.slug, "pk": kpi.pk})
    remove = reverse("web:kpi_source_delete", kwargs={"org": organization.slug, "pk": kpi.pk})
    return _source_page(request, {"kpi": kpi}, kpi.name, back, remove)


def _source_page(
    request: OrgRequest, target: dict[str, Any], title: str, back: str, remove: str
) -> HttpResponse:
    organization = request.membership.organization
    current = sources_of(organization.pk).filter(**target).first()
    choices = list(connections_of(organization.pk)[:200])
    form = SourceForm(request.POST or None, initial=_initial(current), connections=choices)
    tested = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            recipe = checked_recipe(
                organization.pk, kind=data["kind"], connection=data["connection"] or None,
                query=data["query"], url=data["url"], selector=data["selector"],
            )  # fmt: skip
            if request.POST.get("action") == "test":
                tested = str(source_try(recipe))
            else:
                source_save(
                    organization=organization, recipe=recipe, schedule=data["schedule"],
                    **target,
                )  # fmt: skip
                messages.success(request, "Source saved; it is fetched at the next minute.")
                return redirect(back)
        except ValidationError as exc:
            form.add_service_errors(exc)
    if request.headers.get("HX-Request") and request.POST.get("action") == "test":
        return render(
            request, "bearing/includes/source_test.html", {"tested": tested, "form": form}
        )
    context = org_context(
        request, nav="kpis" if "kpi" in target else "home", form=form, target_title=title,
        back_url=back, remove_url=remove, source=current, tested=tested,
    )  # fmt: skip
    return render(request, "bearing/source_form.html", context)


def _initial(source: Source | None) -> dict[str, str]:
    if source is None:
        return {}
    return {
        "kind": source.kind, "connection": str(source.connection_id or ""),
        "query": source.query, "url": source.url, "selector": source.selector,
        "schedule": source.schedule,
    }  # fmt: skip


def _key_result_source(request: OrgRequest, pk: int) -> tuple[KeyResult, Source]:
    # Looked up first: a hidden key result is missing (404) for everyone, admins aside.
    kr = found(key_result_for_change(request.membership, pk))
    allowed(request.membership.is_admin, ADMINS_ONLY)
    organization_id = request.membership.organization_id
    return kr, found(sources_of(organization_id).filter(key_result=kr).first())


def _kpi_source(request: OrgRequest, pk: int) -> tuple[KPI, Source]:
    organization_id = request.membership.organization_id
    kpi = found(kpi_of(organization_id, pk))
    allowed(request.membership.is_admin, ADMINS_ONLY)
    return kpi, found(sources_of(organization_id).filter(kpi=kpi).first())


@require_POST
@writer_required
def refresh_key_result(request: OrgRequest, pk: int) -> HttpResponse:
    """Refresh now: the answer as a message, the value (if new) in the list."""
    kr, source = _key_result_source(request, pk)
    _said(request, refresh(source))
    return redirect("web:key_result_values", org=request.membership.organization.slug, pk=kr.pk)


@require_POST
@writer_required
def remove_key_result_source(request: OrgRequest, pk: int) -> HttpResponse:
    kr, source = _key_result_source(request, pk)
    source_delete(source)
    messages.success(request, "Source removed; the values it fetched stay.")
    return redirect("web:key_result_values", org=request.membership.organization.slug, pk=kr.pk)


@require_POST
@writer_required
def refresh_kpi(request: OrgRequest, pk: int) -> HttpResponse:
    kpi, source = _kpi_source(request, pk)
    _said(request, refresh(source))
    return redirect("web:kpi", org=request.membership.organization.slug, pk=kpi.pk)


@require_POST
@writer_required
def remove_kpi_source(request: OrgRequest, pk: int) -> HttpResponse:
    kpi, source = _kpi_source(request, pk)
    source_delete(source)
    messages.success(request, "Source removed; the readings it fetched stay.")
    return redirect("web:kpi", org=request.membership.organization.slug, pk=kpi.pk)


def _said(request: OrgRequest, outcome: Outcome) -> None:
    if outcome.ok:
        assert outcome.value is not None
        said = "recorded" if outcome.recorded else "unchanged, nothing recorded"
        messages.success(request, f"The source returned {outcome.value:f} ({said}).")
    else:
        messages.error(request, f"The source failed: {outcome.error}")
