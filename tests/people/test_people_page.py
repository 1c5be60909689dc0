"""The People page for admins: every member with role, teams, last sign-in and last check-in,
searched and a page at a time; changing roles (never leaving the organization without an
admin); deactivating (signed out, tokens revoked, history kept, ownership handed over) and
reactivating."""

from __future__ import annotations

from django.test import Client
from django.utils import timezone

from bearing.okrs.models import ChangeRecord, Cycle, KeyResult, Objective
from bearing.okrs.services.checkins import checkin_create
from bearing.orgs.models import ApiToken, Membership, Person
from bearing.orgs.services import token_create
from tests import factories
from tests.conftest import World, signed_in
from tests.growth import check, grow, grow_people
from tests.reads import reads
from tests.web.conftest import OKRs, page

PEOPLE = "/o/acme/people/"


def membership(world: World, person: Person) -> Membership:
    return Membership.objects.get(organization=world.org, person=person)


def test_every_member_with_role_teams_sign_in_and_check_in(
    world: World, okrs: OKRs, as_alice: Client
) -> None:
    html = page(as_alice, PEOPLE)
    row = html[html.index(">Bob</a>") :]
    row = row[: row.index("</tr>")]
    assert "bob@acme.example" in row and '<option value="member" selected>' in row
    assert '>Payments</a> <span class="badge">lead</span>' in row
    assert okrs.checkin.created_at.strftime("%-d %b %Y") in row  # his last check-in
    assert "never" in row  # he never signed in (the tests force their sessions)
    assert "Carol" in html and "Vic" in html and "mallory" not in html


def test_search_and_filters(world: World, okrs: OKRs, as_alice: Client) -> None:
    html = page(as_alice, PEOPLE + "?q=car")
    assert "Carol" in html and ">Bob</a>" not in html
    html = page(as_alice, PEOPLE + "?role=viewer")
    assert ">Vic</a>" in html and ">Bob</a>" not in html


def test_changing_a_role(world: World, okrs: OKRs, as_alice: Client) -> None:
    response = as_alice.post(
        f"/o/acme/people/{okrs.carol.pk}/role/", {"role": "viewer", "back": PEOPLE + "?q=car"}
    )
    assert response["Location"] == PEOPLE + "?q=car"
    assert membership(world, okrs.carol).role == "viewer"
    change = ChangeRecord.objects.get(entity="membership", action="update")
    assert (change.actor, change.before, change.after) == (
        world.alice,
        {"role": "member"},
        {"role": "viewer"},
    )


def test_the_last_admin_cannot_demote_or_deactivate_themselves(
    world: World, okrs: OKRs, as_alice: Client
) -> None:
    html = as_alice.post(
        f"/o/acme/people/{world.alice.pk}/role/", {"role": "member"}, follow=True
    ).content.decode()
    assert (
        "An organization needs an admin, and alice@acme.example is the last one: make someone else an admin before you change this role"
        in html
    )
    html = as_alice.post(f"/o/acme/people/{world.alice.pk}/deactivate/").content.decode()
    assert "is the last one: make someone else an admin before you deactivate them" in html
    assert (
        membership(world, world.alice).role == "admin" and membership(world, world.alice).is_active
    )
    as_alice.post(f"/o/acme/people/{world.bob.pk}/role/", {"role": "admin"})
    as_alice.post(f"/o/acme/people/{world.alice.pk}/role/", {"role": "member"})
    assert membership(world, world.alice).role == "member"


