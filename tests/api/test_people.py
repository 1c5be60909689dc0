"""/api/v1/teams/{id}, /teams/{id}/members, /people and /invitations beyond the route table:
what they change, and that their reads stay bounded as the organization grows."""

from __future__ import annotations

from bearing.orgs.models import Membership, Team
from tests.api.conftest import Seed, call
from tests.growth import check, grow, grow_people
from tests.reads import reads


def test_moving_under_oneself_is_refused_and_archiving_works(seed: Seed) -> None:
    w = seed.world
    mobile = Team.objects.create(organization=w.org, name="Mobile", parent=w.payments)
    answer = call(
        "PATCH", f"/teams/{w.payments.pk}", {"parent": mobile.pk}, token=seed.tokens["alice"]
    )
    assert answer.status == 422 and answer.json()["detail"][0]["loc"] == ["body", "parent"]
    answer = call("PATCH", f"/teams/{mobile.pk}", {"archived": True}, token=seed.tokens["alice"])
    assert answer.status == 200 and answer.json()["archived"] is True
    answer = call("PATCH", f"/teams/{w.payments.pk}", {"name": "Pay"}, token=seed.tokens["bob"])
    assert answer.status == 403


def test_leads_add_members_and_the_last_admin_stays(seed: Seed) -> None:
    w = seed.world
    answer = call(
        "POST",
        f"/teams/{w.payments.pk}/members",
        {"email": "alice@acme.example"},
        token=seed.tokens["bob"],
    )
    assert answer.status == 201 and answer.json()["person"]["email"] == "alice@acme.example"
    answer = call("PATCH", f"/people/{w.alice.pk}", {"role": "member"}, token=seed.tokens["alice"])
    assert answer.status == 422 and "last one" in answer.json()["detail"][0]["msg"]
    answer = call(
        "PATCH",
        f"/people/{w.bob.pk}",
        {"active": False, "hand_to": "alice@acme.example"},
        token=seed.tokens["alice"],
    )
    assert answer.status == 200 and answer.json()["active"] is False
    assert call("GET", "/me", token=seed.tokens["bob"]).status == 401
    assert not Membership.objects.get(person=w.bob, organization=w.org).is_active


def test_invitations_come_back_with_links_when_e_mail_is_not_set_up(seed: Seed) -> None:
    answer = call(
        "POST",
        "/invitations",
        {"emails": ["Dana@Example.com", "bob@acme.example"]},
        token=seed.tokens["alice"],
    )
    body = answer.json()
    assert answer.status == 201 and body["members"] == ["bob@acme.example"]
    (invited,) = body["invitations"]
    assert invited["email"] == "dana@example.com" and invited["sent"] is False
    assert invited["link"].startswith("http://testserver/invitations/")


def test_reads_stay_bounded(seed: Seed) -> None:
    w = seed.world
    grow_people(w, 60, prefix="Member", teams=(w.payments,))
    urls = [
        "/people?limit=20",
        f"/teams/{w.payments.pk}/members?limit=20",
        f"/teams/{w.payments.pk}",
    ]
    call("GET", "/me", token=seed.tokens["vic"])  # the token's first use is stamped: not a read
    small = {}
    for url in urls:
        with reads() as small[url]:
            assert call("GET", url, token=seed.tokens["vic"]).status == 200
    grow(w.cycle, seed.objective, w)
    grow_people(w, 600, teams=(w.payments, w.company))
    for url in urls:
        with reads() as large:
            call("GET", url, token=seed.tokens["vic"])
        check(small[url], large)
