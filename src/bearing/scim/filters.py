"""The SCIM filter language (RFC 7644 §3.4.2.2), parsed into a small tree. Pure Python.

The subset identity providers send and Bearing answers: ``attr op value`` with the operators
eq ne co sw ew gt ge lt le, ``attr pr``, joined by ``and`` / ``or``, ``not (…)`` and
parentheses. Okta asks ``userName eq "ana@example.com"``, Entra ``externalId eq "…"`` and
``displayName eq "…"`` for groups. What it cannot read is a ``FilterError`` (400
invalidFilter); which attributes exist is up to the resource (``queries.py``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

COMPARISONS = frozenset({"eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le"})
Value = str | bool | int | float | None


class FilterError(ValueError):
    """A filter Bearing cannot read; the message says where."""


@dataclass(frozen=True)
class Compare:
    attribute: str  # as written, e.g. "userName" or "name.givenName"
    op: str  # one of COMPARISONS, or "pr"
    value: Value = None


@dataclass(frozen=True)
class Both:
    left: Node
    right: Node


@dataclass(frozen=True)
class Either:
    left: Node
    right: Node


@dataclass(frozen=True)
class Not:
    inner: Node


Node = Compare | Both | Either | Not

_TOKEN = re.compile(
    r"""\s*(?:
      (?P<string>"(?:[^"\\]|\\.)*")
    | (?P<paren>[()])
    | (?P<word>[A-Za-z0-9_:.$\-]+)
    )""",
    re.VERBOSE,
)


def _tokens(text: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    position = 0
    text = text.rstrip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            raise FilterError(f"cannot read the filter at {text[position : position + 20]!r}")
        kind = match.lastgroup or ""
        found.append((kind, match.group(kind)))
        position = match.end()
    return found


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = _tokens(text)
        self.at = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.peek()
        if token is None:
            raise FilterError("the filter ends too early")
        self.at += 1
        return token

    def keyword(self, word: str) -> bool:
        token = self.peek()
        if token is not None and token[0] == "word" and token[1].lower() == word:
            self.at += 1
            return True
        return False

    def expression(self) -> Node:
        node = self.term()
        while self.keyword("or"):
            node = Either(node, self.term())
        return node

    def term(self) -> Node:
        node = self.factor()
        while self.keyword("and"):
            node = Both(node, self.factor())
        return node

    def factor(self) -> Node:
        if self.keyword("not"):
            return Not(self.group())
        token = self.peek()
        if token == ("paren", "("):
            return self.group()
        return self.comparison()

    def group(self) -> Node:
        if self.take() != ("paren", "("):
            raise FilterError("expected '('")
        node = self.expression()
        if self.take() != ("paren", ")"):
            raise FilterError("expected ')'")
        return node

    def comparison(self) -> Node:
        kind, attribute = self.take()
        if kind != "word":
            raise FilterError(f"expected an attribute name, not {attribute!r}")
        kind, op = self.take()
        op = op.lower()
        if kind != "word" or (op not in COMPARISONS and op != "pr"):
            raise FilterError(f"unknown operator {op!r}")
        if op == "pr":
            return Compare(attribute, "pr")
        return Compare(attribute, op, _value(*self.take()))


def _value(kind: str, text: str) -> Value:
    if kind == "string":
        try:
            decoded: str = json.loads(text)
        except ValueError:
            raise FilterError(f"cannot read the string {text}") from None
        return decoded
    lowered = text.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    if lowered == "null":
        return None
    try:
        return int(text) if re.fullmatch(r"-?\d+", text) else float(text)
    except ValueError:
        raise FilterError(f"{text!r} is not a value; put strings in double quotes") from None


def parse(text: str) -> Node:
    """The tree of a filter, or FilterError."""
    parser = _Parser(text)
    if parser.peek() is None:
        raise FilterError("the filter is empty")
    node = parser.expression()
    if parser.peek() is not None:
        raise FilterError(f"unexpected {parser.peek()[1]!r}")  # type: ignore[index]
    return node
