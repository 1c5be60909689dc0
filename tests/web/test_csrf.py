"""CSRF protection stays on for every write; the pages carry the token for forms and htmx."""

from __future__ import annotations

from django.test import Client

from tests.conftest import World
from tests.web.conftest import OKRs


def test_a_post_without_the_token_is_refused(world: World, okrs: OKRs) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.bob)
    response = client.post(f"/o/acme/objectives/{okrs.objective.pk}/state/", {"state": "closed"})
    assert response.status_code == 403


def test_forms_and_htmx_carry_the_token(world: World, okrs: OKRs) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.bob)
    html = client.get(f"/o/acme/objectives/{okrs.objective.pk}/").content.decode()
    assert 'name="csrfmiddlewaretoken"' in html and 'hx-headers=\'{"X-CSRFToken": "' in html
