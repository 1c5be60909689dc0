"""Communicate change, comments and reactions, told through the services' one hook; webhooks
signed per Standard Webhooks to a local receiver; retries, disabling, and the address check."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from standardwebhooks import Webhook

from bearing.notify.channels import channel_add, webhook_add
from bearing.notify.deliver import DISABLE_AFTER, MAX_ATTEMPTS, deliver
from bearing.notify.models import Delivery, Notice, WebhookEndpoint
from bearing.okrs.services.alignment import link_create, link_delete
from bearing.okrs.services.checkins import comment_add, reaction_toggle
from bearing.okrs.services.objectives import objective_update
from tests.notify.conftest import IMMEDIATE, Week, check_in
from tests.notify.receiver import Receiver, receiver


@pytest.fixture
def immediate(settings: Any, django_capture_on_commit_callbacks: Any) -> Any:
    """Jobs run at once, and after-commit hooks run at the end of each ``with``."""
    settings.TASKS = IMMEDIATE
    return django_capture_on_commit_callbacks


def test_aligned_owners_hear_of_a_changed_title_before_and_after(
    week: Week, immediate: Any
) -> None:
    link_create(actor=None, child=week.bob_a, parent_objective=week.alice_d)
    with immediate(execute=True):
        objective_update(actor=week.world.alice, objective=week.alice_d, title="Grow across Europe")
    [notice] = Notice.objects.filter(kind="change")
    assert notice.recipient == week.world.bob
    assert "title: Grow into Europe → Grow across Europe" in notice.body
    assert not Notice.objects.filter(recipient=week.world.alice).exists()  # not the one who did it


def test_a_private_objectives_changes_reach_only_those_who_may_see_it(
    week: Week, immediate: Any
) -> None:
    link_create(actor=None, child=week.carol_c, parent_objective=week.alice_d)
    objective_update(actor=None, objective=week.alice_d, visibility="private")
    with immediate(execute=True):
        objective_update(actor=week.world.alice, objective=week.alice_d, title="Secret plan")
    assert not Notice.objects.filter(recipient=week.carol).exists()


def test_a_removed_link_is_told_to_the_child_owner(week: Week, immediate: Any) -> None:
    link = link_create(actor=None, child=week.bob_a, parent_objective=week.alice_d)
    with immediate(execute=True):
        link_delete(actor=week.world.alice, link=link)
    assert Notice.objects.get(kind="change").title == "A link of “Make refunds instant” was removed"


def test_unrelated_edits_tell_nobody(week: Week, immediate: Any) -> None:
    link_create(actor=None, child=week.bob_a, parent_objective=week.alice_d)
    with immediate(execute=True):
        objective_update(actor=week.world.alice, objective=week.alice_d, description="More words")
    assert not Notice.objects.exists()


def test_comments_and_reactions_on_your_check_in(week: Week, immediate: Any) -> None:
    check_in(week.bob_a, timezone.now())
    checkin = week.bob_a.checkins.get()
    with immediate(execute=True):
        comment_add(actor=week.world.alice, checkin=checkin, text="Great progress")
    with immediate(execute=True):
        reaction_toggle(actor=week.world.alice, checkin=checkin, kind="celebrate")
    with immediate(execute=True):  # taken back and given again: still one notice
        reaction_toggle(actor=week.world.alice, checkin=checkin, kind="celebrate")
        reaction_toggle(actor=week.world.alice, checkin=checkin, kind="celebrate")
    kinds = sorted(Notice.objects.filter(recipient=week.world.bob).values_list("kind", flat=True))
    assert kinds == ["comment", "reaction"]


def _endpoint(week: Week, hook: Receiver, events: list[str]) -> WebhookEndpoint:
    return webhook_add(actor=None, organization=week.world.org, url=hook.url(), events=events)


def test_webhook_is_signed_per_standard_webhooks(week: Week, immediate: Any) -> None:
    with receiver() as hook:
        endpoint = _endpoint(week, hook, ["objective.updated", "check_in.created"])
        with immediate(execute=True):
            objective_update(
                actor=week.world.alice, objective=week.alice_d, title="Grow across Europe"
            )
        with immediate(execute=True):
            check_in(week.bob_a, timezone.now())
    assert [json.loads(r.body)["type"] for r in hook.received] == [
        "objective.updated",
        "check_in.created",
    ]
    first = hook.received[0]
    payload = Webhook(endpoint.secret).verify(first.body, first.headers)
    assert payload["data"]["after"] == {"title": "Grow across Europe"}
    assert first.headers["webhook-id"].startswith("msg_")
    with pytest.raises(Exception, match="signature"):
        Webhook("whsec_" + "A" * 43).verify(first.body, first.headers)
    assert set(Delivery.objects.values_list("state", "status_code")) == {("sent", 200)}


def test_receiver_errors_are_retried_with_backoff_then_disable_the_endpoint(
    week: Week, immediate: Any
) -> None:
    with receiver(answers=[500]) as hook:
        endpoint = _endpoint(week, hook, ["*"])
        for i in range(DISABLE_AFTER):
            with immediate(execute=True):
                objective_update(actor=week.world.alice, objective=week.alice_d, title=f"Grow {i}")
        deliveries = list(Delivery.objects.filter(endpoint=endpoint).order_by("pk"))
        assert [d.state for d in deliveries] == ["pending"] * DISABLE_AFTER
        now = timezone.now()
        for _attempt in range(2, MAX_ATTEMPTS + 1):
            now += timedelta(hours=1)
            for d in deliveries:
                deliver(d.pk, now)
        gaps = [Delivery.objects.get(pk=deliveries[0].pk)]
    assert all(d.state == "failed" and d.status_code == 500 for d in gaps)
    assert len(hook.received) == DISABLE_AFTER * MAX_ATTEMPTS
    endpoint.refresh_from_db()
    assert endpoint.disabled_at is not None
    told = Notice.objects.filter(kind="webhook")
    assert [n.recipient for n in told] == [week.world.alice]  # the admins


def test_backoff_grows_exponentially() -> None:
    from bearing.notify.deliver import backoff

    assert [backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [30, 60, 120, 240]


def test_unreachable_receiver_is_retried_not_lost(week: Week, immediate: Any) -> None:
    endpoint = webhook_add(
        actor=None, organization=week.world.org, url="http://127.0.0.1:9/x", events=["*"]
    )
    with immediate(execute=True):
        objective_update(actor=week.world.alice, objective=week.alice_d, title="Grow across Europe")
    delivery = Delivery.objects.get(endpoint=endpoint)
    assert delivery.state == "pending" and delivery.attempts == 1 and "no answer" in delivery.error


def test_a_receiver_that_times_out_is_retried(week: Week, immediate: Any, settings: Any) -> None:
    settings.OUTBOUND_TIMEOUT_SECONDS = 0.3
    with receiver(delay=1.5) as slow:
        endpoint = _endpoint(week, slow, ["objective.updated"])
        with immediate(execute=True):
            objective_update(actor=week.world.alice, objective=week.alice_d, title="Grow faster")
    delivery = Delivery.objects.get(endpoint=endpoint)
    assert delivery.state == "pending" and "timed out" in delivery.error


def test_private_addresses_are_refused_unless_allowed(week: Week, settings: Any) -> None:
    settings.OUTBOUND_ALLOW_PRIVATE = False
    for url in (
        "http://127.0.0.1:8080/hook",
        "http://10.0.0.8/hook",
        "http://[::1]/hook",
        "http://169.254.169.254/latest",
    ):
        with pytest.raises(ValidationError, match="private or local"):
            webhook_add(actor=None, organization=week.world.org, url=url, events=["*"])
    with pytest.raises(ValidationError, match="http"):
        channel_add(actor=None, organization=week.world.org, kind="slack", url="file:///etc/passwd")


def test_unknown_events_are_refused(week: Week) -> None:
    with pytest.raises(ValidationError, match="unknown event"):
        webhook_add(
            actor=None,
            organization=week.world.org,
            url="http://127.0.0.1:9/",
            events=["objective.exploded"],
        )


def test_slack_and_teams_get_the_check_in_day_nudge(week: Week) -> None:
    import time_machine

    from tests.notify.conftest import MONDAY_9, cadence_run

    with receiver() as slack, receiver() as teams:
        channel_add(actor=None, organization=week.world.org, kind="slack", url=slack.url())
        channel_add(actor=None, organization=week.world.org, kind="teams", url=teams.url())
        with time_machine.travel(MONDAY_9, tick=False):
            result = cadence_run("acme", "2026-02-16T09:00")
            cadence_run("acme", "2026-02-16T09:05")
    assert "nudge      #slack" in result.output
    assert len(slack.received) == len(teams.received) == 1
    assert "It is check-in day: 4 objectives wait" in json.loads(slack.received[0].body)["text"]
