"""The self-assessment: one level per dimension, the seed's descriptions as the choices."""

from __future__ import annotations

from typing import Any

from django import forms

from bearing.domain.maturity import Dimension, Level
from bearing.maturity.models import SelfAssessment, described
from bearing.web.forms.base import BearingForm


class SelfAssessmentForm(BearingForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for dimension in Dimension:
            self.fields[dimension.value] = forms.TypedChoiceField(
                label=dimension.label,
                choices=described(dimension),
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": "Choose the level that fits best."},
            )

    @staticmethod
    def initial_from(assessment: SelfAssessment | None) -> dict[str, int] | None:
        if assessment is None:
            return None
        return {d.value: getattr(assessment, d.value) for d in Dimension}

    def levels(self) -> dict[Dimension, Level]:
        return {d: Level(self.cleaned_data[d.value]) for d in Dimension}
