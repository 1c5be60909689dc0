"""The reminder, the escalation and the digest, run with `bearing cadence run` on a frozen
clock: on the organization's day and hour, once, to the right people only."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine

from bearing.notify.cadence_settings import cadence_update, snooze_a_week
from bearing.notify.models import Notice
from bearing.okrs.services.cycles import cycle_set_state
from tests.notify.conftest import MONDAY_9, Week, cadence_run, check_in


def notices(kind: str) -> list[tuple[str, str]]:
    return sorted(
        Notice.objects.filter(kind=kind).values_list("recipient__email", "title").order_by()
    )


def test_reminder_lists_each_owners_waiting_objectives_once(week: Week) -> None:
    check_in(week.alice_d, datetime(2026, 2, 16, 8, 0, tzinfo=UTC))  # Alice is done this week
    with time_machine.travel(MONDAY_9, tick=False):
        first = cadence_run("acme", "2026-02-16T09:00")
        again = cadence_run("acme", "2026-02-16T09:30")
    assert first.exit_code == 0, first.output
    assert [e for e, _ in notices("reminder")] == ["bob@acme.example", "carol@acme.example"]
    bob = Notice.objects.get(kind="reminder", recipient=week.world.bob)
    assert "Make refunds instant" in bob.body and "Halve chargebacks" in bob.body
    assert bob.title.startswith("Time to check in: 2 objectives")
    assert bob.link == "/o/acme/my-week/"
    assert "reminder   bob@acme.example" in first.output
    assert again.exit_code == 0 and "0 notice(s)" in again.output  # nothing twice
    assert Notice.objects.filter(kind="reminder").count() == 2
    assert not Notice.objects.filter(recipient=week.world.mallory).exists()


def test_nothing_before_the_hour_nor_on_another_day(week: Week) -> None:
    with time_machine.travel(MONDAY_9, tick=False):
        assert "0 notice(s)" in cadence_run("acme", "2026-02-16T08:59").output
        assert "0 notice(s)" in cadence_run("acme", "2026-02-19T12:00").output
    assert not Notice.objects.exists()


def test_the_organizations_time_zone_and_hour(week: Week) -> None:
    cadence_update(
        actor=None, organization=week.world.org, time_zone="Europe/Berlin", checkin_hour=8
    )
    with time_machine.travel(MONDAY_9, tick=False):
        # 07:30 UTC is 08:30 in Berlin (winter): due there.
        result = cadence_run("acme", "2026-02-16T07:30+00:00")
    assert "reminder" in result.output
    assert Notice.objects.filter(kind="reminder").count() == 3


def test_closed_cycle_sends_nothing(week: Week) -> None:
    cycle_set_state(actor=None, cycle=week.world.cycle, state="grading")
    cycle_set_state(actor=None, cycle=week.world.cycle, state="closed")
    with time_machine.travel(MONDAY_9, tick=False):
        cadence_run("acme", "2026-02-16T09:00")
    assert not Notice.objects.exists()


def test_snoozed_owner_is_not_reminded(week: Week) -> None:
    snooze_a_week(organization=week.world.org, person=week.world.bob, today=date(2026, 2, 13))
    with time_machine.travel(MONDAY_9, tick=False):
        cadence_run("acme", "2026-02-16T09:00")
    assert "bob@acme.example" not in [e for e, _ in notices("reminder")]


def test_escalation_tells_the_lead_once(week: Week) -> None:
    with time_machine.travel(datetime(2026, 2, 18, 9, 0, tzinfo=UTC), tick=False):
        first = cadence_run("acme", "2026-02-18T09:00")
        cadence_run("acme", "2026-02-18T10:00")
    assert first.exit_code == 0, first.output
    escalations = Notice.objects.filter(kind="escalation")
    assert [n.recipient.email for n in escalations] == ["bob@acme.example"]
    # Bob leads Payments: he hears of Carol's objective, not of his own.
    assert "Launch wallets (Carol)" in escalations[0].body
    assert "Make refunds instant" not in escalations[0].body


def test_digest_once_per_person_never_a_ranking(week: Week) -> None:
    check_in(week.bob_a, datetime(2026, 2, 17, 10, 0, tzinfo=UTC))
    with time_machine.travel(datetime(2026, 2, 20, 16, 0, tzinfo=UTC), tick=False):
        first = cadence_run("acme", "2026-02-20T16:00")
        again = cadence_run("acme", "2026-02-20T17:00")
    assert first.exit_code == 0, first.output
    digests = Notice.objects.filter(kind="digest")
    people = {n.recipient.email for n in digests}
    assert people == {
        "alice@acme.example",
        "bob@acme.example",
        "carol@acme.example",
        "vic@acme.example",
    }
    assert "0 notice(s)" in again.output
    bob = digests.get(recipient=week.world.bob).body
    assert "## Payments" in bob and "## Acme (company)" in bob
    assert "Make refunds instant: first check-in → green" in bob
    payments = bob.split("## Acme")[0]
    assert "Not checked in yet: Bob, Carol" in payments  # in alphabetical order
    assert "Checked in: nobody" in payments  # Bob has one objective still waiting
    assert not Notice.objects.filter(recipient=week.world.mallory).exists()


def test_digest_celebrates_milestones_done_this_week(week: Week) -> None:
    from bearing.okrs.services.checkins import checkin_create
    from tests import factories

    milestone = factories.make_key_result(
        week.bob_a, "Sign the card processor", kind="milestone", start=None, target=None
    )
    with time_machine.travel(datetime(2026, 2, 18, 10, tzinfo=UTC), tick=False):
        checkin_create(
            actor=week.world.bob, objective=week.bob_a, values={milestone: True},
            progress_status="on_track", capacity_status="on_track",
        )  # fmt: skip
    with time_machine.travel(datetime(2026, 2, 20, 16, 0, tzinfo=UTC), tick=False):
        cadence_run("acme", "2026-02-20T16:00")
    digest = Notice.objects.get(kind="digest", recipient=week.carol).body
    assert "Milestone done: Sign the card processor (Make refunds instant)" in digest


def test_digest_off_for_one_person(week: Week) -> None:
    from bearing.notify.cadence_settings import preferences_update

    preferences_update(organization=week.world.org, person=week.world.vic, digest_on=False)
    with time_machine.travel(datetime(2026, 2, 20, 16, 0, tzinfo=UTC), tick=False):
        cadence_run("acme", "2026-02-20T16:00")
    assert not Notice.objects.filter(kind="digest", recipient=week.world.vic).exists()


@pytest.mark.parametrize("at", ["tomorrow", "2026-13-01T09:00"])
def test_bad_moment_is_one_line_and_exit_2(week: Week, at: str) -> None:
    result = cadence_run("acme", at)
    assert result.exit_code == 2 and "is not a moment" in result.output


def test_unknown_org_is_one_line_and_exit_2(db: None) -> None:
    result = cadence_run("nope", "2026-02-16T09:00")
    assert result.exit_code == 2 and "no organization" in result.output


def test_the_reminder_says_whose_two_week_plan_is_not_in(week: Week) -> None:
    """A key-result owner without a published plan hears it in the weekly reminder — in the
    same one message as their waiting objectives, or alone when they have none; once their
    plan is in, nothing is said about it."""
    from bearing.okrs.models import Initiative
    from bearing.okrs.services.plans import plan_publish
    from tests import factories

    with time_machine.travel(datetime(2026, 2, 2, tzinfo=UTC), tick=False):
        kr = factories.make_key_result(week.bob_a, owner=week.world.bob)
        factories.make_key_result(week.alice_d, owner=week.carol, title="Open 3 offices")
        initiative = Initiative.objects.create(
            organization=week.world.org, title="Pilot in Lisbon", target_date=date(2026, 3, 1)
        )
        initiative.key_results.add(kr)
        plan_publish(actor=week.world.bob, person=week.world.bob, cycle=week.world.cycle)
    check_in(week.alice_d, datetime(2026, 2, 16, 8, 0, tzinfo=UTC))
    check_in(week.carol_c, datetime(2026, 2, 16, 8, 0, tzinfo=UTC))  # Carol is done this week
    with time_machine.travel(MONDAY_9, tick=False):
        cadence_run("acme", "2026-02-16T09:00")
    carol = Notice.objects.get(kind="reminder", recipient=week.carol)
    assert carol.title == "Your two-week plan is not in yet"
    assert f"Your two-week plan for {week.world.cycle.name} was due" in carol.body
    assert carol.link == f"/o/acme/cycles/{week.world.cycle.pk}/plan/"
    bob = Notice.objects.get(kind="reminder", recipient=week.world.bob)
    assert "two-week plan" not in bob.body  # published
    assert Notice.objects.filter(kind="reminder").count() == 2
