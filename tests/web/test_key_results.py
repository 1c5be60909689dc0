"""Adding, editing and deleting key results on an objective."""

from __future__ import annotations

from decimal import Decimal

from django.test import Client

from bearing.okrs.models import ChangeRecord, KeyResult
from tests.conftest import World
from tests.web.conftest import OKRs, page


def add_url(okrs: OKRs) -> str:
    return f"/o/acme/objectives/{okrs.objective.pk}/key-results/new/"


def test_the_objective_page_links_to_the_form(okrs: OKRs, as_bob: Client) -> None:
    assert f'href="{add_url(okrs)}">Add key result</a>' in page(
        as_bob, f"/o/acme/objectives/{okrs.objective.pk}/"
    )


def test_the_form_has_the_labelled_fields(okrs: OKRs, as_bob: Client) -> None:
    html = page(as_bob, add_url(okrs))
    for label in (">Title<", ">Kind ", ">Start ", ">Target ", ">Unit ", ">Weight<", ">Owner "):
        assert label in html, label


def test_add_a_key_result(world: World, okrs: OKRs, as_bob: Client) -> None:
    response = as_bob.post(add_url(okrs), {"title": "Grow refunds paid in a day to 90 %", "kind": "increase",
                                           "start": "40", "target": "90", "unit": "%", "weight": "2",
                                           "owner": world.bob.pk})  # fmt: skip
    assert response.status_code == 302
    kr = KeyResult.objects.get(title="Grow refunds paid in a day to 90 %")
    assert (kr.start, kr.target, kr.weight, kr.owner) == (
        Decimal(40),
        Decimal(90),
        Decimal(2),
        world.bob,
    )
    assert ChangeRecord.objects.filter(
        entity="key_result", entity_id=kr.pk, action="create"
    ).exists()


def test_a_kind_left_empty_follows_start_and_target(okrs: OKRs, as_bob: Client) -> None:
    response = as_bob.post(add_url(okrs), {"title": "Cut refund complaints from 30 to 5", "kind": "",
                                           "start": "30", "target": "5", "weight": "1"})  # fmt: skip
    assert response.status_code == 302
    assert KeyResult.objects.get(title="Cut refund complaints from 30 to 5").kind == "decrease"


def test_errors_are_shown_next_to_their_field(okrs: OKRs, as_bob: Client) -> None:
    response = as_bob.post(add_url(okrs), {"title": "Grow refunds", "kind": "increase", "start": "90",
                                           "target": "40", "unit": "%", "weight": "1"})  # fmt: skip
    html = response.content.decode()
    assert 'id="id_target_error"' in html and "needs a target above the start" in html
    assert 'value="Grow refunds"' in html and 'value="90"' in html
    html = as_bob.post(add_url(okrs), {"title": "X", "kind": "increase", "start": "abc", "target": "4",
                                       "weight": "1"}).content.decode()  # fmt: skip
    assert 'id="id_start_error"' in html and "“abc” is not a number" in html


def test_edit_and_delete(okrs: OKRs, as_bob: Client) -> None:
    url = f"/o/acme/key-results/{okrs.kr.pk}/edit/"
    html = page(as_bob, url)
    assert 'value="120"' in html and 'value="24"' in html  # plain numbers, not 120.000000
    as_bob.post(url, {"title": "Cut payment time to 20 s", "kind": "decrease", "start": "120", "target": "20",
                      "unit": "s", "weight": "1", "version": okrs.kr.version})  # fmt: skip
    assert KeyResult.objects.get(pk=okrs.kr.pk).target == Decimal(20)
    as_bob.post(f"/o/acme/key-results/{okrs.kr.pk}/delete/")
    assert not KeyResult.objects.filter(pk=okrs.kr.pk).exists()
    html = page(as_bob, f"/o/acme/objectives/{okrs.objective.pk}/")
    assert "removed key result “Cut payment time to 20 s”" in html
