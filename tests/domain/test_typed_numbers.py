"""Numbers as people type them in value fields: read exactly, or refused with the forms
that are accepted."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bearing.domain.charts import number
from bearing.domain.typed_numbers import NumberNotRead, read_number


@pytest.mark.parametrize(
    ("typed", "unit", "number"),
    [
        ("3.5", "", "3.5"),
        ("3,5", "", "3.5"),  # a decimal comma
        ("0.4 %", "%", "0.4"),
        ("0,4%", "", "0.4"),  # % is always understood
        ("1 200", "", "1200"),
        ("1\u00a0200", "", "1200"),  # a no-break space, as some keyboards type it
        ("1\u202f200,5", "", "1200.5"),  # a narrow no-break space and a decimal comma
        ("1'200", "", "1200"),
        ("1,200,000", "", "1200000"),
        ("1.200.000", "", "1200000"),
        ("1,200.50", "", "1200.50"),
        ("1.200,50", "", "1200.50"),
        ("€1,200.50", "€", "1200.50"),
        ("120 s", "s", "120"),
        ("−3", "", "-3"),  # a minus sign, not a hyphen
        ("-0", "", "0"),
        ("+7", "", "7"),
        ("0,125", "", "0.125"),  # no doubt: nobody groups a leading zero
        (",5", "", "0.5"),
        ("  42  ", "", "42"),
    ],
)
def test_numbers_are_read_as_typed(typed: str, unit: str, number: str) -> None:
    read = read_number(typed, unit)
    assert read == D(number) and str(read) == number


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("1,200", "“1,200” could be 1.2 or 1200: write 1.2 or 1200"),
        (
            "three",
            "“three” is not a number: write a number such as 1200, 1 200, 1,200.5, 3.5 or 3,5",
        ),
        ("12 00", "is not a number"),  # groups are of three digits
        ("1,20,0", "is not a number"),
        ("1.2.3,4", "is not a number"),
        ("1,2.3,4", "is not a number"),
        ("5 kg", "is not a number"),  # not the key result's unit
        ("", "is not a number"),
        ("NaN", "is not a number"),
    ],
)
def test_what_cannot_be_read_says_which_forms_can(typed: str, says: str) -> None:
    with pytest.raises(NumberNotRead) as caught:
        read_number(typed)
    assert says in str(caught.value)


@given(
    st.decimals(min_value=-(10**15), max_value=10**15, places=6, allow_nan=False),
    st.sampled_from(["", "%", "s", "€"]),
)
def test_a_number_as_shown_reads_back_as_the_same_number(value: D, unit: str) -> None:
    shown = number(value, unit)
    assert read_number(shown, unit) == value


def test_numbers_are_shown_with_thousands_grouped() -> None:
    assert number(D("12000.50"), "ms") == "12\u202f000.5 ms"
    assert number(D("999")) == "999" and number(D("-1234567")) == "-1\u202f234\u202f567"
