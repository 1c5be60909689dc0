"""The fast OKR-file writer reads back exactly as PyYAML's, for any text (hypothesis), and
lays out a real cycle the way PyYAML does."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bearing.okrs.io.document import FlowList, FlowMap
from bearing.okrs.io.yaml_fast import dump_document
from bearing.okrs.io.yaml_out import dump_yaml_with_pyyaml

texts = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\x00"),
    max_size=40,
)


def document(title: str, note: str, team: str, description: str) -> dict[str, object]:
    return {
        "version": 1,
        "cycle": {"name": title, "start": date(2026, 1, 1), "end": date(2026, 3, 31)},
        "teams": [{"name": team}, {"name": "Sales", "parent": team}],
        "objectives": [
            {
                "ref": "o1",
                "title": title,
                "description": description,
                "contributors": FlowList([team, "Sales"]),
                "key_results": [
                    {
                        "ref": "k1",
                        "title": note,
                        "start": Decimal("0.100000"),
                        "target": Decimal("95.000000"),
                        "done": False,
                        "history": [FlowMap(date=date(2026, 1, 5), value=Decimal(12), note=note)],
                    },
                ],
            },
            {"ref": "o2", "title": "Make payments effortless", "key_results": []},
        ],
    }


@settings(max_examples=300, deadline=None)
@given(title=texts, note=texts, team=texts, description=texts)
def test_any_text_reads_back_as_written(title: str, note: str, team: str, description: str) -> None:
    doc = document(title, note, team, description)
    assert yaml.safe_load(dump_document(doc)) == yaml.safe_load(dump_yaml_with_pyyaml(doc))


def test_the_layout_is_pyyamls_for_plain_text() -> None:
    doc = document(
        "Make payments effortless", "reminder e-mails live", "Payments", "Line one\nLine two\n"
    )
    assert dump_document(doc) == dump_yaml_with_pyyaml(doc)


@given(texts)
def test_multiline_text_reads_back(text: str) -> None:
    doc = {"description": text + "\n" + text}
    assert yaml.safe_load(dump_document(doc)) == {"description": text + "\n" + text}


def test_a_question_mark_in_a_flow_list_or_map_reads_back() -> None:
    """PyYAML ends a bare text at "?" inside [...] and {...}: such texts are quoted there."""
    doc = document("Why?", "ok? yes", "Who?", "What?")
    assert yaml.safe_load(dump_document(doc)) == yaml.safe_load(dump_yaml_with_pyyaml(doc))
