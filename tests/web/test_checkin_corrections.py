"""On the objective page, the author of a check-in or a comment edits or deletes it (deleting
asks first); others see no such controls and get 403."""

from __future__ import annotations

from django.test import Client

from bearing.okrs.models import CheckIn, Comment
from bearing.okrs.services.checkins import comment_add
from tests.conftest import World
from tests.web.conftest import OKRs, page


def objective_url(okrs: OKRs) -> str:
    return f"/o/acme/objectives/{okrs.objective.pk}/"


def test_the_author_edits_a_check_in_and_readers_see_it_was_edited(
    okrs: OKRs, as_bob: Client, as_carol: Client
) -> None:
    edit = f"/o/acme/check-ins/{okrs.checkin.pk}/edit/"
    assert f'href="{edit}"' in page(as_bob, objective_url(okrs))
    assert f'href="{edit}"' not in page(as_carol, objective_url(okrs))
    form = page(as_bob, edit)
    assert "Faster checkout shipped." in form
    response = as_bob.post(edit, {"progress_status": okrs.checkin.progress_status,
                                  "capacity_status": "needs_attention", "confidence": "55",
                                  "narrative": "Faster checkout shipped to everyone."})  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == f"{objective_url(okrs)}#checkin-{okrs.checkin.pk}"
    html = page(as_carol, objective_url(okrs))
    assert "Faster checkout shipped to everyone." in html and "(edited)" in html
    assert as_carol.get(edit).status_code == 403


def test_the_author_deletes_a_check_in_after_confirming(okrs: OKRs, as_bob: Client) -> None:
    delete = f"/o/acme/check-ins/{okrs.checkin.pk}/delete/"
    assert f'href="{delete}"' in page(as_bob, objective_url(okrs))
    confirm = page(as_bob, delete)
    assert (
        "Delete this check-in?" in confirm and CheckIn.objects.filter(pk=okrs.checkin.pk).exists()
    )
    as_bob.post(delete)
    assert not CheckIn.objects.filter(pk=okrs.checkin.pk).exists()
    assert "deleted a check-in" in page(as_bob, objective_url(okrs))


def test_the_author_edits_and_deletes_a_comment(
    world: World, okrs: OKRs, as_alice: Client, as_bob: Client
) -> None:
    comment = comment_add(actor=world.alice, checkin=okrs.checkin, text="Great progress!")
    edit = f"/o/acme/comments/{comment.pk}/edit/"
    delete = f"/o/acme/comments/{comment.pk}/delete/"
    mine = page(as_alice, objective_url(okrs))
    assert f'href="{edit}"' in mine and f'href="{delete}"' in mine
    assert f'href="{edit}"' not in page(as_bob, objective_url(okrs))
    assert as_bob.post(edit, {"text": "Hijacked"}).status_code == 403
    as_alice.post(edit, {"text": "Great progress, team!"})
    assert Comment.objects.get(pk=comment.pk).text == "Great progress, team!"
    assert "Delete this comment?" in page(as_alice, delete)
    as_alice.post(delete)
    assert not Comment.objects.filter(pk=comment.pk).exists()
