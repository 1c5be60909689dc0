"""Over the API too, a key result's owner pushes its values, changes it and checks in with
them; deleting it, or any other key result's values, stays with the objective's editors."""

from __future__ import annotations

import pytest

from bearing.okrs.models import KeyResult
from tests import factories
from tests.api.conftest import Seed, assert_error_shape, call, token_for
from tests.fingerprint import fingerprint


@pytest.fixture
def owned(seed: Seed) -> tuple[Seed, str]:
    """Bob (Payments) owns a key result of the company's objective, which he may not edit."""
    KeyResult.objects.filter(pk=seed.key_result.pk).update(owner=seed.world.bob)
    seed.key_result.refresh_from_db()
    return seed, seed.tokens["bob"]


def test_the_owner_pushes_values_and_changes_the_key_result(owned: tuple[Seed, str]) -> None:
    seed, bob = owned
    kr = seed.key_result
    pushed = call("POST", f"/key-results/{kr.pk}/measurements", {"value": 60}, token=bob)
    assert pushed.status == 201, pushed.content
    changed = call("PATCH", f"/key-results/{kr.pk}", {"target": 30, "version": kr.version},
                   token=bob)  # fmt: skip
    assert changed.status == 200, changed.content


def test_the_owner_checks_in_with_their_values_only(owned: tuple[Seed, str]) -> None:
    seed, bob = owned
    other = factories.make_key_result(seed.objective, "Cut fees from 3 % to 2 %", start=3, target=2)
    url = f"/objectives/{seed.objective.pk}/check-ins"
    mine = {
        "capacity_status": "on_track",
        "values": [{"key_result": seed.key_result.pk, "value": 60}],
    }
    assert call("POST", url, mine, token=bob).status == 201
    before = fingerprint()
    theirs = call("POST", url, {"capacity_status": "on_track",
                                "values": [{"key_result": other.pk, "value": 2}]}, token=bob)  # fmt: skip
    assert theirs.status == 403
    assert_error_shape(theirs, ["body", "values", 0, "key_result"])
    assert fingerprint() == before


def test_deleting_stays_with_the_objectives_editors(owned: tuple[Seed, str]) -> None:
    seed, bob = owned
    answer = call("DELETE", f"/key-results/{seed.key_result.pk}", token=bob)
    assert answer.status == 403
    assert answer.json()["detail"][0]["msg"] == (
        "only the objective’s owner, the members of its team and admins can change this objective"
    )


def test_others_get_a_403_that_says_who_may(seed: Seed) -> None:
    carol = factories.make_member(seed.world.org, "carol@acme.example", "member")
    answer = call("POST", f"/key-results/{seed.key_result.pk}/measurements", {"value": 60},
                  token=token_for(seed.world, carol))  # fmt: skip
    assert answer.status == 403
    assert answer.json()["detail"][0]["msg"] == (
        "only the key result’s owner, the objective’s owner, the members of its team and admins "
        "can change this key result"
    )
