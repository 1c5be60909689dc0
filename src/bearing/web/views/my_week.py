"""My week: the weekly check-in in one screen — every objective the person owns and every
key result they own in the running cycles, prefilled, saved with one click (PRODUCT.md
principle 4: a weekly update takes under a minute)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from bearing.domain.scoring import ColorBands, KRScore
from bearing.maturity.looks import note_look
from bearing.okrs.models import CheckIn, KeyResult, Objective
from bearing.okrs.models.checkins import Status
from bearing.okrs.permissions import Access, can_edit_key_result
from bearing.okrs.scoring import as_of_for, key_result_score, score_objectives
from bearing.okrs.selectors_week import WEEK_KEY_RESULTS, WEEK_OBJECTIVES, load_week
from bearing.okrs.services.checkins import forecast_status
from bearing.okrs.services.my_week import ObjectiveCheckIn, WeekRefused, week_save
from bearing.web.access import OrgRequest, access_of, org_context, writer_required
from bearing.web.forms.checkins import WeekCheckInForm, WeekValuesForm, checkin_initial


@dataclass
class WeekSection:
    """One objective on the page: its check-in form and its key results' rows."""

    objective: Objective
    form: WeekCheckInForm
    rows: list[tuple[KeyResult, object, KRScore]]
    suggestion: Status | None
    last: CheckIn | None

    @property
    def no_forecast(self) -> bool:
        return self.suggestion is None


@writer_required
def my_week(request: OrgRequest) -> HttpResponse:
    organization = request.membership.organization
    access = access_of(request)
    today = timezone.localdate()
    bands = organization.bands
    data = request.POST if request.method == "POST" else None
    if data is None:
        note_look(request)  # once a week at most (maturity.looks)
    week = load_week(access, today)
    sections = [
        _section(o, week.last_checkins.get(o.pk), access, bands, today, data)
        for o in week.objectives
    ]
    values = WeekValuesForm(data, prefix="k", key_results=week.key_results)
    value_rows = [
        (kr, field, key_result_score(kr, kr.cycle.as_domain(), as_of_for(kr.cycle, today), bands))
        for kr, field in values.rows()
    ]
    refused = False
    if data is not None:
        valid = [s.form.is_valid() for s in sections] + [values.is_valid()]
        if all(valid) and (sections or values.key_results):
            try:
                saved = week_save(actor=request.user, checkins=[_checkin(s) for s in sections],
                                  values=values.values())  # fmt: skip
            except WeekRefused as exc:
                _show_refusals(exc, sections, values)
            else:
                messages.success(request, _thanks(len(saved.checkins), saved.values))
                return redirect("web:my_week", org=organization.slug)
        refused = True
    context = org_context(
        request, nav="my_week", sections=sections, values=values, value_rows=value_rows,
        more=week.more, refused=refused, limits=(WEEK_OBJECTIVES, WEEK_KEY_RESULTS),
    )  # fmt: skip
    return render(request, "bearing/my_week.html", context)


def _section(
    objective: Objective, last: CheckIn | None, access: Access, bands: ColorBands, today: date,
    data: object,
) -> WeekSection:  # fmt: skip
    suggestion = forecast_status(objective, objective.cycle, bands, today)
    # The owner checks in with values for every key result they may change (an owner: all).
    mine = [kr for kr in objective.key_results.all() if can_edit_key_result(access, kr)]
    form = WeekCheckInForm(
        data, prefix=f"o{objective.pk}", initial=checkin_initial(suggestion, last), key_results=mine
    )
    scored = score_objectives(
        [objective], objective.cycle, as_of_for(objective.cycle, today), bands
    )
    scores = {kr.pk: s for kr, s in scored[0].key_results}
    rows: list[tuple[KeyResult, object, KRScore]] = [
        (kr, field, scores[kr.pk]) for kr, field in form.rows()
    ]
    return WeekSection(objective, form, rows, Status(suggestion) if suggestion else None, last)


def _checkin(section: WeekSection) -> ObjectiveCheckIn:
    form = section.form
    data = form.cleaned_data
    return ObjectiveCheckIn(
        objective=section.objective, values=form.values(), progress_status=form.status_to_record(),
        capacity_status=data["capacity_status"], confidence=data["confidence"],
        narrative=data["narrative"], status_reason=data["status_reason"],
    )  # fmt: skip


def _show_refusals(
    refused: WeekRefused, sections: list[WeekSection], values: WeekValuesForm
) -> None:
    """Each refusal beside its field: a check-in's on its objective's form, a value's on it."""
    for section in sections:
        if exc := refused.checkins.get(section.objective.pk):
            section.form.add_service_errors(exc)
    for kr_id, exc in refused.values.items():
        field = f"kr-{kr_id}"
        values.add_service_errors(exc, rename={"value": field, "measured_at": field})


def _thanks(checkins: int, values: int) -> str:
    parts = (
        [f"checked in on {checkins} objective{'s' if checkins != 1 else ''}"] if checkins else []
    )
    if values:
        parts.append(f"recorded {values} value{'s' if values != 1 else ''}")
    return (" and ".join(parts) or "nothing to save").capitalize() + ". Thank you!"
