"""Signing in through a real OpenID Connect provider (django-oauth-toolkit, its own process on
127.0.0.1) with real HTTP requests against a live Bearing: linking by verified e-mail,
creating members when allowed, refusing otherwise, keeping organizations apart, and a clear
page for every failure (cancel, bad secret, provider down, replayed or foreign state)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests
from pytest_django.live_server_helper import LiveServer

from bearing.orgs.models import Membership, Person
from bearing.orgs.services import invitation_create
from bearing.sso.models import Identity
from bearing.sso.services import provider_save
from tests.conftest import World
from tests.sso.oidc import (
    LocalProvider,
    client,
    follow,
    form_fields,
    free_port,
    provider_sign_in,
    running_provider,
    sign_in_through,
    start,
)


@pytest.fixture(scope="module")
def provider(
    live_server: LiveServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LocalProvider]:
    base = live_server.url
    clients = [
        client("acme", [f"{base}/sso/acme/callback/"]),
        client("globex", [f"{base}/sso/globex/callback/"]),
        client("acme-consent", [f"{base}/sso/acme/callback/"], consent=True),
    ]
    with running_provider(tmp_path_factory.mktemp("provider"), clients) as running:
        yield running


@pytest.fixture
def base(live_server: LiveServer, transactional_db: None) -> str:
    return str(live_server.url)


def configure(world: World, provider: LocalProvider, org: str = "acme", **options: Any) -> None:
    organization = world.org if org == "acme" else world.other_org
    client_id = options.pop("client_id", org)
    provider_save(
        actor=None, organization=organization, name="Test IdP", issuer=provider.issuer,
        client_id=client_id, client_secret=options.pop("client_secret", f"{client_id}-secret"),
        **options,
    )  # fmt: skip


def reason(response: requests.Response) -> str:
    marker = 'data-reason="'
    assert marker in response.text, response.text[:2000]
    return response.text.split(marker, 1)[1].split('"', 1)[0]


def test_a_member_is_linked_by_verified_email_and_later_found_by_subject(
    world: World, provider: LocalProvider, base: str
) -> None:
    configure(world, provider)
    session = requests.Session()
    home = sign_in_through(session, base, "acme", "bob@acme.example")
    assert home.status_code == 200 and home.url == f"{base}/o/acme/"
    identity = Identity.objects.get(organization=world.org)
    assert identity.person == world.bob and identity.issuer == provider.issuer
    # The next sign-in finds Bob by the provider's subject, even once his e-mail changed here.
    Person.objects.filter(pk=world.bob.pk).update(email="robert@acme.example")
    again = sign_in_through(requests.Session(), base, "acme", "bob@acme.example")
    assert again.url == f"{base}/o/acme/"
    assert Identity.objects.count() == 1


def test_a_newcomer_becomes_a_member_when_the_organization_allows_it(
    world: World, provider: LocalProvider, base: str
) -> None:
    configure(world, provider, allow_new_members=True)
    home = sign_in_through(requests.Session(), base, "acme", "newcomer@acme.example")
    assert home.url == f"{base}/o/acme/"
    joined = Membership.objects.get(organization=world.org, person__email="newcomer@acme.example")
    assert joined.role == "member" and joined.person.name == "Nora Newcomer"
    assert not joined.person.has_usable_password()


def test_a_newcomer_is_refused_when_the_organization_does_not_allow_it(
    world: World, provider: LocalProvider, base: str
) -> None:
    configure(world, provider, allow_new_members=False)
    refused = sign_in_through(requests.Session(), base, "acme", "newcomer@acme.example")
    assert refused.status_code == 403 and reason(refused) == "not_a_member"
    assert "Ask one of its admins to invite you" in refused.text
    assert not Person.objects.filter(email="newcomer@acme.example").exists()


def test_an_invited_newcomer_joins_as_invited_even_when_newcomers_are_not_allowed(
    world: World, provider: LocalProvider, base: str
) -> None:
    configure(world, provider, allow_new_members=False)
    invitation_create(actor=world.alice, organization=world.org,
                      email="newcomer@acme.example", role="viewer")  # fmt: skip
    home = sign_in_through(requests.Session(), base, "acme", "newcomer@acme.example")
    assert home.url == f"{base}/o/acme/"
    joined = Membership.objects.get(organization=world.org, person__email="newcomer@acme.example")
    assert joined.role == "viewer"


def test_an_unverified_email_is_refused_even_when_newcomers_are_allowed(
    world: World, provider: LocalProvider, base: str
) -> None:
    configure(world, provider, allow_new_members=True)
    refused = sign_in_through(requests.Session(), base, "acme", "unverified@acme.example")
    assert refused.status_code == 403 and reason(refused) == "unverified"
    assert not Person.objects.filter(email="unverified@acme.example").exists()


def test_another_organizations_provider_signs_nobody_into_this_one(
    world: World, provider: LocalProvider, base: str
) -> None:
    # Globex's provider vouches for bob@acme.example: not a Globex member, so refused.
    configure(world, provider, org="globex")
    refused = sign_in_through(requests.Session(), base, "globex", "bob@acme.example")
    assert refused.status_code == 403 and reason(refused) == "not_a_member"
    # Even when Globex lets newcomers in, the session it opens enters only Globex.
    configure(world, provider, org="globex", allow_new_members=True)
    session = requests.Session()
    assert sign_in_through(session, base, "globex", "bob@acme.example").url == f"{base}/o/globex/"
    acme = session.get(f"{base}/o/acme/")
    assert acme.status_code == 403 and "Sign in again to enter Acme" in acme.text
    assert session.get(f"{base}/").url == f"{base}/o/globex/"  # not Acme, first by name
    assert "Make payments" not in acme.text


def test_an_answer_for_one_organization_is_refused_at_anothers_callback(
    world: World, provider: LocalProvider, base: str
) -> None:
    configure(world, provider)
    configure(world, provider, org="globex", allow_new_members=True)
    session = requests.Session()
    at_callback = provider_sign_in(
        session, start(session, base, "acme"), "bob@acme.example", stop_at="/callback/"
    )
    answer = at_callback.headers["Location"].split("?", 1)[1]
    foreign = session.get(f"{base}/sso/globex/callback/?{answer}")
    assert foreign.status_code == 400 and reason(foreign) == "state"
    assert session.get(f"{base}/o/globex/", allow_redirects=False).status_code == 302


def test_a_used_answer_cannot_be_used_again(
    world: World, provider: LocalProvider, base: str
) -> None:
    configure(world, provider)
    session = requests.Session()
    at_callback = provider_sign_in(
        session, start(session, base, "acme"), "bob@acme.example", stop_at="/callback/"
    )
    callback = at_callback.headers["Location"]
    assert follow(session, session.get(callback, allow_redirects=False)).url == f"{base}/o/acme/"
    replayed = requests.Session().get(callback)
    assert replayed.status_code == 400 and reason(replayed) == "state"


def test_cancelling_at_the_provider_gets_a_clear_page(
    world: World, provider: LocalProvider, base: str
) -> None:
    configure(world, provider, client_id="acme-consent")
    session = requests.Session()
    consent = provider_sign_in(session, start(session, base, "acme"), "bob@acme.example")
    assert "Authorize" in consent.text
    fields = form_fields(consent.text)[0]  # "Cancel": the form without "allow"
    cancelled = follow(session, session.post(consent.url, fields, allow_redirects=False))
    assert cancelled.status_code == 400 and reason(cancelled) == "cancelled"
    assert "was cancelled" in cancelled.text


def test_a_wrong_client_secret_gets_a_clear_page(
    world: World, provider: LocalProvider, base: str
) -> None:
    configure(world, provider, client_secret="not-the-secret")
    refused = sign_in_through(requests.Session(), base, "acme", "bob@acme.example")
    assert refused.status_code == 502 and reason(refused) == "bad_client"
    assert "client id or secret" in refused.text


def test_a_provider_that_does_not_answer_gets_a_clear_page(world: World, base: str) -> None:
    provider_save(actor=None, organization=world.org, name="Test IdP", client_id="acme",
                  issuer=f"http://127.0.0.1:{free_port()}/o", client_secret="s")  # fmt: skip
    session = requests.Session()
    down = start(session, base, "acme")
    assert down.status_code == 502 and reason(down) == "provider_down"
    assert "did not answer" in down.text


def test_a_discovery_document_naming_another_issuer_is_refused(
    world: World, provider: LocalProvider, base: str
) -> None:
    # The same provider reached by another name: its document names 127.0.0.1, not localhost.
    provider_save(actor=None, organization=world.org, name="Test IdP", client_id="acme",
                  issuer=provider.issuer.replace("127.0.0.1", "localhost"),
                  client_secret="acme-secret")  # fmt: skip
    refused = start(requests.Session(), base, "acme")
    assert refused.status_code == 502 and reason(refused) == "issuer_mismatch"
