"""Importing into an organization that has its teams already (issue 9.9): a file names them
without repeating the chain above them, and its company team may be called otherwise."""

from __future__ import annotations

import pytest
from django.test import Client

from bearing.okrs.io import import_okr_file
from bearing.okrs.models import Objective
from bearing.orgs.models import Organization, Team
from bearing.orgs.services import member_add, team_create
from tests.io.conftest import TODAY, new_org

pytestmark = pytest.mark.django_db

PARTIAL = """\
version: 1
cycle: {name: 2026-Q1, start: 2026-01-01, end: 2026-03-31}
teams:
  - name: Payments
  - name: Support
  - name: Refunds
    parent: Payments
objectives:
  - {ref: pay, title: Make paying instant, team: Payments}
  - {ref: refunds, title: Refund within a day, team: Refunds}
  - {ref: help, title: Answer every ticket in an hour, team: Support}
"""


def deep_org() -> Organization:
    """Acme → Engineering → Payments, and Acme → Support."""
    org = new_org("acme", "Acme", people=())
    acme = Team.objects.get(organization=org, parent=None)
    engineering = team_create(organization=org, name="Engineering", parent=acme)
    team_create(organization=org, name="Payments", parent=engineering)
    team_create(organization=org, name="Support", parent=acme)
    return org


def test_a_file_names_existing_teams_without_their_chain() -> None:
    org = deep_org()
    result = import_okr_file(organization=org, text=PARTIAL, today=TODAY)
    assert result.counts["teams added"] == 1 and result.counts["objectives created"] == 3
    assert result.notes == []  # Payments and Support stay where they are, silently
    refunds = Team.objects.get(organization=org, name="Refunds")
    assert refunds.parent is not None and refunds.parent.parent is not None
    assert refunds.parent.name == "Payments" and refunds.parent.parent.name == "Engineering"
    assert Objective.objects.get(ref="refunds").team == refunds
    assert not import_okr_file(organization=org, text=PARTIAL, today=TODAY).changed


def test_the_company_team_by_another_name_imports_with_a_note() -> None:
    org = new_org("lumen", "Lumen Pay", people=())
    text = (
        "version: 1\ncycle: {name: Q, start: 2026-01-01, end: 2026-03-31}\n"
        "teams: [{name: Acme}, {name: Payments, parent: Acme}]\n"
        "objectives:\n  - {ref: grow, title: Grow, team: Acme}\n"
        "  - {ref: pay, title: Pay fast, team: Payments}\n"
    )
    result = import_okr_file(organization=org, text=text, today=TODAY)
    assert result.notes == [
        "the file's company team 'Acme' is imported as this organization's company team 'Lumen Pay'"
    ]
    grow = Objective.objects.get(ref="grow")
    assert grow.team is not None
    assert grow.team.name == "Lumen Pay" and grow.team.parent is None
    assert Team.objects.get(name="Payments").parent == grow.team
    explicit = import_okr_file(organization=org, text=text, today=TODAY, company_team="Acme")
    assert explicit.notes == [] and not explicit.changed


def test_the_page_shows_the_notes_of_an_import() -> None:
    org = new_org("lumen", "Lumen Pay", people=())
    admin = member_add(organization=org, email="admin@lumen.example", role="admin").person
    client = Client()
    client.force_login(admin)
    text = (
        "version: 1\ncycle: {name: Q, start: 2026-01-01, end: 2026-03-31}\nteams: [{name: Acme}]\n"
        "people: [{email: someone@else.example, name: Someone}]\n"
        "objectives:\n  - {title: Grow, team: Acme, owner: someone@else.example}\n"
    )
    page = client.post("/o/lumen/okr-files/", {"text": text}, follow=True).content.decode()
    assert "imported as this organization&#x27;s company team" in page
    assert "Not members of this organization, so invited: someone@else.example" in page
