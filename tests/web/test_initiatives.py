"""Initiatives: the backlog items under a key result."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client

from bearing.okrs.models import Initiative
from tests.conftest import World
from tests.fingerprint import fingerprint
from tests.web.conftest import OKRs, page


def test_add_an_initiative_under_a_key_result(world: World, okrs: OKRs, as_bob: Client) -> None:
    url = f"/o/acme/key-results/{okrs.kr.pk}/initiatives/new/"
    html = page(as_bob, url)
    assert ">Title<" in html and ">Status<" in html and ">Target date " in html
    response = as_bob.post(url, {"title": "Remember cards", "status": "in_progress", "owner": world.bob.pk,
                                 "target_date": okrs.cycle.end.isoformat(), "url": "https://tracker.example/PAY-1"})  # fmt: skip
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


def _two(okrs: OKRs) -> tuple[Initiative, Initiative]:
    from tests.web.routes import initiative

    first = Initiative.objects.get(pk=initiative(okrs)["pk"])
    second = Initiative.objects.exclude(pk=first.pk).get()
    return first, second


def test_a_target_date_outside_the_cycle_is_refused(okrs: OKRs, as_bob: Client) -> None:
    first, _ = _two(okrs)
    before = fingerprint()
    response = as_bob.post(
        f"/o/acme/initiatives/{first.pk}/edit/",
        {"title": "Cache", "status": "planned", "key_results": [okrs.kr.pk],
         "target_date": (okrs.cycle.end + timedelta(days=1)).isoformat()},
    )  # fmt: skip
    assert response.status_code == 200 and "Choose a day within Now" in response.content.decode()
    assert fingerprint() == before


def test_edit_makes_it_serve_several_key_results(okrs: OKRs, as_bob: Client) -> None:
    first, _ = _two(okrs)
    html = page(as_bob, f"/o/acme/initiatives/{first.pk}/edit/")
    assert okrs.milestone.title in html
    response = as_bob.post(
        f"/o/acme/initiatives/{first.pk}/edit/",
        {"title": "Cache the tokens", "status": "in_progress", "owner": okrs.objective.owner_id,
         "key_results": [okrs.kr.pk, okrs.milestone.pk], "url": "https://tracker.example/PAY-2"},
    )  # fmt: skip
    assert response.status_code == 302
    first.refresh_from_db()
    assert set(first.key_results.all()) == {okrs.kr, okrs.milestone}
    assert (first.status, first.url) == ("in_progress", "https://tracker.example/PAY-2")


def test_status_by_htmx_answers_the_backlog(okrs: OKRs, as_bob: Client) -> None:
    first, _ = _two(okrs)
    response = as_bob.post(
        f"/o/acme/initiatives/{first.pk}/status/", {"status": "done", "kr": okrs.kr.pk},
        headers={"HX-Request": "true"},
    )  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200 and html.strip().startswith(
        f'<div id="kr-{okrs.kr.pk}-initiatives"'
    )
    assert '<span class="badge initiative-done">Done</span>' in html


def test_a_status_that_does_not_exist_is_refused(okrs: OKRs, as_bob: Client) -> None:
    first, _ = _two(okrs)
    before = fingerprint()
    response = as_bob.post(f"/o/acme/initiatives/{first.pk}/status/", {"status": "someday"})
    assert response.status_code == 400 and fingerprint() == before


def test_reorder(okrs: OKRs, as_bob: Client) -> None:
    _first, second = _two(okrs)
    as_bob.post(f"/o/acme/initiatives/{second.pk}/move/", {"direction": "up", "kr": okrs.kr.pk})
    html = page(as_bob, f"/o/acme/objectives/{okrs.objective.pk}/")
    assert html.index("Retry declined cards") < html.index("Cache the tokens")


def test_remove(okrs: OKRs, as_bob: Client) -> None:
    first, _ = _two(okrs)
    response = as_bob.post(f"/o/acme/initiatives/{first.pk}/delete/", {"kr": okrs.kr.pk})
    assert response.status_code == 302 and not Initiative.objects.filter(pk=first.pk).exists()
