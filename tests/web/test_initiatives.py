"""Initiatives: the backlog items under a key result."""

from __future__ import annotations

from django.test import Client

from bearing.okrs.models import Initiative
from tests.conftest import World
from tests.web.conftest import OKRs, page


def test_add_an_initiative_under_a_key_result(world: World, okrs: OKRs, as_bob: Client) -> None:
    url = f"/o/acme/key-results/{okrs.kr.pk}/initiatives/new/"
    html = page(as_bob, url)
    assert ">Title<" in html and ">Status<" in html and ">Target date " in html
    response = as_bob.post(url, {"title": "Remember cards", "status": "in_progress", "owner": world.bob.pk,
                                 "target_date": "2030-01-31", "url": "https://tracker.example/PAY-1"})  # fmt: skip
    assert response.status_code == 302
    initiative = Initiative.objects.get(title="Remember cards")
    assert list(initiative.key_results.all()) == [okrs.kr]
    html = page(as_bob, f"/o/acme/objectives/{okrs.objective.pk}/")
    assert (
        '<a href="https://tracker.example/PAY-1" rel="noopener noreferrer">Remember cards</a>'
        in html
    )


def test_a_bad_link_is_shown_next_to_the_field(okrs: OKRs, as_bob: Client) -> None:
    html = as_bob.post(f"/o/acme/key-results/{okrs.kr.pk}/initiatives/new/",
                       {"title": "Remember cards", "status": "planned", "url": "javascript:alert(1)"}).content.decode()  # fmt: skip
    assert 'id="id_url_error"' in html and not Initiative.objects.exists()
