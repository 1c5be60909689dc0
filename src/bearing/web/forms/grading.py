"""Grading an objective, writing down what was learned, and a team's retrospective."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from bearing.web.forms.base import BearingForm

# The services' field names → the forms'.
GRADE_FIELDS = {"graded_score": "score", "grading_reason": "reason", "text": "learning"}


def _text(
    label: str, help_text: str = "", rows: int = 3, required: bool = False
) -> forms.CharField:
    return forms.CharField(
        label=label, required=required, max_length=5000, help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )  # fmt: skip


class GradeForm(BearingForm):
    """One objective's row on the Grade page; ``prefix`` keeps the ids of many rows apart."""

    score = forms.DecimalField(
        label="Final score",
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(1),
        max_digits=2,
        decimal_places=1,
        help_text="0.0–1.0, one decimal. Starts at the computed score.",
        widget=forms.NumberInput(
            attrs={"step": "0.1", "min": "0", "max": "1", "inputmode": "decimal"}
        ),
        error_messages={
            "min_value": "A score lies between 0.0 and 1.0.",
            "max_value": "A score lies between 0.0 and 1.0.",
            "max_decimal_places": "Use one decimal, e.g. 0.7.",
            "max_digits": "Use one decimal, e.g. 0.7.",
            "invalid": "Enter a number between 0.0 and 1.0, e.g. 0.7.",
        },
    )
    reason = _text(
        "Why this score?", "Needed when the final score differs from the computed one.", rows=2
    )
    learning = _text(
        "What did we learn?",
        "About the work, the size of the task or how the OKR was written. Added to the "
        "objective's learnings.",
    )


class LearningForm(BearingForm):
    text = _text(
        "What did we learn?",
        "About the work, the size of the task or how the OKR was written.",
        required=True,
    )


class RetrospectiveForm(BearingForm):
    went_well = _text("What went well")
    went_badly = _text("What went badly")
    try_next = _text("What we will try next")
