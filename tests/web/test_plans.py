"""The two-week plan: key-result owners publish their initiatives with dates; the cycle's
plans page says whose are in, due or missing; changes after publishing are recorded."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client

from bearing.okrs.models import ChangeRecord, Initiative, KeyResult, Plan
from bearing.okrs.services.initiatives import initiative_create, initiative_update
from bearing.orgs.models import Organization
from tests.conftest import World, signed_in
from tests.fingerprint import fingerprint
from tests.web.conftest import OKRs, page


def _owners(world: World, okrs: OKRs) -> None:
    """Bob owns Payments' measured key result, Carol the milestone."""
    KeyResult.objects.filter(pk=okrs.kr.pk).update(owner=world.bob)
    KeyResult.objects.filter(pk=okrs.milestone.pk).update(owner=okrs.carol)


def test_publishing_needs_dates_within_the_cycle(world: World, okrs: OKRs, as_bob: Client) -> None:
    _owners(world, okrs)
    okrs.kr.refresh_from_db()
    initiative_create(actor=None, organization=world.org, title="Cache the tokens",
                      key_results=[okrs.kr])  # fmt: skip
    before = fingerprint()
    response = as_bob.post(f"/o/acme/cycles/{okrs.cycle.pk}/plan/")
    assert response.status_code == 400
    assert "“Cache the tokens” needs a target date" in response.content.decode()
    assert fingerprint() == before


def test_publish_then_the_roster_shows_in_and_due(world: World, okrs: OKRs, as_bob: Client) -> None:
    _owners(world, okrs)
    okrs.kr.refresh_from_db()
    initiative_create(actor=None, organization=world.org, title="Cache the tokens",
                      key_results=[okrs.kr], target_date=okrs.cycle.end)  # fmt: skip
    assert "Publish the plan" in page(as_bob, f"/o/acme/cycles/{okrs.cycle.pk}/plan/")
    response = as_bob.post(f"/o/acme/cycles/{okrs.cycle.pk}/plan/")
    assert response.status_code == 302
    assert Plan.objects.filter(cycle=okrs.cycle, person=world.bob).exists()
    html = page(as_bob, f"/o/acme/cycles/{okrs.cycle.pk}/plans/")
    assert "<strong>1</strong> of 2 plans in" in html
    # The fixture's cycle started 30 days ago: with the default 14 days Carol's plan is missing.
    assert f'id="plan-{okrs.carol.pk}" class="plan-missing"' in html
    assert f'id="plan-{world.bob.pk}" class="plan-published"' in html


def test_the_plan_window_is_the_organizations(world: World, okrs: OKRs, as_bob: Client) -> None:
    _owners(world, okrs)
    Organization.objects.filter(pk=world.org.pk).update(plan_window_days=45)
    html = page(as_bob, f"/o/acme/cycles/{okrs.cycle.pk}/plans/")
    assert f'id="plan-{okrs.carol.pk}" class="plan-due"' in html
    due = okrs.cycle.start + timedelta(days=44)
    assert f'datetime="{due:%Y-%m-%d}"' in html


def test_a_window_out_of_bounds_is_refused(world: World) -> None:
    before = fingerprint()
    response = signed_in(world.alice).post(
        "/o/acme/settings/",
        {"yellow_from": "0.4", "green_from": "0.7", "checkin_weekday": "0",
         "max_objectives_per_team": "1", "max_key_results_per_objective": "5",
         "key_result_cap": "10", "cascaded_warn_pct": "40", "aligned_drop_warn_pct": "5",
         "plan_window_days": "0"},
    )  # fmt: skip
    assert "The plan window is between 1 and 60 days" in response.content.decode()
    assert fingerprint() == before


def test_changes_after_publishing_are_recorded(world: World, okrs: OKRs, as_bob: Client) -> None:
    _owners(world, okrs)
    okrs.kr.refresh_from_db()
    item = initiative_create(actor=None, organization=world.org, title="Cache the tokens",
                             key_results=[okrs.kr], target_date=okrs.cycle.end)  # fmt: skip
    as_bob.post(f"/o/acme/cycles/{okrs.cycle.pk}/plan/")
    initiative_update(
        actor=world.bob, initiative=item, target_date=okrs.cycle.end - timedelta(days=3)
    )
    plan = Plan.objects.get(cycle=okrs.cycle, person=world.bob)
    assert plan.changes_since == 1
    change = ChangeRecord.objects.filter(entity="initiative", entity_id=item.pk).latest("id")
    assert change.summary.endswith("(after the plan was published)")
    assert Initiative.objects.get(pk=item.pk).target_date == okrs.cycle.end - timedelta(days=3)
