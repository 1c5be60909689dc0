"""Where each field of an OKR file sits, so errors found while writing name their line.

The parser reports its own problems with lines; this index serves the checks
only the database can make (a ref taken by another key result, a number too
large for its column, a team name the organization uses for its company).
"""

from __future__ import annotations

import re

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

_LAST_STEP = re.compile(r"(\.[^.\[\]]+|\[\d+\])$")


class LineIndex:
    def __init__(self, text: str) -> None:
        self._lines: dict[str, int] = {}
        try:
            root = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError:
            root = None  # the parser has reported it already
        if root is not None:
            self._walk(root, "")

    def _walk(self, node: Node, path: str) -> None:
        self._lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, MappingNode):
            for key, value in node.value:
                if isinstance(key, ScalarNode):
                    self._walk(value, f"{path}.{key.value}" if path else str(key.value))
        elif isinstance(node, SequenceNode):
            for i, item in enumerate(node.value):
                self._walk(item, f"{path}[{i}]")

    def line(self, path: str) -> int:
        """The line of the field, else of the nearest enclosing item that the file spells out."""
        while path:
            if path in self._lines:
                return self._lines[path]
            path = _LAST_STEP.sub("", path)
        return 1