def test_deactivating_signs_out_revokes_tokens_and_hands_over(
    world: World, okrs: OKRs, as_alice: Client
) -> None:
    KeyResult.objects.filter(pk=okrs.kr.pk).update(owner=world.bob)
    bobs_browser = signed_in(world.bob)
    _, raw = token_create(organization=world.org, person=world.bob, name="pipeline")
    assert Client().get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"}).status_code == 200
    form = page(as_alice, f"/o/acme/people/{world.bob.pk}/deactivate/")
    assert "They own 1 objective and 1 key result in cycles not closed yet." in form
    response = as_alice.post(
        f"/o/acme/people/{world.bob.pk}/deactivate/", {"hand_to": "carol@acme.example"}, follow=True
    )
    assert "Carol now owns 1 objective and 1 key result of theirs." in response.content.decode()
    assert bobs_browser.get("/o/acme/").status_code == 302  # his only organization: signed out
    assert Client().get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"}).status_code == 401
    assert ApiToken.objects.get(person=world.bob).revoked_at is not None
    assert Objective.objects.get(pk=okrs.objective.pk).owner == okrs.carol
    assert KeyResult.objects.get(pk=okrs.kr.pk).owner == okrs.carol
    assert (
        okrs.checkin.__class__.objects.get(pk=okrs.checkin.pk).author == world.bob
    )  # history stays
    summaries = list(ChangeRecord.objects.values_list("summary", flat=True))
    assert "deactivated bob@acme.example" in summaries
    assert (
        f"handed the objective “{okrs.objective.title}” from bob@acme.example to carol@acme.example"
        in summaries
    )
    html = page(as_alice, PEOPLE + "?state=deactivated")
    assert ">Bob</a>" in html and "deactivated " in html and "Reactivate" in html
    assert ">Bob</a>" not in page(as_alice, PEOPLE)


def test_closed_cycles_keep_their_owners(world: World, okrs: OKRs, as_alice: Client) -> None:
    old = factories.make_cycle(world.org, "2025-Q4")
    kept = factories.make_objective(
        old, "Ship the first release", team=world.payments, owner=world.bob
    )
    Cycle.objects.filter(pk=old.pk).update(state="closed")  # closed cycles take no objectives
    as_alice.post(f"/o/acme/people/{world.bob.pk}/deactivate/", {"hand_to": "carol@acme.example"})
    assert Objective.objects.get(pk=kept.pk).owner == world.bob


def test_a_member_of_another_organization_stays_signed_in_there(
    world: World, okrs: OKRs, as_alice: Client
) -> None:
    Membership.objects.create(organization=world.other_org, person=world.bob, role="member")
    browser = signed_in(world.bob)
    as_alice.post(f"/o/acme/people/{world.bob.pk}/deactivate/")
    assert browser.get("/o/acme/").status_code == 404
    assert browser.get("/o/globex/").status_code == 200
    assert browser.get("/")["Location"] == "/o/globex/"


def test_reactivating(world: World, okrs: OKRs, as_alice: Client) -> None:
    as_alice.post(f"/o/acme/people/{world.bob.pk}/deactivate/")
    as_alice.post(f"/o/acme/people/{world.bob.pk}/reactivate/")
    assert membership(world, world.bob).is_active
    world.bob.refresh_from_db()  # signing in again: his sessions had ended
    assert signed_in(world.bob).get("/o/acme/").status_code == 200
    assert "reactivated bob@acme.example" in ChangeRecord.objects.values_list("summary", flat=True)


def test_deactivated_people_cannot_be_given_anything(
    world: World, okrs: OKRs, as_alice: Client
) -> None:
    as_alice.post(f"/o/acme/people/{okrs.carol.pk}/deactivate/")
    html = as_alice.post(
        f"/o/acme/teams/{world.payments.pk}/members/", {"email": "carol@acme.example"}
    ).content.decode()
    assert "carol@acme.example is not an active member of this organization" in html
    assert b"carol@acme.example" not in as_alice.get("/o/acme/search/people/?q=car").content


def test_the_page_reads_a_bounded_amount(world: World, okrs: OKRs, as_alice: Client) -> None:
    grow_people(world, 60, prefix="Member", teams=(world.payments,))
    for person in list(Membership.objects.filter(person__email__startswith="member0000"))[:3]:
        checkin_create(actor=person.person, objective=okrs.objective, values={}, progress_status=None,
                       capacity_status="on_track", at=timezone.now())  # fmt: skip
    with reads() as small:
        page(as_alice, PEOPLE)
    grow(okrs.cycle, okrs.company_objective, world)
    grow_people(world, 600, teams=(world.payments, okrs.growth))
    with reads() as large:
        page(as_alice, PEOPLE)
    check(small, large)
