"""Hostile input through every door — API, page, CLI, OKR file (issue 10.7 and the standing
corpus): each is refused with a clear 4xx (or exit 2) and nothing is written, or stored and
shown as plain text, never run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bearing.cli import main
from bearing.okrs.io import ImportFailed, import_okr_file
from bearing.okrs.models import Objective
from tests.api.conftest import Seed, assert_error_shape, call
from tests.conftest import signed_in
from tests.fingerprint import fingerprint

SURROGATE = "\\ud800"  # as JSON writes it: a lone half of a UTF-16 pair
ZERO_WIDTH = "\u200b\u200b\u200b"
RTL_OVERRIDE = "Pay \u202egnp.exe"
XSS = [
    "<script>window.__xss=1</script>", '"><img src=x onerror="window.__xss=1">',
    "javascript:window.__xss=1", "<svg/onload=window.__xss=1>", "{{ 7*7 }}{% now 'Y' %}",
    "'; DROP TABLE okrs_objective; --", "=cmd|' /C calc'!A0",
]  # fmt: skip


def _raw(seed: Seed, method: str, url: str, body: str) -> tuple[int, dict[str, object]]:
    answer = call(method, url, raw=body, token=seed.tokens["alice"])
    return answer.status, answer.json() if answer.content else {}


@pytest.mark.parametrize(
    ("url", "body", "loc"),
    [
        ("/objectives", '{"cycle": %(cycle)d, "title": "T", "description": "a%(s)sb"}', ["body", "description"]),
        ("/objectives/%(objective)d/check-ins", '{"capacity_status": "on_track", "narrative": "%(s)s"}', ["body", "narrative"]),
        ("/objectives/%(objective)d/check-ins", '{"capacity_status": "on_track", "status_reason": "%(s)s"}', ["body", "status_reason"]),
        ("/key-results/%(kr)d/measurements", '{"value": 1, "note": "%(s)s"}', ["body", "note"]),
        ("/objectives", '{"cycle": %(cycle)d, "title": "%(s)s"}', ["body", "title"]),
    ],
)  # fmt: skip
def test_a_lone_surrogate_is_a_422_not_a_500(
    seed: Seed, url: str, body: str, loc: list[str]
) -> None:
    ids = {"cycle": seed.world.cycle.pk, "objective": seed.objective.pk,
           "kr": seed.key_result.pk, "s": SURROGATE}  # fmt: skip
    before = fingerprint()
    answer = call("POST", url % ids, raw=body % ids, token=seed.tokens["alice"])
    assert answer.status == 422, answer.content
    assert_error_shape(answer, loc)
    assert fingerprint() == before


@pytest.mark.parametrize(("title", "message"), [
    (ZERO_WIDTH, "must contain visible characters"), (" \u00ad\ufeff ", "must contain visible characters"),
    (RTL_OVERRIDE, "override characters"), ("x" * 201, "at most 200 characters"),
])  # fmt: skip
def test_titles_must_show_what_they_say(seed: Seed, title: str, message: str) -> None:
    cycle, before = seed.world.cycle.pk, fingerprint()
    for url, body in (("/objectives", {"cycle": cycle, "title": title}),
                      (f"/objectives/{seed.objective.pk}/key-results", {"title": title})):  # fmt: skip
        answer = call("POST", url, body, token=seed.tokens["alice"])
        assert answer.status == 422, answer.content
        assert message in json.dumps(answer.json()["detail"]), answer.json()
    assert fingerprint() == before
    page = signed_in(seed.world.alice).post(
        "/o/acme/objectives/new/", {"title": title, "team": seed.world.company.pk, "cycle": cycle}
    )
    assert page.status_code == 200 and not Objective.objects.filter(title=title.strip()).exists()


@pytest.mark.parametrize(
    "moment", ["0001-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "2024-01-01T00:00:00Z"]
)
def test_measurements_from_another_era_are_refused(seed: Seed, moment: str) -> None:
    answer = call("POST", f"/key-results/{seed.key_result.pk}/measurements",
                  {"value": 1, "measured_at": moment}, token=seed.tokens["alice"])  # fmt: skip
    assert answer.status == 422, answer.content
    assert_error_shape(answer, ["body", "measured_at"])


def test_an_unbounded_filter_is_a_documented_422(seed: Seed) -> None:
    answer = call("GET", "/objectives?owner=" + "a" * 5000, token=seed.tokens["alice"])
    assert answer.status == 422
    assert_error_shape(answer, ["query", "owner"])


def test_an_okr_file_with_hostile_text_is_refused_with_lines(seed: Seed) -> None:
    text = (
        "version: 1\ncycle: {name: Q, start: 2026-04-01, end: 2026-06-30}\nteams: [{name: Acme}]\n"
        f'objectives:\n  - title: "{SURROGATE}"\n    team: Acme\n'
        f'  - title: "{RTL_OVERRIDE}"\n    team: Acme\n  - title: "\\u200b"\n    team: Acme\n'
    )
    with pytest.raises(ImportFailed) as failed:
        import_okr_file(organization=seed.world.org, text=text)
    assert [(p.line, p.field) for p in failed.value.problems] == [
        (5, "objectives[0].title"), (7, "objectives[1].title"), (9, "objectives[2].title"),
    ]  # fmt: skip


def test_the_cli_says_what_is_wrong_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "version: 1\ncycle: {name: Q, start: 2026-04-01, end: 2026-06-30}\nteams: [{name: Acme}]\n"
        'objectives:\n  - {title: "\\ud800", team: Acme}\n'
    )
    result = CliRunner().invoke(main, ["score", str(path)])
    assert result.exit_code == 2 and "lone surrogates" in result.stderr
    assert "Traceback" not in result.output + result.stderr


@pytest.mark.parametrize("payload", XSS)
def test_text_is_stored_and_shown_as_text(seed: Seed, payload: str) -> None:
    """Through the API and an OKR file; every page that shows it escapes it."""
    made = call("POST", "/objectives", {"cycle": seed.world.cycle.pk, "title": f"Grow {payload}",
                                        "description": payload}, token=seed.tokens["alice"])  # fmt: skip
    assert made.status == 201, made.content
    objective = made.json()["id"]
    kr = call("POST", f"/objectives/{objective}/key-results",
              {"title": f"Win {payload}", "unit": payload[:30], "start": 0, "target": 10},
              token=seed.tokens["alice"])  # fmt: skip
    assert kr.status == 201, kr.content
    call("POST", f"/objectives/{objective}/check-ins",
         {"capacity_status": "on_track", "narrative": payload, "status_reason": payload},
         token=seed.tokens["alice"])  # fmt: skip
    client = signed_in(seed.world.alice)
    for url in (f"/o/acme/objectives/{objective}/", "/o/acme/", "/o/acme/alignment/",
                "/o/acme/coach/", f"/o/acme/teams/{seed.world.company.pk}/", "/o/acme/cycles/",
                f"/o/acme/cycles/{seed.world.cycle.pk}/grade/"):  # fmt: skip
        html = client.get(url).content.decode()
        for dangerous in ("<script>window", "<img src=x", "<svg/onload"):
            assert dangerous not in html, (url, dangerous)
    csv = client.get(f"/o/acme/okr-files/{seed.world.cycle.pk}.csv").content.decode()
    assert "\n=cmd" not in csv and ",=cmd" not in csv
