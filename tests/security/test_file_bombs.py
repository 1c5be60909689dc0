"""OKR files that would exhaust a worker: aliases that expand, nesting that blows the stack,
files past the size limit (issue 10.3). Each is refused with a clear problem, through the
API, the page and the CLI alike, and nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from bearing.cli import main
from bearing.domain.limits import LOCAL_FILE_LIMITS, MAX_FILE_BYTES
from bearing.okrs.models import Cycle
from tests import factories
from tests.api.conftest import Seed, call
from tests.conftest import signed_in

HEAD = (
    "version: 1\ncycle: {name: Bomb, start: 2026-01-01, end: 2026-03-31}\nteams: [{name: Acme}]\n"
)
# One objective with 200 key results, aliased 200 times: 2.4 KB that once kept a worker busy
# for four minutes.
KRS = "".join(f"  - &k{i} {{title: Grow {i}, start: 0, target: 10}}\n" for i in range(200))
ALIASES = (
    HEAD + "x-krs: &krs\n" + KRS
    + "objectives:\n" + "".join(f"  - {{title: O{i}, team: Acme, key_results: *krs}}\n" for i in range(200))
)  # fmt: skip
DEEP = HEAD + "objectives: " + "[" * 500 + "]" * 500 + "\n"

BOMBS = {
    "aliases": (ALIASES, "repeats a list or mapping"),
    "depth": (DEEP, "nested deeper than 16 levels"),
}


@pytest.mark.parametrize("bomb", BOMBS)
def test_the_api_refuses_a_bomb_with_its_line(seed: Seed, bomb: str) -> None:
    text, message = BOMBS[bomb]
    answer = call("POST", "/okr-files", {"text": text}, token=seed.tokens["alice"])
    assert answer.status == 422, answer.content
    (problem,) = answer.json()["detail"]
    assert message in problem["msg"] and problem["loc"][:2] == ["body", "text"]
    assert not Cycle.objects.filter(name="Bomb").exists()


@pytest.mark.parametrize("bomb", BOMBS)
def test_the_page_lists_the_problem(seed: Seed, bomb: str) -> None:
    text, message = BOMBS[bomb]
    response = signed_in(seed.world.alice).post("/o/acme/okr-files/", {"text": text})
    assert response.status_code == 200 and message in response.content.decode()


@pytest.mark.parametrize("command", ["score", "lint", "align"])
@pytest.mark.parametrize("bomb", BOMBS)
def test_the_offline_commands_exit_2(tmp_path: Path, bomb: str, command: str) -> None:
    text, message = BOMBS[bomb]
    path = tmp_path / "bomb.yaml"
    path.write_text(text)
    result = CliRunner().invoke(main, [command, str(path)])
    assert result.exit_code == 2 and message in result.stderr
    assert "Traceback" not in result.output + result.stderr


@pytest.mark.django_db
def test_a_file_past_the_size_limit_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text(HEAD + "# " + "x" * MAX_FILE_BYTES + "\n")
    factories.make_org("acme", "Acme")
    result = CliRunner().invoke(main, ["import", "--org", "acme", str(path)])
    assert result.exit_code == 2 and "at most 5,000,000 are read" in result.stderr
    # The offline commands read the user's own file on the user's machine: ten times more.
    path.write_text(HEAD + "# " + "x" * LOCAL_FILE_LIMITS.bytes + "\n")
    result = CliRunner().invoke(main, ["score", str(path)])
    assert result.exit_code == 2 and "at most 50,000,000 are read" in result.stderr


def test_the_api_refuses_a_file_past_the_size_limit(seed: Seed) -> None:
    answer = call(
        "POST",
        "/okr-files",
        {"text": HEAD + "#" + "x" * MAX_FILE_BYTES},
        token=seed.tokens["alice"],
    )
    assert answer.status in (413, 422), answer.status
