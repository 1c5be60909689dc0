"""Who may own an objective: one rule (``permissions.can_own``) for the page and the API,
creating and editing alike. Admins give any team; members their own teams, or individual
objectives they own themselves; an edit that keeps the team needs only the right to edit."""

from __future__ import annotations

import pytest

from bearing.okrs.models import Objective
from bearing.okrs.permissions import access_for, can_own
from bearing.orgs.models import Membership, Person, Team
from tests import factories
from tests.conftest import World


def may(world: World, who: Person, team: Team | None, owner: Person | None,
        current: Objective | None = None) -> bool:  # fmt: skip
    access = access_for(Membership.objects.get(person=who, organization=world.org))
    return can_own(access, team=team, owner_id=owner.pk if owner else None, current=current)


@pytest.mark.parametrize(
    ("who", "team", "owner", "allowed"),
    [
        ("alice", "company", None, True),  # admins give any team
        ("alice", "payments", "bob", True),
        ("alice", None, "bob", True),  # and any owner of an individual objective
        ("bob", "payments", "alice", True),  # members: their own team, whoever owns it
        ("bob", "company", "bob", False),  # not a team they belong to
        ("bob", None, "bob", True),  # an individual objective of their own
        ("bob", None, "alice", False),  # not someone else's
        ("vic", None, "vic", False),  # viewers own nothing
    ],
)
def test_who_may_own_a_new_objective(
    world: World, who: str, team: str | None, owner: str | None, allowed: bool
) -> None:
    teams = {"company": world.company, "payments": world.payments, None: None}
    person = getattr(world, who)
    assert may(world, person, teams[team], getattr(world, owner) if owner else None) is allowed


def test_an_edit_that_keeps_the_team_needs_only_the_right_to_edit(world: World) -> None:
    theirs = factories.make_objective(world.cycle, "Company goal", team=world.company)
    # Bob is not in the company team: he may not move an objective there, but keeping it
    # where it is (when he may edit it, which the caller checks) is no move at all.
    assert may(world, world.bob, world.company, world.alice, current=theirs)
    assert not may(world, world.bob, world.company, world.alice)
    assert not may(world, world.bob, None, world.alice, current=theirs)
