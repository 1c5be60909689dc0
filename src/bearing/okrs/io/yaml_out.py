"""Writing an OKR file document as YAML that the parser reads back exactly."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import yaml

from bearing.okrs.io.document import FlowList, FlowMap, plain

# libyaml's emitter where PyYAML was built with it (its wheels are): the pure-Python one took
# most of a 2,000-objective export's 25 seconds.
_SafeDumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_SafeDumper):  # type: ignore[misc]
    """Exact decimals as plain numbers, multi-line text as blocks, short lists on one line."""

    def ignore_aliases(self, data: Any) -> bool:
        # A value used twice (as_of = the cycle's end) is written twice, never as &anchor/*alias.
        return True


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.Node:
    text = format(plain(value), "f")
    # Tagged as the number it looks like, so PyYAML writes it unquoted; the parser
    # reads the digits themselves (never a float), so 0.1 stays one tenth.
    tag = "tag:yaml.org,2002:int" if "." not in text else "tag:yaml.org,2002:float"
    return dumper.represent_scalar(tag, text)


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _flow_map(dumper: yaml.SafeDumper, value: FlowMap) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", value.items(), flow_style=True)


def _flow_list(dumper: yaml.SafeDumper, value: FlowList) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


_Dumper.add_representer(Decimal, _decimal)
_Dumper.add_representer(str, _text)
_Dumper.add_representer(FlowMap, _flow_map)
_Dumper.add_representer(FlowList, _flow_list)


def dump_yaml(document: dict[str, Any]) -> str:
    """The document as an OKR file's YAML (``yaml_fast``: PyYAML's layout, written fast)."""
    from bearing.okrs.io.yaml_fast import dump_document

    return dump_document(document)


def dump_yaml_with_pyyaml(document: dict[str, Any]) -> str:
    """The same document written by PyYAML: what ``yaml_fast`` is checked against."""
    return yaml.dump(
        document,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=1000,  # one title per line: friendlier diffs when OKRs live in git
        indent=2,
    )
