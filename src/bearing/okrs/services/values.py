"""Checking numbers and text before they reach a column (the bounds: domain/limits.py)."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError

from bearing.domain.limits import label_problem, number_problem, parse_number, text_problem


def checked_decimal(value: object, field: str) -> Decimal:
    """An exact decimal that both databases store and read back unchanged."""
    if isinstance(value, bool) or value is None:
        raise ValidationError({field: ["expected a number"]})
    number = value if isinstance(value, Decimal) else parse_number(str(value))
    if number is None:
        raise ValidationError({field: [f"expected a number, got {value!r}"]})
    if problem := number_problem(number):
        raise ValidationError({field: [problem]})
    # Trailing zeros beyond the column's places carry nothing: 1.50000000 is 1.5.
    return number.normalize() if number.as_tuple().exponent < -6 else number  # type: ignore[operator]


def optional_decimal(value: object, field: str) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return checked_decimal(value, field)


def checked_text(value: str, field: str, *, limit: int) -> str:
    """Free text (descriptions, narratives, notes): storable characters, at most ``limit``."""
    if problem := text_problem(value):
        raise ValidationError({field: [problem]})
    if len(value) > limit:
        raise ValidationError({field: [f"keep it under {limit:,} characters"]})
    return value


def checked_label(value: str, field: str, *, limit: int, what: str) -> str:
    """A name or title, stripped: visible, no direction overrides, at most ``limit``."""
    value = value.strip()
    if not value:
        raise ValidationError({field: [f"{what} is required"]})
    if problem := label_problem(value):
        raise ValidationError({field: [problem]})
    if len(value) > limit:
        raise ValidationError({field: [f"keep it under {limit} characters"]})
    return value
