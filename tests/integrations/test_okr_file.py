"""``source:`` on a key result in an OKR file: parsed, imported (a connection by name, never
credentials), exported for admins only, and round-tripped."""

from __future__ import annotations

import pytest

from bearing.domain.model import FileSource
from bearing.domain.okrfile import OKRFileError, parse_okr_file
from bearing.integrations.models import Source
from bearing.integrations.services import connection_save
from bearing.okrs.io import ImportFailed, export_yaml, import_okr_file
from bearing.okrs.models import Cycle
from bearing.orgs.models import Membership
from tests.conftest import World

FILE = """version: 1
cycle: {name: 2026-Q1, start: 2026-01-01, end: 2026-03-31}
teams: [{name: Acme}]
objectives:
  - ref: grow
    title: Grow the business
    team: Acme
    key_results:
      - ref: signups
        title: Grow weekly signups from 100 to 200
        start: 100
        target: 200
        source:
          connection: warehouse
          query: SELECT count(*) FROM signups
          schedule: hourly
      - ref: revenue
        title: Grow revenue from 1000 to 2000
        start: 1000
        target: 2000
        source:
          url: https://sheets.example.com/pub/revenue.csv
          selector: Revenue@last
      - ref: nps
        title: Lift NPS from 20 to 40
        start: 20
        target: 40
        source: {kind: json, connection: crm, url: /nps, selector: data.score}
"""


def test_parsed() -> None:
    krs = parse_okr_file(FILE).objectives[0].key_results
    assert [kr.source for kr in krs] == [
        FileSource(kind="sql", connection="warehouse", query="SELECT count(*) FROM signups",
                   schedule="hourly"),
        FileSource(kind="csv", url="https://sheets.example.com/pub/revenue.csv",
                   selector="Revenue@last"),
        FileSource(kind="json", connection="crm", url="/nps", selector="data.score"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("{connection: warehouse, query: SELECT 1, password: hunter2}",
         "source.password: credentials never go in a file"),
        ("{url: 'https://x.example/a.json', selector: a, headers: {X: y}}",
         "source.headers: credentials never go in a file"),
        ("{kind: xml, url: 'https://x.example/a'}", "source.kind: 'xml' is not a kind"),
        ("{connection: warehouse}", "source.url: required"),
        ("{query: SELECT 1, schedule: monthly}", "source.schedule: 'monthly' is not a schedule"),
        ("{query: SELECT 1, tables: [a]}", "source.tables: unknown field"),
    ],
)  # fmt: skip
def test_bad_sources(source: str, problem: str) -> None:
    text = FILE.split("      - ref: revenue")[0].replace(
        """        source:
          connection: warehouse
          query: SELECT count(*) FROM signups
          schedule: hourly
""", f"        source: {source}\n")  # fmt: skip
    with pytest.raises(OKRFileError) as failed:
        parse_okr_file(text)
    assert problem in str(failed.value), str(failed.value)


def _connections(world: World) -> None:
    connection_save(organization=world.org, name="warehouse", kind="postgresql",
                    host="127.0.0.1", database="metrics", username="reader", secret="pw-42")  # fmt: skip
    connection_save(organization=world.org, name="crm", kind="http",
                    base_url="https://crm.example.com/api", header_name="Authorization",
                    secret="Bearer tok-99")  # fmt: skip


def test_import_and_export_round_trip(world: World) -> None:
    _connections(world)
    Cycle.objects.all().delete()
    result = import_okr_file(organization=world.org, text=FILE, actor=world.alice)
    assert result.counts["data sources set"] == 3
    assert "3 data sources set" in result.summary()
    signups = Source.objects.get(key_result__ref="signups")
    assert (signups.kind, signups.connection.name if signups.connection else None) == (
        "sql",
        "warehouse",
    )
    assert signups.schedule == "hourly" and signups.next_run_at is not None
    again = import_okr_file(organization=world.org, text=FILE, actor=world.alice)
    assert again.counts["data sources set"] == 0  # unchanged: not set again
    cycle = Cycle.objects.get(organization=world.org, name="2026-Q1")
    exported = export_yaml(cycle)
    assert "connection: warehouse" in exported and "selector: Revenue@last" in exported
    assert "pw-42" not in exported and "tok-99" not in exported
    assert "secret" not in exported and "127.0.0.1" not in exported
    krs = parse_okr_file(exported).objectives[0].key_results
    assert [kr.source for kr in krs] == [
        kr.source for kr in parse_okr_file(FILE).objectives[0].key_results
    ]
    bob = Membership.objects.get(organization=world.org, person=world.bob)
    assert "source:" not in export_yaml(cycle, bob)  # members' files do not say where data lives


def test_unknown_connection_and_non_admins(world: World) -> None:
    Cycle.objects.all().delete()
    with pytest.raises(ImportFailed) as failed:
        import_okr_file(organization=world.org, text=FILE, actor=world.alice)
    text = "\n".join(str(p) for p in failed.value.problems)
    assert (
        "key_results[0].source.connection: no connection 'warehouse' in this organization" in text
    )
    assert not Source.objects.exists() and not Cycle.objects.filter(name="2026-Q1").exists()
    _connections(world)
    with pytest.raises(ImportFailed) as refused:
        import_okr_file(organization=world.org, text=FILE, actor=world.bob)
    assert "only admins set up data sources" in str(refused.value.problems[0])
    connection_save(organization=world.other_org, name="mine", kind="http")
    foreign = FILE.replace("connection: crm", "connection: mine")
    with pytest.raises(ImportFailed) as theirs:
        import_okr_file(organization=world.org, text=foreign, actor=world.alice)
    assert "no connection 'mine' in this organization" in str(theirs.value.problems)
