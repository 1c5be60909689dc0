"""Focus: a member looking at their team's OKRs is noted once a week at most (maturity.looks),
and the share of the team who looked each week reaches the Focus evidence."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bearing.domain.maturity import week_of
from bearing.maturity.evidence import maturity_of
from bearing.maturity.models import OkrLook
from tests import factories
from tests.conftest import World, signed_in


def looks(world: World) -> list[tuple[int, str]]:
    return [
        (person, week.isoformat())
        for person, week in OkrLook.objects.filter(organization=world.org).values_list(
            "person_id", "week"
        )
    ]


def test_the_team_page_notes_a_look_once_a_week(world: World) -> None:
    bob = signed_in(world.bob)
    assert bob.get(f"/o/acme/teams/{world.payments.pk}/").status_code == 200
    this_week = week_of(timezone.localdate()).isoformat()
    assert looks(world) == [(world.bob.pk, this_week)]
    with CaptureQueriesContext(connection) as again:
        assert bob.get(f"/o/acme/teams/{world.payments.pk}/").status_code == 200
    # The session remembers: nothing written (the page's maturity section still reads them).
    written = [q["sql"] for q in again if q["sql"].startswith(("INSERT", "UPDATE"))]
    assert written == []
    assert looks(world) == [(world.bob.pk, this_week)]


def test_another_session_of_the_same_week_adds_no_row(world: World) -> None:
    signed_in(world.bob).get(f"/o/acme/teams/{world.payments.pk}/")
    signed_in(world.bob).get(f"/o/acme/teams/{world.payments.pk}/")
    assert len(looks(world)) == 1


def test_another_teams_page_is_not_looking_at_ones_own(world: World) -> None:
    assert signed_in(world.bob).get(f"/o/acme/teams/{world.company.pk}/").status_code == 200
    assert looks(world) == []


def test_the_objective_page_and_my_week_note_a_look(world: World) -> None:
    objective = factories.make_objective(world.cycle, "Make payments effortless",
                                         team=world.payments, owner=world.bob)  # fmt: skip
    assert signed_in(world.bob).get(f"/o/acme/objectives/{objective.pk}/").status_code == 200
    assert len(looks(world)) == 1
    OkrLook.objects.all().delete()
    assert signed_in(world.bob).get("/o/acme/my-week/").status_code == 200
    assert len(looks(world)) == 1
    # Mallory, of another organization, leaves nothing in Acme's.
    signed_in(world.mallory).get(f"/o/acme/objectives/{objective.pk}/")
    assert {p for p, _ in looks(world)} == {world.bob.pk}


def test_the_looks_reach_the_focus_evidence(world: World) -> None:
    today = timezone.localdate()
    cycle = factories.make_cycle(
        world.org, "Now", today - timedelta(days=20), today + timedelta(60)
    )
    factories.make_objective(cycle, "Make payments effortless", team=world.payments,
                             owner=world.bob)  # fmt: skip
    factories.make_member(world.org, "dana@acme.example", "member", teams=(world.payments,))
    signed_in(world.bob).get(f"/o/acme/teams/{world.payments.pk}/")
    figures = maturity_of(cycle, [world.payments.pk], today)[world.payments.pk].figures
    assert (figures.members, figures.member_looks, figures.looked_weeks) == (2, 1, 1)
    evidence = maturity_of(cycle, [world.payments.pk], today)[world.payments.pk].evidence
    (focus,) = [e for e in evidence if e.dimension.value == "focus"]
    assert "of its 2 members opened them each week" in focus.because
