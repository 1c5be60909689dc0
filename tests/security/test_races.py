"""Requests that arrive at the same moment, through a real server on the run's database
(issue 10.6): each is idempotent or correctly conflicting — never a 500, never a raw
database message."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.security.live_org import LiveOrg, live_orgs, make_cycle, signed_in

pytestmark = pytest.mark.security


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveOrg]:
    with live_orgs(tmp_path_factory.mktemp("races"), env={"BEARING_LOG_LEVEL": "WARNING"}) as org:
        yield org


def at_once(count: int, send: Callable[[int], requests.Response]) -> list[requests.Response]:
    """``count`` requests released together by a barrier."""
    barrier = threading.Barrier(count)

    def go(i: int) -> requests.Response:
        barrier.wait()
        return send(i)

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(go, range(count)))


def no_server_errors(answers: list[requests.Response]) -> None:
    for answer in answers:
        assert answer.status_code < 500, answer.text
        assert "IntegrityError" not in answer.text and "constraint" not in answer.text.lower()


def test_a_double_clicked_reaction_is_one_reaction(live: LiveOrg) -> None:
    cycle = make_cycle(live, "acme")
    api = live.api("acme")
    objective = api.post(live.url("/api/v1/objectives"),
                         json={"cycle": cycle, "title": "Make refunds instant"}).json()  # fmt: skip
    checkin = api.post(live.url(f"/api/v1/objectives/{objective['id']}/check-ins"),
                       json={"capacity_status": "on_track", "progress_status": "on_track"}).json()  # fmt: skip
    session = signed_in(live, "acme")
    url = live.url(f"/o/acme/check-ins/{checkin['id']}/reactions/")
    for _ in range(5):
        answers = at_once(8, lambda i: session.post(url, data={"kind": "celebrate"},
                                                    headers={"HX-Request": "true"}))  # fmt: skip
        no_server_errors(answers)
        assert {a.status_code for a in answers} == {200}


def test_same_title_creates_get_their_own_refs(live: LiveOrg) -> None:
    cycle = make_cycle_named(live, "2026-Q2")
    api = live.api("acme")
    answers = at_once(16, lambda i: api.post(live.url("/api/v1/objectives"),
                                             json={"cycle": cycle, "title": "Delight every customer"}))  # fmt: skip
    no_server_errors(answers)
    assert [a.status_code for a in answers] == [201] * 16
    refs = sorted(a.json()["ref"] for a in answers)
    assert len(set(refs)) == 16 and "delight-every-customer" in refs


def test_the_same_file_imported_at_once_lands_once(live: LiveOrg) -> None:
    text = (
        "version: 1\ncycle: {name: 2026-Q3, start: 2026-07-01, end: 2026-09-30}\n"
        "teams: [{name: Acme}, {name: Payments, parent: Acme}]\n"
        "objectives:\n" + "".join(
            f"  - title: Objective {i}\n    team: Payments\n    key_results:\n"
            f"      - {{title: Result {i}, start: 0, target: 10}}\n" for i in range(10)
        )
    )  # fmt: skip
    api = live.api("acme")
    answers = at_once(4, lambda i: api.post(live.url("/api/v1/okr-files"), json={"text": text}))
    no_server_errors(answers)
    assert [a.status_code for a in answers] == [200] * 4, [a.text for a in answers]
    created = [a.json()["counts"].get("objectives created", 0) for a in answers]
    assert sorted(created) == [0, 0, 0, 10]


def make_cycle_named(live: LiveOrg, name: str) -> Any:
    answer = live.api("acme").post(
        live.url("/api/v1/cycles"), json={"name": name, "start": "2026-04-01", "end": "2026-06-30"}
    )
    assert answer.status_code == 201, answer.text
    return answer.json()["id"]


def test_the_log_has_no_tracebacks(live: LiveOrg, tmp_path: Path) -> None:
    assert "Traceback" not in live.log
