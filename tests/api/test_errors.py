"""Whatever a client sends, the answer is a 4xx that says what and where — never a 500."""

from __future__ import annotations

from typing import Any

import pytest

from bearing.orgs.models import Membership
from bearing.orgs.services import token_revoke
from tests.api.conftest import Seed, assert_error_shape, call
from tests.fingerprint import fingerprint


@pytest.mark.parametrize(
    ("raw", "status", "loc"),
    [
        ("{not json", 400, ["body"]),
        ("[1, 2]", 422, ["body"]),
        ('{"title": 5}', 422, ["body", "cycle"]),
        ('{"cycle": "one", "title": "T"}', 422, ["body", "cycle"]),
        ('{"cycle": 1, "title": "T", "colour": "red"}', 422, ["body", "colour"]),
        ('{"cycle": 1, "title": "T\\u0000"}', 422, ["body", "title"]),
        ('{"cycle": 99999999999999999999999, "title": "T"}', 422, ["body", "cycle"]),
    ],
)
def test_malformed_bodies(seed: Seed, raw: str, status: int, loc: list[object]) -> None:
    before = fingerprint()
    answer = call("POST", "/objectives", raw=raw, token=seed.tokens["alice"])
    assert answer.status == status, answer.content
    assert_error_shape(answer, loc)
    assert fingerprint() == before


@pytest.mark.parametrize(
    "url", ["/objectives/99999999999999999999", "/objectives/1.5", "/cycles/0"]
)
def test_ids_out_of_range_are_422_not_500(seed: Seed, url: str) -> None:
    answer = call("GET", url, token=seed.tokens["alice"])
    assert answer.status == 422
    assert_error_shape(answer, ["path", "id"])


def test_a_moment_out_of_range_is_422(seed: Seed) -> None:
    answer = call("POST", f"/key-results/{seed.key_result.pk}/measurements",
                  {"value": 1, "measured_at": "0001-01-01T00:00:00+05:00"}, token=seed.tokens["alice"])  # fmt: skip
    assert answer.status == 422
    assert_error_shape(answer, ["body", "measured_at"])


def test_a_revoked_token_is_401(seed: Seed) -> None:
    from bearing.orgs.models import ApiToken

    for token in ApiToken.objects.filter(person=seed.world.bob):
        token_revoke(token=token)
    assert call("GET", "/me", token=seed.tokens["bob"]).status == 401


def test_a_token_dies_with_its_membership(seed: Seed) -> None:
    Membership.objects.filter(person=seed.world.bob).delete()
    assert call("GET", "/me", token=seed.tokens["bob"]).status == 401


def test_another_scheme_is_401(seed: Seed) -> None:
    answer = call("GET", "/me", headers={"Authorization": f"Basic {seed.tokens['alice']}"})
    assert answer.status == 401
    assert_error_shape(answer, ["header", "Authorization"])


def test_me_tells_who_the_token_speaks_for(seed: Seed) -> None:
    body = call("GET", "/me", token=seed.tokens["bob"]).json()
    assert (body["person"]["email"], body["role"], body["organization"]["slug"]) == (
        "bob@acme.example",
        "member",
        "acme",
    )
    assert body["teams"] == [{"id": seed.world.payments.pk, "name": "Payments", "is_lead": True}]
    assert body["token"]["name"] == "tests"


def test_a_body_too_large_is_413(seed: Seed, settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    answer = call("POST", "/okr-files", {"text": "x" * 2000}, token=seed.tokens["alice"])
    assert answer.status == 413
    assert_error_shape(answer, ["body"])


@pytest.mark.parametrize(
    ("method", "url", "status", "kind"),
    [
        ("GET", "/no-such-thing", 404, "not_found"),
        ("GET", "/objectives/1/nothing-here", 404, "not_found"),
        ("PUT", "/me", 405, "method_not_allowed"),
        ("DELETE", "/cycles", 405, "method_not_allowed"),
    ],
)
def test_unknown_paths_and_methods_answer_in_the_api_error_shape(
    seed: Seed, method: str, url: str, status: int, kind: str
) -> None:
    answer = call(method, url, token=seed.tokens["alice"])
    assert answer.status == status
    assert_error_shape(answer)
    assert answer.json()["detail"][0]["type"] == kind


@pytest.mark.parametrize(
    "url", ["/objectives?colour=red", "/changes?colour=red", "/people?q=a&q=b", "/teams?page=2"]
)
def test_unknown_or_repeated_query_parameters_are_422(seed: Seed, url: str) -> None:
    """`?ownr=ana@…` must not silently list everything (api/query_params.py)."""
    answer = call("GET", url, token=seed.tokens["alice"])
    assert answer.status == 422, answer.content
    name = url.split("?")[1].split("=")[0]
    assert_error_shape(answer, ["query", name])
