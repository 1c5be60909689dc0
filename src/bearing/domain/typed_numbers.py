"""Numbers as people type them into a form: "3,5", "0.4 %", "1 200", "€1,200.50", "−3".

Read exactly (``Decimal``), never guessed: a decimal comma or point, digits grouped in
threes by spaces, apostrophes, points or commas, a sign, and the key result's unit (or %)
before or after. A lone comma before exactly three digits ("1,200") could be 1.2 or 1200,
so it is refused with the forms that are accepted rather than read one way or the other.
Which values make sense (bounds, decimal places) is the services' business, not this.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

ACCEPTED = "write a number such as 1200, 1 200, 1,200.5, 3.5 or 3,5 (a unit like % may follow)"
# Spaces people and keyboards put between digit groups: space, no-break, thin, narrow no-break.
GROUP_SPACES = " \u00a0\u2009\u202f'’"
MINUS_SIGNS = "-\u2212\u2013"  # hyphen-minus, minus sign, en dash
_SIGNED = re.compile("^([+" + re.escape(MINUS_SIGNS) + r"]?)([\d.,]+)$")


class NumberNotRead(ValueError):
    """The text is not a number in any of the accepted forms; the message says why."""


def read_number(text: str, unit: str = "") -> Decimal:
    """The number in ``text``, with ``unit`` (or %) allowed before or after it."""
    body = _without_unit(text.strip(), unit)
    for space in GROUP_SPACES:
        body = _ungroup(body, space)
    match = _SIGNED.match(body)
    if not match:
        raise NumberNotRead(f"“{text.strip()}” is not a number: {ACCEPTED}")
    sign, digits = match.groups()
    plain = _plain_digits(digits, text.strip())
    try:
        number = Decimal(("-" if sign and sign != "+" else "") + plain)
    except InvalidOperation:
        raise NumberNotRead(f"“{text.strip()}” is not a number: {ACCEPTED}") from None
    return number + 0 if number.is_zero() else number  # no "-0"


def _without_unit(text: str, unit: str) -> str:
    for mark in sorted({unit.strip(), "%"} - {""}, key=len, reverse=True):
        lowered, wanted = text.lower(), mark.lower()
        if lowered.endswith(wanted):
            return text[: -len(mark)].strip()
        if lowered.startswith(wanted):
            return text[len(mark) :].strip()
    return text


def _ungroup(text: str, space: str) -> str:
    """Remove ``space`` where it groups digits in threes ("1 200 000"); leave it otherwise,
    so "12 00" fails as the typo it is."""
    if space not in text:
        return text
    head, *middle, last = text.split(space)
    grouped = (
        head.lstrip("+" + MINUS_SIGNS).isdigit()
        and all(len(g) == 3 and g.isdigit() for g in middle)
        and ((len(last) == 3 and last.isdigit()) or _three_then_decimals(last))
    )
    return head + "".join(middle) + last if grouped else text


def _three_then_decimals(group: str) -> bool:
    return len(group) > 3 and group[:3].isdigit() and group[3] in ".," and group[4:].isdigit()


def _plain_digits(digits: str, typed: str) -> str:
    """Digits with at most one decimal point, from groups and a decimal point or comma."""
    points, commas = digits.count("."), digits.count(",")
    if points and commas:
        decimal = "." if digits.rfind(".") > digits.rfind(",") else ","
        grouping = "," if decimal == "." else "."
        whole, _, fraction = digits.rpartition(decimal)
        if grouping in fraction or digits.count(decimal) > 1 or not _grouped(whole, grouping):
            raise NumberNotRead(f"“{typed}” is not a number: {ACCEPTED}")
        return f"{whole.replace(grouping, '')}.{fraction}"
    mark = "." if points else ","
    count = points or commas
    if count == 0:
        return digits
    if count > 1:  # several marks can only group digits: 1,200,000 or 1.200.000
        if not _grouped(digits, mark):
            raise NumberNotRead(f"“{typed}” is not a number: {ACCEPTED}")
        return digits.replace(mark, "")
    whole, _, fraction = digits.partition(mark)
    if mark == "," and len(fraction) == 3 and whole not in ("", "0"):
        small = f"{whole}.{fraction}".rstrip("0").rstrip(".")
        raise NumberNotRead(
            f"“{typed}” could be {small} or {whole}{fraction}: write {small} or {whole}{fraction}"
        )
    return f"{whole or '0'}.{fraction}"


def _grouped(digits: str, mark: str) -> bool:
    head, *groups = digits.split(mark)
    return (
        1 <= len(head) <= 3 and head.isdigit() and all(len(g) == 3 and g.isdigit() for g in groups)
    )
