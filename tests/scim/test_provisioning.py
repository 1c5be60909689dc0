"""An identity provider provisions Acme over real HTTP (pytest-django's live server on the
run's database): the requests Okta and Microsoft Entra ID send, as they send them — filters,
paging, PATCH in each one's dialect, deactivation that signs the person out and kills their
API tokens, groups that are teams — and what lands in Bearing's tables."""

from __future__ import annotations

from typing import Any

import pytest
import requests
from django.test import Client

from bearing.orgs.models import Membership, Team, TeamMember
from bearing.orgs.services import token_create
from tests import factories
from tests.conftest import World
from tests.scim.conftest import ERROR_SCHEMA, GROUP_SCHEMA, PATCH_SCHEMA, USER_SCHEMA, Scim

ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"


class IdP:
    """An identity provider's HTTP client for one organization's token."""

    def __init__(self, base: str, token: str) -> None:
        self.base = f"{base}/scim/v2"
        self.http = requests.Session()
        self.http.headers.update(
            {"Authorization": f"Bearer {token}", "Content-Type": "application/scim+json"}
        )

    def get(self, path: str, **params: Any) -> requests.Response:
        return self.http.get(self.base + path, params=params, timeout=30)

    def send(self, method: str, path: str, body: Any) -> requests.Response:
        return self.http.request(method, self.base + path, json=body, timeout=30)

    def patch(self, path: str, *operations: dict[str, Any]) -> requests.Response:
        return self.send("PATCH", path, {"schemas": [PATCH_SCHEMA], "Operations": list(operations)})


@pytest.fixture
def okta(live_server: Any, scim: Scim) -> IdP:
    return IdP(live_server.url, scim.acme)


def member(world: World, email: str) -> Membership:
    return Membership.objects.select_related("person").get(
        organization=world.org, person__email=email
    )


def team_emails(team: Team) -> set[str]:
    return set(TeamMember.objects.filter(team=team).values_list("person__email", flat=True))


def okta_user(email: str, given: str, family: str, active: bool = True) -> dict[str, Any]:
    """The body Okta's SCIM 2.0 app sends to create (and, with PUT, to update) a user."""
    return {
        "schemas": [USER_SCHEMA],
        "userName": email,
        "name": {"givenName": given, "familyName": family},
        "emails": [{"primary": True, "value": email, "type": "work"}],
        "displayName": f"{given} {family}",
        "locale": "en-US",
        "externalId": "00u" + email.split("@")[0],
        "groups": [],
        "password": "ignored-by-bearing",
        "active": active,
    }


def test_okta_creates_updates_deactivates_and_reactivates_a_user(scim: Scim, okta: IdP) -> None:
    world = scim.world
    # Okta looks for the user first, then creates them.
    found = okta.get("/Users", filter='userName eq "dana@acme.example"', startIndex=1, count=100)
    assert found.status_code == 200
    assert found.json()["totalResults"] == 0 and found.json()["Resources"] == []
    created = okta.send("POST", "/Users", okta_user("dana@acme.example", "Dana", "Diaz"))
    assert created.status_code == 201, created.text
    assert created.headers["Content-Type"] == "application/scim+json"
    user = created.json()
    assert created.headers["Location"] == f"{okta.base}/Users/{user['id']}"
    assert user["userName"] == "dana@acme.example" and user["active"] is True
    assert user["name"] == {"formatted": "Dana Diaz", "givenName": "Dana", "familyName": "Diaz"}
    assert user["externalId"] == "00udana"
    dana = member(world, "dana@acme.example")
    assert str(dana.pk) == user["id"] and dana.role == "member" and dana.is_active
    assert dana.person.name == "Dana Diaz" and not dana.person.has_usable_password()
    # Found by userName (any case), by externalId, by id.
    for query in ('userName eq "DANA@acme.example"', 'externalId eq "00udana"',
                  f'id eq "{user["id"]}"'):  # fmt: skip
        listed = okta.get("/Users", filter=query).json()
        assert [u["id"] for u in listed["Resources"]] == [user["id"]], query
    assert okta.get(f"/Users/{user['id']}").json() == user
    # A second create of the same userName is a conflict.
    again = okta.send("POST", "/Users", okta_user("dana@acme.example", "Dana", "Diaz"))
    assert again.status_code == 409
    assert again.json()["scimType"] == "uniqueness"
    assert again.json()["schemas"] == [ERROR_SCHEMA]
    # Okta pushes profile changes with PUT.
    renamed = okta.send(
        "PUT", f"/Users/{user['id']}", okta_user("dana@acme.example", "Dana", "Ortiz")
    )
    assert renamed.status_code == 200 and renamed.json()["name"]["familyName"] == "Ortiz"
    assert member(world, "dana@acme.example").person.name == "Dana Ortiz"
    # …and deactivates and reactivates with PATCH, no path.
    off = okta.patch(f"/Users/{user['id']}", {"op": "replace", "value": {"active": False}})
    assert off.status_code == 200 and off.json()["active"] is False
    assert not member(world, "dana@acme.example").is_active
    on = okta.patch(f"/Users/{user['id']}", {"op": "replace", "value": {"active": True}})
    assert on.json()["active"] is True and member(world, "dana@acme.example").is_active


