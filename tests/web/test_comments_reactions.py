"""Comments and reactions on check-ins: htmx fragments, with a plain-form fallback."""

from __future__ import annotations

from django.test import Client

from bearing.okrs.models import Comment, Reaction
from tests.conftest import World
from tests.web.conftest import OKRs

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_comment_with_htmx_returns_the_updated_fragment(okrs: OKRs, as_carol: Client) -> None:
    url = f"/o/acme/check-ins/{okrs.checkin.pk}/comments/"
    response = as_carol.post(url, {"text": "Well done! <script>x()</script>"}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and html.lstrip().startswith(
        f'<div class="talk" id="talk-{okrs.checkin.pk}">'
    )
    assert "Well done! &lt;script&gt;x()&lt;/script&gt;" in html and "<script>x()" not in html
    assert "<!doctype" not in html  # a fragment, not a page
    assert Comment.objects.get(checkin=okrs.checkin).author == okrs.carol


def test_an_empty_comment_shows_the_error_in_the_fragment(okrs: OKRs, as_carol: Client) -> None:
    html = as_carol.post(
        f"/o/acme/check-ins/{okrs.checkin.pk}/comments/", {"text": "  "}, **HTMX
    ).content.decode()
    assert f'id="id_checkin{okrs.checkin.pk}_text_error"' in html
    assert not Comment.objects.exists()


def test_comment_without_javascript_goes_back_to_the_check_in(okrs: OKRs, as_carol: Client) -> None:
    response = as_carol.post(f"/o/acme/check-ins/{okrs.checkin.pk}/comments/", {"text": "Nice"})
    assert response.status_code == 302
    assert (
        response["Location"] == f"/o/acme/objectives/{okrs.objective.pk}/#checkin-{okrs.checkin.pk}"
    )


def test_reactions_toggle(world: World, okrs: OKRs, as_alice: Client) -> None:
    url = f"/o/acme/check-ins/{okrs.checkin.pk}/reactions/"
    html = as_alice.post(url, {"kind": "celebrate"}, **HTMX).content.decode()
    assert 'aria-pressed="true">🎉 Celebrate <span class="count">1</span>' in html
    assert Reaction.objects.filter(
        checkin=okrs.checkin, person=world.alice, kind="celebrate"
    ).exists()
    html = as_alice.post(url, {"kind": "celebrate"}, **HTMX).content.decode()
    assert 'aria-pressed="false">🎉 Celebrate</button>' in html
    assert not Reaction.objects.exists()


def test_unknown_reaction_changes_nothing(okrs: OKRs, as_alice: Client) -> None:
    response = as_alice.post(f"/o/acme/check-ins/{okrs.checkin.pk}/reactions/", {"kind": "boo"})
    assert response.status_code == 302 and not Reaction.objects.exists()
