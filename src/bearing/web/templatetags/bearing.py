"""Small presentation filters. They format numbers the domain computed; they compute nothing."""

from __future__ import annotations

from decimal import Decimal

from django import template

from bearing.domain.charts import number
from bearing.okrs.models.checkins import STATUS_COLOR, Status

register = template.Library()


@register.filter
def percent(share: Decimal | None) -> str:
    """0.456 → "46" (for widths and "46 %"); shares are already clamped to [0, 1]."""
    if share is None:
        return "0"
    return str(int((share * 100).to_integral_value()))


@register.filter
def value(amount: Decimal | None, unit: str = "") -> str:
    """A measured value as people write it: 1200 ms, 2.5 %, no trailing zeros."""
    return "–" if amount is None else number(amount, unit)


@register.filter
def status_color(status: str) -> str:
    """on_track → green, for a check-in's progress or capacity status."""
    return STATUS_COLOR[Status(status)].value if status in Status.values else ""
