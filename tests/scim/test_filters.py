"""The SCIM filter parser (pure): what identity providers send, and what it refuses."""

from __future__ import annotations

import pytest

from bearing.scim.filters import Both, Compare, Either, FilterError, Not, parse


def test_what_providers_send() -> None:
    assert parse('userName eq "ana@example.com"') == Compare("userName", "eq", "ana@example.com")
    assert parse('externalId EQ "a\\"b"') == Compare("externalId", "eq", 'a"b')
    assert parse("title pr") == Compare("title", "pr")
    assert parse("active eq false") == Compare("active", "eq", False)
    assert parse("meta.version gt 3") == Compare("meta.version", "gt", 3)


def test_and_binds_tighter_than_or_and_parentheses_group() -> None:
    a, b, c = (Compare(x, "eq", x) for x in "abc")
    assert parse('a eq "a" or b eq "b" and c eq "c"') == Either(a, Both(b, c))
    assert parse('(a eq "a" or b eq "b") and c eq "c"') == Both(Either(a, b), c)
    assert parse('not (a eq "a")') == Not(a)


@pytest.mark.parametrize(
    "text",
    ["", "userName eq", 'userName like "a"', "userName eq ana", '(a eq "a"', 'a eq "a" b',
     'a eq "a" and', "a eq 'single'", 'a eq "\\q"'],
)  # fmt: skip
def test_what_it_cannot_read_is_a_filter_error(text: str) -> None:
    with pytest.raises(FilterError):
        parse(text)
