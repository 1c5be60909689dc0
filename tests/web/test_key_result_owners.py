"""A key result's owner reports on it (seeds 002, 004): they enter its values, edit it, add its
initiatives and check in on its objective, even outside the objective's team. Everything
else about the objective stays with its editors, and a 403 says who may."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from bearing.okrs.models import CheckIn, Initiative, KeyResult, Measurement
from bearing.okrs.services.checkins import suggested_status
from tests.web.conftest import OKRs, page


@pytest.fixture
def carol_owns_kr(okrs: OKRs) -> OKRs:
    """Carol (Growth) owns a key result of Payments' objective."""
    KeyResult.objects.filter(pk=okrs.kr.pk).update(owner=okrs.carol)
    okrs.kr.refresh_from_db()
    return okrs


def test_the_owner_checks_in_with_a_value_for_their_key_result(
    carol_owns_kr: OKRs, as_carol: Client
) -> None:
    okrs = carol_owns_kr
    url = f"/o/acme/objectives/{okrs.objective.pk}/check-in/"
    html = page(as_carol, url)
    assert f'name="kr-{okrs.kr.pk}"' in html
    assert f'name="kr-{okrs.milestone.pk}"' not in html  # not hers: no field for it
    suggestion = suggested_status(okrs.objective)
    response = as_carol.post(url, {f"kr-{okrs.kr.pk}": "60", f"kr-{okrs.milestone.pk}": "on",
                                   "progress_status": suggestion, "suggested": suggestion,
                                   "capacity_status": "on_track"})  # fmt: skip
    assert response.status_code == 302
    checkin = CheckIn.objects.latest("id")
    assert checkin.author == okrs.carol
    assert Measurement.objects.filter(checkin=checkin, key_result=okrs.kr, value=60).exists()
    assert not KeyResult.objects.get(pk=okrs.milestone.pk).done  # the milestone is not hers


def test_the_owner_edits_their_key_result_and_adds_initiatives(
    carol_owns_kr: OKRs, as_carol: Client
) -> None:
    okrs = carol_owns_kr
    objective_page = page(as_carol, f"/o/acme/objectives/{okrs.objective.pk}/")
    assert f"/o/acme/key-results/{okrs.kr.pk}/edit/" in objective_page
    assert f"/o/acme/key-results/{okrs.milestone.pk}/edit/" not in objective_page
    assert f"/o/acme/objectives/{okrs.objective.pk}/check-in/" in objective_page
    response = as_carol.post(f"/o/acme/key-results/{okrs.kr.pk}/edit/", {
        "title": "Cut payment time to 20 s", "kind": "decrease", "start": "120", "target": "20",
        "unit": "s", "weight": "1", "owner": okrs.carol.pk, "version": okrs.kr.version,
    })  # fmt: skip
    assert response.status_code == 302
    assert KeyResult.objects.get(pk=okrs.kr.pk).target == Decimal(20)
    as_carol.post(f"/o/acme/key-results/{okrs.kr.pk}/initiatives/new/",
                  {"title": "Cache card tokens", "status": "planned"})  # fmt: skip
    assert Initiative.objects.filter(title="Cache card tokens").exists()


@pytest.mark.parametrize(
    ("path", "why"),
    [
        ("key-results/{milestone}/edit/", "Only the key result’s owner, the objective’s owner, the members of its team and admins can change this key result."),
        ("key-results/{kr}/delete/", "Only the objective’s owner, the members of its team and admins can change this objective."),
        ("objectives/{objective}/edit/", "Only the objective’s owner, the members of its team and admins can change this objective."),
    ],
)  # fmt: skip
def test_the_rest_stays_with_the_objectives_editors_and_the_403_says_who(
    carol_owns_kr: OKRs, as_carol: Client, path: str, why: str
) -> None:
    okrs = carol_owns_kr
    ids = {"kr": okrs.kr.pk, "milestone": okrs.milestone.pk, "objective": okrs.objective.pk}
    response = as_carol.post(f"/o/acme/{path.format(**ids)}", {"title": "Mine now"})
    assert response.status_code == 403
    assert why in response.content.decode()
    assert KeyResult.objects.filter(pk=okrs.kr.pk).exists()


def test_someone_owning_no_key_result_may_not_check_in(okrs: OKRs, as_carol: Client) -> None:
    response = as_carol.get(f"/o/acme/objectives/{okrs.objective.pk}/check-in/")
    assert response.status_code == 403
    assert (
        "Only the objective’s owner, the members of its team, the owners of its key results "
        "and admins can check in on this objective." in response.content.decode()
    )


def test_viewers_are_told_their_role_reads_only(okrs: OKRs, as_vic: Client) -> None:
    response = as_vic.get(f"/o/acme/objectives/{okrs.objective.pk}/check-in/")
    assert response.status_code == 403
    assert "Your role is viewer: you may read these OKRs but not change them." in (
        response.content.decode()
    )
