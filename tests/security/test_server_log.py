"""What the running server writes and keeps (issue 9.10, 10.8): a 403 or a refused Host is
one line in its log, not a traceback; each server has its own gunicorn control socket."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.security.live_org import PASSWORD, LiveOrg, cli, live_orgs, make_cycle, signed_in

pytestmark = pytest.mark.security


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveOrg]:
    env = {"BEARING_ALLOWED_HOSTS": "127.0.0.1", "BEARING_LOG_LEVEL": "INFO"}
    with live_orgs(tmp_path_factory.mktemp("log"), slugs=("acme",), env=env, workers=1) as org:
        yield org


def test_a_403_is_one_line(live: LiveOrg) -> None:
    cli(live.database_url, live.folder, "user", "add", "vic@acme.example", "--org", "acme",
        "--role", "viewer", "--password-stdin", stdin=PASSWORD + "\n")  # fmt: skip
    cycle = make_cycle(live, "acme")
    objective = (
        live.api("acme")
        .post(live.url("/api/v1/objectives"), json={"cycle": cycle, "title": "Grow"})
        .json()
    )
    viewer = signed_in(live, "acme", "vic@acme.example")
    answer = viewer.get(live.url(f"/o/acme/objectives/{objective['id']}/check-in/"))
    assert answer.status_code == 403
    lines = [line for line in live.log.splitlines() if "Forbidden" in line]
    assert lines and "check-in" in lines[-1]
    assert "Traceback" not in live.log and "PermissionDenied" not in live.log


def test_a_forged_host_is_one_line(live: LiveOrg) -> None:
    answer = requests.get(live.url("/sign-in/"), headers={"Host": "evil.example"}, timeout=30)
    assert answer.status_code == 400
    assert any("Invalid HTTP_HOST header" in line for line in live.log.splitlines())
    assert "Traceback" not in live.log


def test_each_server_has_its_own_control_socket(live: LiveOrg) -> None:
    found = re.search(r"control socket (\S+)\)", live.log)
    assert found is not None, live.log
    socket = Path(found[1])
    assert socket.exists() and socket.is_socket()
    assert socket.name == f"bearing-127.0.0.1-{live.base.rsplit(':', 1)[1]}.ctl"
    assert not str(socket).startswith(str(Path.home() / ".gunicorn"))
    assert socket.stat().st_mode & 0o077 == 0  # only its owner may steer the server
