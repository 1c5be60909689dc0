"""A form field for numbers as people type them: "3,5", "0.4 %", "1 200", "−3"."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from bearing.domain.typed_numbers import NumberNotRead, read_number
from bearing.web.forms.base import sentence


class TypedNumberField(forms.CharField):
    """Cleans to an exact ``Decimal`` (None when left empty) with ``domain.typed_numbers``;
    text that is no number gets a message naming the forms that are. ``unit``: the key
    result's, which may be typed before or after the number (% always may)."""

    def __init__(self, *, unit: str = "", **kwargs: Any) -> None:
        # Text, not a number input: exact decimals ("0.35") and "1 200" reach us as typed.
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
        )
        super().__init__(**kwargs)
        self.unit = unit

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        try:
            return read_number(text, self.unit)
        except NumberNotRead as exc:
            raise ValidationError(f"{sentence(str(exc))}.", code="invalid") from None
