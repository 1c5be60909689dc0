"""Initiatives over the API: the backlog of a key result in order, several key results served,
dates within the cycle."""

from __future__ import annotations

from tests import factories
from tests.api.conftest import Seed, call


def test_add_reorder_and_serve_two_key_results(seed: Seed) -> None:
    token = seed.tokens["alice"]
    url = f"/key-results/{seed.key_result.pk}/initiatives"
    other = factories.make_key_result(seed.objective, "Grow refunds from 1 to 2")
    added = call(
        "POST", url, {"title": "Retry declined cards", "also_serves": [other.pk]}, token=token
    )
    assert added.status == 201 and added.json()["key_results"] == sorted(
        [seed.key_result.pk, other.pk]
    )
    listed = call("GET", url, token=token).json()
    assert [i["title"] for i in listed["items"]] == ["Cache the tokens", "Retry declined cards"]
    moved = call("PATCH", f"/initiatives/{added.json()['id']}", {"position": 1}, token=token)
    assert moved.status == 200
    listed = call("GET", url, token=token).json()
    assert [i["title"] for i in listed["items"]] == ["Retry declined cards", "Cache the tokens"]


def test_a_date_outside_the_cycle_names_the_cycle(seed: Seed) -> None:
    answer = call("PATCH", f"/initiatives/{seed.initiative.pk}", {"target_date": "2001-01-01"},
                  token=seed.tokens["alice"])  # fmt: skip
    assert answer.status == 422
    item = answer.json()["detail"][0]
    assert item["loc"] == ["body", "target_date"] and seed.world.cycle.name in item["msg"]


def test_no_key_results_is_refused(seed: Seed) -> None:
    answer = call("PATCH", f"/initiatives/{seed.initiative.pk}", {"key_results": []},
                  token=seed.tokens["alice"])  # fmt: skip
    assert answer.status == 422
