"""The KPIs page, a KPI's page (its readings charted against its healthy range), and the
forms that keep KPIs: create, edit, archive, add a reading, make an unhealthy one an
objective (seed 001). The rules are the services' and the domain's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from bearing.domain.charts import number
from bearing.domain.kpis import Direction, HealthyRange, direction, kpi_chart
from bearing.integrations.models import Source
from bearing.okrs.models import KPI, CycleState
from bearing.okrs.permissions import (
    KEY_RESULT_EDITORS,
    KPI_EDITORS,
    OWN_TEAMS_ONLY,
    can_edit_key_result,
    can_edit_kpi,
    can_own,
)
from bearing.okrs.selectors import cycles_of
from bearing.okrs.selectors_kpis import kpi_measurements, kpi_of, kpis_of, objectives_moving
from bearing.okrs.selectors_web import key_result_for_change, organization_people
from bearing.okrs.services.kpis import (
    kpi_archive,
    kpi_create,
    kpi_measure,
    kpi_promote,
    kpi_readings,
    kpi_update,
    north_star,
    promotion,
)
from bearing.okrs.services.kpis import kpi_from_key_result as kpi_from_key_result_service
from bearing.orgs.selectors import active_teams_of
from bearing.web.access import (
    OrgRequest,
    access_of,
    allowed,
    found,
    member_required,
    org_context,
    writer_required,
)
from bearing.web.forms.base import sentence
from bearing.web.forms.kpis import KPIForm, PromoteForm, ReadingForm

KPIS_PER_PAGE = 25
READINGS_PER_PAGE = 20
CHARTED = 120  # readings drawn: about two years of weekly ones
ARROWS = {Direction.UP: "↑", Direction.DOWN: "↓", Direction.FLAT: "→"}


@dataclass(frozen=True)
class KPIView:
    """A KPI as the pages show it, from its stored figures (no history read)."""

    kpi: KPI

    @property
    def range_text(self) -> str:
        return HealthyRange(self.kpi.healthy_min, self.kpi.healthy_max).describe(self.kpi.unit)

    @property
    def latest_text(self) -> str:
        if self.kpi.latest_value is None:
            return "no readings yet"
        return number(self.kpi.latest_value, self.kpi.unit)

    @property
    def arrow(self) -> str:
        moved = direction(self.kpi.previous_value, self.kpi.latest_value)
        return ARROWS[moved] if moved else ""

    @property
    def change_text(self) -> str:
        if self.kpi.previous_value is None or self.kpi.latest_value is None:
            return ""
        change = self.kpi.latest_value - self.kpi.previous_value
        sign = "+" if change > 0 else ""
        return f"{sign}{number(change, self.kpi.unit)} since the reading before"


NORTH_STAR_READINGS = 26  # half a year of weekly readings beside the company objectives


def north_star_context(organization_id: int) -> dict[str, Any]:
    """The North Star Metric (004) with its trend, for the pages that show it above the
    company objectives (home, alignment): two queries, whatever its history."""
    kpi = north_star(organization_id)
    if kpi is None:
        return {"north_star": None}
    readings = kpi_readings(kpi, NORTH_STAR_READINGS)
    healthy = HealthyRange(kpi.healthy_min, kpi.healthy_max)
    chart = kpi_chart(kpi.name, kpi.unit, healthy, readings, timezone.localdate())
    return {"north_star": KPIView(kpi), "north_star_chart": chart}


@member_required
def list_kpis(request: OrgRequest) -> HttpResponse:
    organization = request.membership.organization
    archived = request.GET.get("archived") == "1"
    page = Paginator(kpis_of(organization.pk, archived=archived), KPIS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = org_context(
        request, nav="kpis", page=page, rows=[KPIView(k) for k in page.object_list],
        archived=archived,
    )  # fmt: skip
    return render(request, "bearing/kpis.html", context)


@member_required
def show_kpi(request: OrgRequest, pk: int) -> HttpResponse:
    return kpi_page(request, pk)


def kpi_page(request: OrgRequest, pk: int, reading_form: ReadingForm | None = None) -> HttpResponse:
    """The page, also after a reading was refused (``reading_form`` keeps what was typed)."""
    organization = request.membership.organization
    kpi = found(kpi_of(organization.pk, pk))
    healthy = HealthyRange(kpi.healthy_min, kpi.healthy_max)
    chart = kpi_chart(kpi.name, kpi.unit, healthy, kpi_readings(kpi, CHARTED), timezone.localdate())
    readings = Paginator(kpi_measurements(kpi), READINGS_PER_PAGE).get_page(request.GET.get("page"))
    moving = objectives_moving(request.membership, kpi)
    context = org_context(
        request, nav="kpis", kpi=kpi, view=KPIView(kpi), chart=chart, readings=readings,
        moving=list(moving[:10]), can_edit=can_edit_kpi(access_of(request), kpi),
        reading_form=reading_form or ReadingForm(auto_id="id_reading_%s"),
        can_promote=promotion(kpi) is not None and kpi.archived_at is None,
        source=Source.objects.filter(kpi=kpi).select_related("connection").first(),
    )  # fmt: skip
    status = 400 if reading_form is not None else 200
    return render(request, "bearing/kpi.html", context, status=status)


def _form(request: OrgRequest, kpi: KPI | None) -> KPIForm:
    organization = request.membership.organization
    initial: dict[str, Any] = {}
    if kpi is not None:
        initial = {
            "name": kpi.name, "unit": kpi.unit, "healthy_min": _plain(kpi.healthy_min),
            "healthy_max": _plain(kpi.healthy_max), "owner": kpi.owner_id, "team": kpi.team_id,
            "description": kpi.description, "is_north_star": kpi.is_north_star,
        }  # fmt: skip
    else:
        initial = {"owner": request.user.pk}
    return KPIForm(
        request.POST or None, organization=organization, teams=active_teams_of(organization),
        people=organization_people(organization.pk, keep=kpi.owner_id if kpi else None),
        north_star=request.membership.is_admin, initial=initial,
    )  # fmt: skip


def _plain(value: Decimal | None) -> str:
    if value is None:
        return ""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


@writer_required
def create_kpi(request: OrgRequest) -> HttpResponse:
    form = _form(request, None)
    if request.method == "POST" and form.is_valid():
        try:
            kpi = kpi_create(
                actor=request.user, organization=request.membership.organization,
                **form.cleaned_data,
            )  # fmt: skip
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, f"Added the KPI {kpi.name}.")
            return redirect("web:kpi", org=request.membership.organization.slug, pk=kpi.pk)
    return render(request, "bearing/kpi_form.html", org_context(request, nav="kpis", form=form))


@writer_required
def edit_kpi(request: OrgRequest, pk: int) -> HttpResponse:
    kpi = found(kpi_of(request.membership.organization_id, pk))
    allowed(can_edit_kpi(access_of(request), kpi), KPI_EDITORS)
    form = _form(request, kpi)
    if request.method == "POST" and form.is_valid():
        try:
            kpi_update(actor=request.user, kpi=kpi, **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, "KPI saved.")
            return redirect("web:kpi", org=request.membership.organization.slug, pk=kpi.pk)
    context = org_context(request, nav="kpis", form=form, kpi=kpi)
    return render(request, "bearing/kpi_form.html", context)


@require_POST
@writer_required
def archive_kpi(request: OrgRequest, pk: int) -> HttpResponse:
    kpi = found(kpi_of(request.membership.organization_id, pk))
    allowed(can_edit_kpi(access_of(request), kpi), KPI_EDITORS)
    restore = request.POST.get("restore") == "1"
    kpi_archive(actor=request.user, kpi=kpi, archived=not restore)
    messages.success(request, f"{'Restored' if restore else 'Archived'} the KPI {kpi.name}.")
    return redirect("web:kpi", org=request.membership.organization.slug, pk=kpi.pk)


@require_POST
@writer_required
def add_reading(request: OrgRequest, pk: int) -> HttpResponse:
    kpi = found(kpi_of(request.membership.organization_id, pk))
    allowed(can_edit_kpi(access_of(request), kpi), KPI_EDITORS)
    form = ReadingForm(request.POST, auto_id="id_reading_%s")
    if form.is_valid():
        on: date | None = form.cleaned_data["measured_on"]
        try:
            kpi_measure(kpi=kpi, value=form.cleaned_data["value"], measured_at=on,
                        actor=request.user)  # fmt: skip
        except ValidationError as exc:
            form.add_service_errors(exc, rename={"measured_at": "measured_on"})
        else:
            messages.success(request, "Reading added.")
            return redirect("web:kpi", org=request.membership.organization.slug, pk=kpi.pk)
    return kpi_page(request, pk, reading_form=form)


@writer_required
def promote_kpi(request: OrgRequest, pk: int) -> HttpResponse:
    """Make an unhealthy KPI an objective: a drafted form, editable, then saved and linked."""
    organization = request.membership.organization
    kpi = found(kpi_of(organization.pk, pk))
    allowed(can_edit_kpi(access_of(request), kpi), KPI_EDITORS)
    draft = promotion(kpi)
    cycles = cycles_of(organization).exclude(state=CycleState.CLOSED)
    if draft is None:
        messages.info(request, f"{kpi.name} is healthy: keep watching it, no objective needed.")
        return redirect("web:kpi", org=organization.slug, pk=kpi.pk)
    initial = {
        "title": f"Bring {kpi.name} back to health", "key_result_title": draft.title,
        "start": _plain(draft.start), "target": _plain(draft.target), "owner": kpi.owner_id,
        "team": kpi.team_id, "cycle": next(iter(cycles), None),
    }  # fmt: skip
    form = PromoteForm(
        request.POST or None, organization=organization, cycles=cycles,
        teams=active_teams_of(organization), people=organization_people(organization.pk),
        initial=initial,
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        owner = form.cleaned_data["owner"]
        if not can_own(
            access_of(request), team=form.cleaned_data["team"], owner_id=owner.pk if owner else None
        ):
            form.add_error("team", sentence(OWN_TEAMS_ONLY))
            context = org_context(request, nav="kpis", form=form, kpi=kpi, view=KPIView(kpi))
            return render(request, "bearing/kpi_promote.html", context)
        try:
            objective = kpi_promote(actor=request.user, kpi=kpi, **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, f"Made {kpi.name} an objective.")
            return redirect("web:objective", org=organization.slug, pk=objective.pk)
    context = org_context(request, nav="kpis", form=form, kpi=kpi, view=KPIView(kpi))
    return render(request, "bearing/kpi_promote.html", context)


@require_POST
@writer_required
def kpi_from_key_result(request: OrgRequest, pk: int) -> HttpResponse:
    """The coach's "KPI disguised as a key result": watch it as a KPI instead (the key result
    stays until its owner removes it)."""
    kr = found(key_result_for_change(request.membership, pk))
    allowed(can_edit_key_result(access_of(request), kr), KEY_RESULT_EDITORS)
    organization = request.membership.organization
    existing = KPI.objects.filter(organization=organization, name=kr.title).first()
    if existing is not None:
        messages.info(request, f"{existing.name} is a KPI already.")
        return redirect("web:kpi", org=organization.slug, pk=existing.pk)
    try:
        kpi = kpi_from_key_result_service(actor=request.user, key_result=kr)
    except ValidationError as exc:
        messages.error(request, " ".join(sentence(m) for m in exc.messages))
        return redirect("web:objective", org=organization.slug, pk=kr.objective_id)
    messages.success(
        request,
        f"{kpi.name} is now a KPI with the key result's values. Remove the key result from "
        "the objective when you no longer need it there.",
    )
    return redirect("web:kpi", org=organization.slug, pk=kpi.pk)