def test_entra_provisions_with_its_own_patch_dialect(scim: Scim, live_server: Any) -> None:
    world = scim.world
    entra = IdP(live_server.url, scim.acme)
    # Entra's connection test asks for a user that cannot exist.
    probe = entra.get("/Users", filter='userName eq "non-existent-user-4b2c"')
    assert probe.status_code == 200 and probe.json()["totalResults"] == 0
    body = {
        "schemas": [USER_SCHEMA, ENTERPRISE],
        "externalId": "8d3f-erin",
        "userName": "erin@acme.example",
        "active": True,
        "displayName": "Erin Evans",
        "emails": [{"primary": True, "type": "work", "value": "erin@acme.example"}],
        "name": {"formatted": "Erin Evans", "familyName": "Evans", "givenName": "Erin"},
        ENTERPRISE: {"department": "Payments"},
    }
    created = entra.send("POST", "/Users", body)
    assert created.status_code == 201, created.text
    user_id = created.json()["id"]
    assert entra.get("/Users", filter='externalId eq "8d3f-erin"').json()["totalResults"] == 1
    # Capitalised ops, paths, booleans as strings, attributes Bearing does not keep.
    changed = entra.patch(
        f"/Users/{user_id}",
        {"op": "Replace", "path": "displayName", "value": "Erin Evans-Ng"},
        {"op": "Add", "path": "name.familyName", "value": "Evans-Ng"},
        {"op": "Replace", "path": 'emails[type eq "work"].value', "value": "erin@acme.example"},
        {"op": "Add", "path": f"{ENTERPRISE}:department", "value": "Growth"},
        {"op": "Replace", "path": "externalId", "value": "8d3f-erin-2"},
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["externalId"] == "8d3f-erin-2"
    assert changed.json()["name"]["familyName"] == "Evans-Ng"
    assert member(world, "erin@acme.example").person.name == "Erin Evans-Ng"
    off = entra.patch(f"/Users/{user_id}", {"op": "Replace", "path": "active", "value": "False"})
    assert off.status_code == 200 and off.json()["active"] is False
    assert not member(world, "erin@acme.example").is_active
    wrong = entra.patch(f"/Users/{user_id}", {"op": "Replace", "path": "active", "value": "maybe"})
    assert wrong.status_code == 400 and wrong.json()["scimType"] == "invalidValue"
    bad_op = entra.patch(f"/Users/{user_id}", {"op": "Move", "path": "active", "value": True})
    assert bad_op.status_code == 400 and bad_op.json()["status"] == "400"
    # Groups: created with an externalId, found by name without their members, members added
    # and removed with value lists, renamed.
    group = entra.send("POST", "/Groups", {"schemas": [GROUP_SCHEMA], "displayName": "Platform",
                                           "externalId": "g-platform", "members": []})  # fmt: skip
    assert group.status_code == 201, group.text
    group_id = group.json()["id"]
    found = entra.get("/Groups", filter='displayName eq "Platform"', excludedAttributes="members")
    assert [g["id"] for g in found.json()["Resources"]] == [group_id]
    assert "members" not in found.json()["Resources"][0]
    bob = scim.user_id("bob@acme.example")
    vic = scim.user_id("vic@acme.example")
    added = entra.patch(f"/Groups/{group_id}",
                        {"op": "Add", "path": "members", "value": [{"value": bob}, {"value": vic}]})  # fmt: skip
    assert added.status_code == 200, added.text
    platform = Team.objects.get(pk=group_id)
    assert platform.parent == world.company
    assert team_emails(platform) == {"bob@acme.example", "vic@acme.example"}
    entra.patch(
        f"/Groups/{group_id}", {"op": "Remove", "path": "members", "value": [{"value": vic}]}
    )
    assert team_emails(platform) == {"bob@acme.example"}
    entra.patch(f"/Groups/{group_id}", {"op": "Replace", "path": "displayName", "value": "Core"})
    assert Team.objects.get(pk=group_id).name == "Core"
    assert entra.get("/Groups", filter='externalId eq "g-platform"').json()["totalResults"] == 1


def test_okta_pushes_groups_as_teams(scim: Scim, okta: IdP) -> None:
    world = scim.world
    bob, vic = scim.user_id("bob@acme.example"), scim.user_id("vic@acme.example")
    created = okta.send("POST", "/Groups", {"schemas": [GROUP_SCHEMA], "displayName": "Design",
                                            "members": [{"value": bob, "display": "Bob"}]})  # fmt: skip
    assert created.status_code == 201, created.text
    group = created.json()
    assert group["members"][0]["value"] == bob and group["members"][0]["display"] == "Bob"
    design = Team.objects.get(pk=group["id"])
    assert team_emails(design) == {"bob@acme.example"}
    okta.patch(f"/Groups/{design.pk}",
               {"op": "add", "path": "members", "value": [{"value": vic, "display": "vic"}]})  # fmt: skip
    assert team_emails(design) == {"bob@acme.example", "vic@acme.example"}
    okta.patch(f"/Groups/{design.pk}", {"op": "remove", "path": f'members[value eq "{bob}"]'})
    assert team_emails(design) == {"vic@acme.example"}
    renamed = okta.patch(f"/Groups/{design.pk}",
                         {"op": "replace", "value": {"id": str(design.pk), "displayName": "UX"}})  # fmt: skip
    assert renamed.json()["displayName"] == "UX" and Team.objects.get(pk=design.pk).name == "UX"
    # A PUT gives the whole member list.
    put = okta.send("PUT", f"/Groups/{design.pk}", {"schemas": [GROUP_SCHEMA], "displayName": "UX",
                                                    "members": [{"value": bob}]})  # fmt: skip
    assert put.status_code == 200 and [m["value"] for m in put.json()["members"]] == [bob]
    assert team_emails(design) == {"bob@acme.example"}
    # Existing teams are groups too, with their members; a name taken is a conflict.
    payments = okta.get(f"/Groups/{world.payments.pk}").json()
    assert payments["displayName"] == "Payments" and [m["value"] for m in payments["members"]] == [
        bob
    ]
    taken = okta.send("POST", "/Groups", {"schemas": [GROUP_SCHEMA], "displayName": "Payments"})
    assert taken.status_code == 409 and taken.json()["scimType"] == "uniqueness"
    # DELETE archives the team: gone for SCIM, its history kept in Bearing.
    assert okta.send("DELETE", f"/Groups/{design.pk}", None).status_code == 204
    assert okta.get(f"/Groups/{design.pk}").status_code == 404
    assert Team.objects.get(pk=design.pk).is_archived


def test_deactivation_signs_out_and_revokes_api_tokens(
    scim: Scim, okta: IdP, live_server: Any
) -> None:
    world = scim.world
    browser = Client()
    browser.force_login(world.bob)
    session = requests.Session()
    session.cookies.set("sessionid", browser.cookies["sessionid"].value)
    _, api_token = token_create(organization=world.org, person=world.bob, name="pipeline")
    api = {"Authorization": f"Bearer {api_token}"}
    home = f"{live_server.url}/o/acme/"
    assert session.get(home, allow_redirects=False, timeout=30).status_code == 200
    assert (
        requests.get(f"{live_server.url}/api/v1/cycles", headers=api, timeout=30).status_code == 200
    )

    bob = scim.user_id("bob@acme.example")
    off = okta.patch(f"/Users/{bob}", {"op": "replace", "value": {"active": False}})
    assert off.status_code == 200 and off.json()["active"] is False

    signed_out = session.get(home, allow_redirects=False, timeout=30)
    assert signed_out.status_code == 302 and signed_out.headers["Location"].startswith("/sign-in/")
    assert (
        requests.get(f"{live_server.url}/api/v1/cycles", headers=api, timeout=30).status_code == 401
    )
    # Reactivating lets them sign in again; the revoked token stays revoked.
    okta.patch(f"/Users/{bob}", {"op": "replace", "value": {"active": True}})
    assert (
        requests.get(f"{live_server.url}/api/v1/cycles", headers=api, timeout=30).status_code == 401
    )
    assert member(world, "bob@acme.example").is_active


def test_delete_deactivates_hides_and_a_new_create_brings_back(scim: Scim, okta: IdP) -> None:
    world = scim.world
    bob = scim.user_id("bob@acme.example")
    assert okta.send("DELETE", f"/Users/{bob}", None).status_code == 204
    assert okta.get(f"/Users/{bob}").status_code == 404
    assert okta.get("/Users", filter='userName eq "bob@acme.example"').json()["totalResults"] == 0
    assert not member(world, "bob@acme.example").is_active
    back = okta.send("POST", "/Users", okta_user("bob@acme.example", "Bob", "Baker"))
    assert back.status_code == 201 and back.json()["id"] == bob and back.json()["active"] is True
    assert member(world, "bob@acme.example").is_active


def test_the_last_admin_is_kept(scim: Scim, okta: IdP) -> None:
    alice = scim.user_id("alice@acme.example")
    refused = okta.patch(f"/Users/{alice}", {"op": "replace", "value": {"active": False}})
    assert refused.status_code == 400 and "admin" in refused.json()["detail"]
    assert member(scim.world, "alice@acme.example").is_active


def test_paging_and_filters(scim: Scim, okta: IdP) -> None:
    for n in range(5):
        assert (
            okta.send("POST", "/Users", okta_user(f"p{n}@acme.example", "P", str(n))).status_code
            == 201
        )
    everyone = okta.get("/Users").json()
    assert everyone["totalResults"] == 8  # Alice, Bob and Vic, and the five new
    page = okta.get("/Users", startIndex=3, count=2).json()
    assert page["startIndex"] == 3 and page["itemsPerPage"] == 2 and page["totalResults"] == 8
    assert [u["id"] for u in page["Resources"]] == [u["id"] for u in everyone["Resources"][2:4]]
    assert okta.get("/Users", startIndex=8, count=5).json()["itemsPerPage"] == 1
    assert okta.get("/Users", count=0).json()["Resources"] == []
    starts = okta.get("/Users", filter='userName sw "p" and not (userName eq "p0@acme.example")')
    assert starts.json()["totalResults"] == 4
    either = okta.get(
        "/Users", filter='userName eq "p1@acme.example" or userName eq "p2@acme.example"'
    )
    assert either.json()["totalResults"] == 2
    assert okta.get("/Users", filter="active eq true").json()["totalResults"] == 8
    for bad in ("userName eq ana", 'title eq "CEO"', 'userName eq "a" and', 'userName zz "a"'):
        answer = okta.get("/Users", filter=bad)
        assert answer.status_code == 400, bad
        assert answer.json()["scimType"] == "invalidFilter"
    assert okta.get("/Users", count="ten").status_code == 400
    groups = okta.get("/Groups", filter='displayName eq "payments"').json()
    assert [g["displayName"] for g in groups["Resources"]] == ["Payments"]
    bob = scim.user_id("bob@acme.example")
    with_bob = okta.get("/Groups", filter=f'members.value eq "{bob}"').json()
    assert [g["displayName"] for g in with_bob["Resources"]] == ["Payments"]


def test_bad_bodies_are_400(scim: Scim, okta: IdP) -> None:
    no_name = okta.send("POST", "/Users", {"schemas": [USER_SCHEMA], "active": True})
    assert no_name.status_code == 400 and no_name.json()["scimType"] == "invalidValue"
    not_mail = okta.send("POST", "/Users", {"schemas": [USER_SCHEMA], "userName": "not-an-address"})
    assert not_mail.status_code == 400
    not_json = okta.http.post(f"{okta.base}/Users", data="{", timeout=30)
    assert not_json.status_code == 400 and not_json.json()["scimType"] == "invalidSyntax"
    no_ops = okta.send("PATCH", f"/Users/{scim.user_id('bob@acme.example')}", {"schemas": []})
    assert no_ops.status_code == 400
    unknown = okta.patch(f"/Groups/{scim.world.payments.pk}",
                         {"op": "add", "path": "members", "value": [{"value": "999999"}]})  # fmt: skip
    assert unknown.status_code == 400 and unknown.json()["scimType"] == "invalidValue"
    assert okta.send("PUT", "/Users", {}).status_code == 405
    # A trailing slash is the same path; anything else under /scim/v2 is SCIM's 404.
    assert okta.get("/Users/").json()["totalResults"] == 3
    assert okta.get("/Bulk").json()["schemas"] == [ERROR_SCHEMA]


def test_another_organizations_token_sees_nothing_here(scim: Scim, live_server: Any) -> None:
    globex = IdP(live_server.url, scim.globex)
    bob = scim.user_id("bob@acme.example")
    assert globex.get(f"/Users/{bob}").status_code == 404
    off = globex.patch(f"/Users/{bob}", {"op": "replace", "value": {"active": False}})
    assert off.status_code == 404 and member(scim.world, "bob@acme.example").is_active
    assert globex.get("/Users", filter='userName eq "bob@acme.example"').json()["totalResults"] == 0
    nobody = IdP(live_server.url, "brgscim_wrong")
    answer = nobody.get("/Users")
    assert answer.status_code == 401 and answer.json()["schemas"] == [ERROR_SCHEMA]


def test_someone_in_two_organizations_keeps_the_other(
    scim: Scim, okta: IdP, live_server: Any
) -> None:
    """Deactivation follows the people service's rule: sessions end with the last organization.
    Until then the person is out of this one (and its API tokens), still in the other."""
    world = scim.world
    factories.make_member(world.other_org, "bob@acme.example", "member")
    world.bob.refresh_from_db()  # the factory set the password again: sign in with today's
    browser = Client()
    browser.force_login(world.bob)
    session = requests.Session()
    session.cookies.set("sessionid", browser.cookies["sessionid"].value)
    okta.patch(f"/Users/{scim.user_id('bob@acme.example')}",
               {"op": "replace", "value": {"active": False}})  # fmt: skip
    acme = session.get(f"{live_server.url}/o/acme/", allow_redirects=False, timeout=30)
    assert acme.status_code == 404, acme.headers.get("Location")
    globex = session.get(f"{live_server.url}/o/globex/", allow_redirects=False, timeout=30)
    assert globex.status_code == 200
    # Acme's provider cannot rename an account Globex shares.
    renamed = okta.send("PUT", f"/Users/{scim.user_id('bob@acme.example')}",
                        okta_user("robert@acme.example", "Robert", "B"))  # fmt: skip
    assert renamed.status_code == 400 and renamed.json()["scimType"] == "mutability"
    assert member(world, "bob@acme.example").person.name == "Bob"
