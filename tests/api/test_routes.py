"""Every route, every case: success, bad input, no token, a wrong token, a viewer writing, and a
stranger from another organization. The routes are declared once, in ``routes.py``."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.api.conftest import Seed, assert_error_shape, call
from tests.api.routes import ROUTES, Route
from tests.fingerprint import fingerprint


def _body(route: Route, seed: Seed) -> object:
    return route.body(seed) if route.body else None


def success(route: Route, seed: Seed) -> None:
    before = fingerprint()
    answer = call(route.method, route.url(seed), _body(route, seed), token=seed.tokens["alice"])
    assert answer.status == route.ok, answer.content
    if route.ok != 204 and answer.headers["Content-Type"].startswith("application/json"):
        answer.json()
    if route.writes:
        assert fingerprint() != before, "a successful write must change something"


def bad_input(route: Route, seed: Seed) -> None:
    if route.bad is None:
        pytest.skip("takes no input (checked in test_route_list)")
    bad = route.bad
    before = fingerprint()
    answer = call(
        route.method, bad.url(seed) if bad.url else route.url(seed),
        bad.body(seed) if bad.body else _body(route, seed),
        token=seed.tokens["alice"], headers=bad.headers,
    )  # fmt: skip
    assert answer.status in (400, 422), answer.content
    assert_error_shape(answer, bad.loc)
    assert fingerprint() == before


def no_token(route: Route, seed: Seed) -> None:
    before = fingerprint()
    answer = call(route.method, route.url(seed), _body(route, seed))
    assert answer.status == 401
    assert answer.headers["WWW-Authenticate"].startswith("Bearer")
    assert_error_shape(answer, ["header", "Authorization"])
    assert fingerprint() == before


def wrong_token(route: Route, seed: Seed) -> None:
    before = fingerprint()
    answer = call(route.method, route.url(seed), _body(route, seed), token="brg_not-a-token")
    assert answer.status == 401
    assert_error_shape(answer, ["header", "Authorization"])
    assert fingerprint() == before


def viewer(route: Route, seed: Seed) -> None:
    """Viewers read everything public and change nothing."""
    before = fingerprint()
    answer = call(route.method, route.url(seed), _body(route, seed), token=seed.tokens["vic"])
    if route.viewer_status is not None:
        assert answer.status == route.viewer_status, answer.content
    elif route.writes:
        assert answer.status == 403, answer.content
        assert_error_shape(answer)
    else:
        assert answer.status == 200, answer.content
    assert fingerprint() == before


def foreign(route: Route, seed: Seed) -> None:
    """Mallory (admin of Globex) sees Acme's rows as missing, and changes none of them."""
    token = seed.tokens["mallory"]
    acme_before = fingerprint()
    if route.foreign == "scoped":
        assert route.scoped is not None
        body = route.foreign_body(seed) if route.foreign_body else _body(route, seed)
        answer = call(route.method, route.url(seed), body, token=token)
        assert answer.status == route.ok, answer.content
        route.scoped(seed, answer.json())
        return
    if route.foreign == "404":
        assert route.missing_url is not None
        theirs = call(route.method, route.url(seed), _body(route, seed), token=token)
        missing = call(route.method, route.missing_url(seed), _body(route, seed), token=token)
        assert theirs.status == 404
    else:
        assert route.missing_body is not None
        theirs = call(route.method, route.url(seed), _body(route, seed), token=token)
        missing = call(route.method, route.url(seed), route.missing_body(seed), token=token)
        assert 400 <= theirs.status < 500
    assert (theirs.status, theirs.json()) == (missing.status, missing.json())
    assert_error_shape(theirs)
    assert fingerprint() == acme_before


CASES: dict[str, Callable[[Route, Seed], None]] = {
    "success": success,
    "bad input": bad_input,
    "no token": no_token,
    "wrong token": wrong_token,
    "viewer": viewer,
    "other organization": foreign,
}


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.id)
def test_route(seed: Seed, route: Route, case: str) -> None:
    if route.setup is not None:
        route.setup(seed)
    CASES[case](route, seed)
