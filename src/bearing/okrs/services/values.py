"""Checking numbers before they reach a decimal column."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

MAX_PLACES = 6
MAX_INTEGER_DIGITS = 18


def checked_decimal(value: object, field: str) -> Decimal:
    """An exact decimal that fits the columns (18 digits before the point, 6 after)."""
    if isinstance(value, bool) or value is None:
        raise ValidationError({field: ["expected a number"]})
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except InvalidOperation:
        raise ValidationError({field: [f"expected a number, got {value!r}"]}) from None
    if not number.is_finite():
        raise ValidationError({field: ["expected a finite number"]})
    exponent = number.as_tuple().exponent
    assert isinstance(exponent, int)  # finite numbers have an integer exponent
    if -exponent > MAX_PLACES and number != number.quantize(Decimal(1).scaleb(-MAX_PLACES)):
        raise ValidationError({field: [f"use at most {MAX_PLACES} decimal places"]})
    if abs(number) >= Decimal(10) ** MAX_INTEGER_DIGITS:
        raise ValidationError({field: ["that number is too large"]})
    return (
        number.quantize(Decimal(1).scaleb(-MAX_PLACES)).normalize()
        if -exponent > MAX_PLACES
        else number
    )


def optional_decimal(value: object, field: str) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return checked_decimal(value, field)
