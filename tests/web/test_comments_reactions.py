"""Comments and reactions on check-ins: htmx fragments, with a plain-form fallback."""

from __future__ import annotations

import re

from django.test import Client

from bearing.okrs.models import Comment, Reaction
from tests.conftest import World
from tests.web.conftest import OKRs, page

HTMX = {"HX-Request": "true"}


def test_comment_with_htmx_returns_the_updated_fragment(okrs: OKRs, as_carol: Client) -> None:
    url = f"/o/acme/check-ins/{okrs.checkin.pk}/comments/"
    response = as_carol.post(url, {"text": "Well done! <script>x()</script>"}, headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and html.lstrip().startswith(
        f'<div class="talk" id="talk-{okrs.checkin.pk}">'
    )
    assert "Well done! &lt;script&gt;x()&lt;/script&gt;" in html and "<script>x()" not in html
    assert "<!doctype" not in html  # a fragment, not a page
    assert Comment.objects.get(checkin=okrs.checkin).author == okrs.carol


def test_an_empty_comment_shows_the_error_in_the_fragment(okrs: OKRs, as_carol: Client) -> None:
    html = as_carol.post(
        f"/o/acme/check-ins/{okrs.checkin.pk}/comments/", {"text": "  "}, headers=HTMX
    ).content.decode()
    assert f'id="id_checkin{okrs.checkin.pk}_text_error"' in html
    assert not Comment.objects.exists()


def test_comment_without_javascript_goes_back_to_the_check_in(okrs: OKRs, as_carol: Client) -> None:
    response = as_carol.post(f"/o/acme/check-ins/{okrs.checkin.pk}/comments/", {"text": "Nice"})
    assert response.status_code == 302
    assert (
        response["Location"] == f"/o/acme/objectives/{okrs.objective.pk}/#checkin-{okrs.checkin.pk}"
    )


def button(html: str, word: str) -> str:
    """The reaction button whose word is ``word``."""
    found = re.search(
        rf"<button[^>]*>(?:(?!</button>).)*{word}(?:(?!</button>).)*</button>", html, re.S
    )
    assert found is not None, html
    return found.group(0)


def test_reactions_toggle(world: World, okrs: OKRs, as_alice: Client) -> None:
    url = f"/o/acme/check-ins/{okrs.checkin.pk}/reactions/"
    html = as_alice.post(url, {"kind": "celebrate"}, headers=HTMX).content.decode()
    pressed = button(html, "Celebrate")
    assert 'aria-pressed="true"' in pressed and '<span class="count">1</span>' in pressed
    assert Reaction.objects.filter(
        checkin=okrs.checkin, person=world.alice, kind="celebrate"
    ).exists()
    html = as_alice.post(url, {"kind": "celebrate"}, headers=HTMX).content.decode()
    released = button(html, "Celebrate")
    assert 'aria-pressed="false"' in released and 'class="count"' not in released
    assert not Reaction.objects.exists()


def test_reactions_are_drawn_without_emoji(okrs: OKRs, as_alice: Client) -> None:
    # Emoji show as empty boxes where no emoji font is installed (only DejaVu, say): each
    # reaction is an inline SVG icon beside its word.
    html = page(as_alice, f"/o/acme/objectives/{okrs.objective.pk}/")
    assert not re.search("[\U0001f300-\U0001faff]", html)
    for word in ("Celebrate", "Thanks", "Support", "Seen"):
        assert '<svg class="icon" aria-hidden="true"' in button(html, word)


def test_unknown_reaction_changes_nothing(okrs: OKRs, as_alice: Client) -> None:
    response = as_alice.post(f"/o/acme/check-ins/{okrs.checkin.pk}/reactions/", {"kind": "boo"})
    assert response.status_code == 302 and not Reaction.objects.exists()
