"""An import refers to members and invites everyone else; it never attaches an account of
another organization and never tells whether an e-mail is registered (issue 10.1)."""

from __future__ import annotations

import pytest

from bearing.okrs.io import export_yaml, import_okr_file
from bearing.okrs.models import Cycle, Objective
from bearing.orgs.models import Invitation, Membership, TeamMember
from bearing.orgs.services import member_add
from tests.api.conftest import Seed, call
from tests.conftest import signed_in

FILE = """\
version: 1
cycle: {{name: 2026-Q2, start: 2026-04-01, end: 2026-06-30}}
teams:
  - name: Globex
    lead: {email}
people:
  - email: {email}
    name: Somebody
    teams: [Globex]
objectives:
  - ref: grow
    title: Grow the business
    team: Globex
    owner: {email}
    key_results:
      - {{ref: grow-kr, title: Sign 10 new customers, start: 0, target: 10, owner: {email}}}
"""


def _import_as_mallory(seed: Seed, email: str) -> dict[str, object]:
    answer = call(
        "POST", "/okr-files", {"text": FILE.format(email=email)}, token=seed.tokens["mallory"]
    )
    assert answer.status == 200, answer.content
    body: dict[str, object] = answer.json()
    return body


def test_another_organizations_account_is_invited_not_added(seed: Seed) -> None:
    world = seed.world
    body = _import_as_mallory(seed, "alice@acme.example")
    assert not Membership.objects.filter(organization=world.other_org, person=world.alice).exists()
    assert not TeamMember.objects.filter(person=world.alice, team__organization=world.other_org)
    invitation = Invitation.objects.get(organization=world.other_org)
    assert (invitation.email, invitation.name, invitation.accepted_at) == (
        "alice@acme.example", "Somebody", None,
    )  # fmt: skip
    grow = Objective.objects.get(organization=world.other_org, ref="grow")
    assert grow.owner is None and grow.key_results.get().owner is None
    # Her stored name ("Alice") appears nowhere the other organization can read.
    cycle = Cycle.objects.get(organization=world.other_org)
    assert "Alice" not in export_yaml(cycle) and "alice@acme.example" not in export_yaml(cycle)
    team_page = signed_in(world.mallory).get(f"/o/globex/teams/{grow.team_id}/")
    assert team_page.status_code == 200 and b"Alice" not in team_page.content
    assert body["counts"] == {"objectives created": 1, "key results created": 1,
                              "people invited": 1}  # fmt: skip


def test_the_answer_does_not_tell_whether_an_email_is_registered(seed: Seed) -> None:
    known = _import_as_mallory(seed, "alice@acme.example")
    Cycle.objects.filter(organization=seed.world.other_org).delete()
    Invitation.objects.all().delete()
    unknown = _import_as_mallory(seed, "nobody@nowhere.example")
    same = str(known).replace("alice@acme.example", "nobody@nowhere.example")
    assert _without_ids(same) == _without_ids(str(unknown))


def _without_ids(text: str) -> str:
    import re

    return re.sub(r"'id': \d+", "'id': _", text)


def test_once_invited_people_join_the_file_assigns_them(seed: Seed) -> None:
    world = seed.world
    _import_as_mallory(seed, "alice@acme.example")
    member_add(organization=world.other_org, email="alice@acme.example", role="member")
    assert TeamMember.objects.get(person=world.alice, team__organization=world.other_org).is_lead
    again = _import_as_mallory(seed, "alice@acme.example")
    assert again["counts"] == {"objectives updated": 1, "key results updated": 1}
    grow = Objective.objects.get(organization=world.other_org, ref="grow")
    assert grow.owner == world.alice and grow.key_results.get().owner == world.alice
    assert Invitation.objects.get(organization=world.other_org).accepted_at is not None


def test_importing_again_before_they_join_changes_nothing(seed: Seed) -> None:
    _import_as_mallory(seed, "alice@acme.example")
    again = _import_as_mallory(seed, "alice@acme.example")
    assert again["counts"] == {"objectives unchanged": 1, "key results unchanged": 1}
    assert Invitation.objects.filter(organization=seed.world.other_org).count() == 1


@pytest.mark.django_db
def test_an_individual_objective_waits_for_its_invited_owner(seed: Seed) -> None:
    text = FILE.format(email="carol@globex.example").replace("    team: Globex\n", "")
    result = import_okr_file(organization=seed.world.other_org, text=text)
    assert not Objective.objects.filter(ref="grow").exists()
    assert any("waits for its owner carol@globex.example" in n for n in result.notes)
