"""Rolling a cycle forward (admins): choose the unfinished objectives to carry into the next
cycle; the service carries them, their key results and links, all or nothing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render

from bearing.okrs.models import Cycle, CycleState, Objective
from bearing.okrs.selectors import cycles_of
from bearing.okrs.services.rollforward import cycle_roll_forward, unfinished
from bearing.web.access import OrgRequest, admin_required, found, org_context
from bearing.web.forms.base import BearingForm


class RollForwardForm(BearingForm):
    def __init__(
        self, *args: Any, targets: list[Cycle], candidates: list[Objective], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"] = forms.TypedChoiceField(
            label="Into", coerce=int, choices=[(c.pk, c.name) for c in targets],
            help_text="The cycle that carries them on.",
        )  # fmt: skip
        self.fields["objectives"] = forms.TypedMultipleChoiceField(
            label="Objectives to carry", coerce=int, widget=forms.CheckboxSelectMultiple,
            choices=[(o.pk, f"{o.title} — {o.team.name if o.team else 'individual'}")
                     for o in candidates],
            help_text="Their key results start where they ended; links stay where the parent "
            "is carried too.",
        )  # fmt: skip


@admin_required
def roll_forward(request: OrgRequest, pk: int) -> HttpResponse:
    organization = request.membership.organization
    cycles = list(cycles_of(organization))
    source = found(next((c for c in cycles if c.pk == pk), None))
    targets = [c for c in cycles if c.pk != pk and c.state != CycleState.CLOSED]
    candidates = unfinished(source)
    form = RollForwardForm(request.POST or None, targets=targets, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        target = next(c for c in targets if c.pk == form.cleaned_data["target"])
        try:
            rolled = cycle_roll_forward(
                actor=request.user, source=source, target=target,
                objective_ids=form.cleaned_data["objectives"],
            )  # fmt: skip
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            n = len(rolled.objectives)
            messages.success(
                request, f"Carried {n} objective{'s' if n != 1 else ''} into {target.name}."
            )
            return redirect(f"/o/{organization.slug}/?cycle={target.pk}")
    context = org_context(
        request, nav="cycles", cycle=source, form=form, candidates=candidates, targets=targets
    )
    return render(request, "bearing/roll_forward.html", context)
