"""The organization's settings: admins only, errors next to their fields, every change in the
change history, nothing crossing organizations."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bearing.okrs.models import ChangeRecord
from bearing.orgs.models import Organization
from bearing.orgs.services import organization_update_settings
from tests.conftest import World, signed_in
from tests.web.conftest import OKRs, page
from tests.web.test_alignment_page import add_branch

URL = "/o/acme/settings/"
VALID = {"yellow_from": "0.3", "green_from": "0.8", "checkin_weekday": "2",
         "max_objectives_per_team": "2", "max_key_results_per_objective": "4",
         "key_result_cap": "12", "cascaded_warn_pct": "35", "aligned_drop_warn_pct": "7.5"}  # fmt: skip


def acme() -> Organization:
    return Organization.objects.get(slug="acme")


@pytest.mark.parametrize(
    ("role", "status"),
    [("alice", 200), ("bob", 403), ("carol", 403), ("vic", 403), ("mallory", 404)],
)
def test_only_admins_may_open_or_change_them(
    world: World, okrs: OKRs, role: str, status: int
) -> None:
    person = okrs.carol if role == "carol" else getattr(world, role)
    client = signed_in(person)
    assert client.get(URL).status_code == status
    response = client.post(URL, VALID)
    assert response.status_code == (302 if status == 200 else status)
    changed = acme().max_objectives_per_team == 2
    assert changed is (role == "alice")


def test_the_navigation_shows_settings_to_admins_only(
    okrs: OKRs, as_alice: Client, as_bob: Client
) -> None:
    assert f'<a href="{URL}">Settings</a>' in page(as_alice, "/o/acme/")
    assert URL not in page(as_bob, "/o/acme/")
    for link in ("/o/acme/api-tokens/", "/o/acme/okr-files/"):
        assert f'<a href="{link}">' in page(as_bob, "/o/acme/")


def test_saving_applies_them_and_records_the_change(
    world: World, okrs: OKRs, as_alice: Client
) -> None:
    response = as_alice.post(URL, VALID, follow=True)
    assert "Settings saved." in response.content.decode()
    org = acme()
    assert (org.yellow_from, org.green_from, org.checkin_weekday) == (
        Decimal("0.3"),
        Decimal("0.8"),
        2,
    )
    assert (org.max_objectives_per_team, org.max_key_results_per_objective) == (2, 4)
    assert (org.cascaded_warn_pct, org.aligned_drop_warn_pct) == (Decimal(35), Decimal("7.5"))
    record = ChangeRecord.objects.get(entity="organization")
    assert (record.actor, record.action, record.entity_id) == (world.alice, "update", org.pk)
    assert record.before == {"yellow_from": "0.4", "green_from": "0.7", "checkin_weekday": 0,
                             "max_objectives_per_team": 1, "max_key_results_per_objective": 5,
                             "key_result_cap": 10, "cascaded_warn_pct": "40", "aligned_drop_warn_pct": "5"}  # fmt: skip
    assert record.after is not None and record.after["aligned_drop_warn_pct"] == "7.5"
    history = page(as_alice, URL)
    changes = history[history.index('id="changes-heading"') :]
    assert "check-in day from Monday to Wednesday" in changes and "Alice" in changes
    assert "yellow threshold from 0.4 to 0.3" in changes and "from from" not in changes
    # The new thresholds are what the pages use.
    assert "Keep it at most 35%" in page(as_alice, "/o/acme/alignment/health/")


def test_saving_nothing_new_records_nothing(okrs: OKRs, as_alice: Client) -> None:
    same = {"yellow_from": "0.40", "green_from": "0.7", "checkin_weekday": "0",
            "max_objectives_per_team": "1", "max_key_results_per_objective": "5",
            "key_result_cap": "10", "cascaded_warn_pct": "40.0", "aligned_drop_warn_pct": "5"}  # fmt: skip
    assert as_alice.post(URL, same).status_code == 302
    assert not ChangeRecord.objects.filter(entity="organization").exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"green_from": "0.3"}, "green_from", "Must be above where yellow starts (0.3)"),
        ({"yellow_from": "1.5"}, "yellow_from", "Give a score above 0 and at most 1"),
        ({"yellow_from": "0.333"}, "yellow_from", "Use at most two decimals"),
        ({"yellow_from": "lots"}, "yellow_from", "“lots” is not a number: write a number such as"),
        ({"checkin_weekday": "9"}, "checkin_weekday", "Select a valid choice."),
        ({"max_objectives_per_team": "0"}, "max_objectives_per_team", "Give a whole number from 1 to 50"),
        ({"max_key_results_per_objective": "2.5"}, "max_key_results_per_objective", "Enter a whole number."),
        ({"cascaded_warn_pct": "120"}, "cascaded_warn_pct", "Give a percentage from 0 to 100"),
        ({"aligned_drop_warn_pct": "2.25"}, "aligned_drop_warn_pct", "Use at most one decimal"),
        ({"aligned_drop_warn_pct": ""}, "aligned_drop_warn_pct", "This field is required."),
    ],
)  # fmt: skip
def test_errors_are_shown_next_to_their_field_and_nothing_is_saved(
    okrs: OKRs, as_alice: Client, changes: dict[str, str], field: str, message: str
) -> None:
    response = as_alice.post(URL, {**VALID, **changes})
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<p class="error" id="id_{field}_error">{message}' in html
    assert 'aria-invalid="true"' in html and "Please correct what is marked below." in html
    assert acme().max_objectives_per_team == 1  # nothing saved
    assert not ChangeRecord.objects.filter(entity="organization").exists()


def test_each_organization_changes_only_its_own(
    world: World, okrs: OKRs, as_mallory: Client
) -> None:
    assert as_mallory.post("/o/globex/settings/", VALID).status_code == 302
    assert Organization.objects.get(slug="globex").max_objectives_per_team == 2
    assert acme().max_objectives_per_team == 1
    assert ChangeRecord.objects.get(entity="organization").organization.slug == "globex"
    assert "check-in day" not in page(signed_in(world.alice), URL)


def test_csrf_is_required(world: World, okrs: OKRs) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.alice)
    assert client.post(URL, VALID).status_code == 403
    assert acme().max_objectives_per_team == 1


def test_the_service_refuses_what_is_not_a_setting_or_of_the_wrong_type(world: World) -> None:
    with pytest.raises(ValidationError) as unknown:
        organization_update_settings(actor=None, organization=world.org, slug="evil")
    assert unknown.value.message_dict == {"slug": ["not a setting"]}
    with pytest.raises(ValidationError) as wrong:
        organization_update_settings(actor=None, organization=world.org, checkin_weekday="1",
                                     green_from=Decimal("NaN"))  # fmt: skip
    assert wrong.value.message_dict == {"green_from": ["give a number"],
                                        "checkin_weekday": ["give a whole number"]}  # fmt: skip
    organization_update_settings(actor=None, organization=world.org, green_from=1)
    assert acme().green_from == Decimal(1)


@pytest.mark.parametrize("size", [1, 15])
def test_query_count_does_not_grow(world: World, okrs: OKRs, as_alice: Client, size: int) -> None:
    for i in range(size):
        add_branch(world, okrs, i)
        as_alice.post(URL, {**VALID, "max_objectives_per_team": str(i + 2)})
    with CaptureQueriesContext(connection) as queries:
        page(as_alice, URL)
    # session, person, membership, the recent changes with their actors; the unread count;
    # the cadence, its channels, webhooks and delivery log (bearing.notify)
    assert len(queries) <= 9, "\n".join(q["sql"] for q in queries)
