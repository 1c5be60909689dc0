"""`bearing demo` and `bearing serve` as a newcomer runs them: real processes, real HTTP."""

from __future__ import annotations

import http.cookiejar
import re
import sqlite3
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.live import bearing, fresh_database, is_postgres, served


def open_session() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )


def sign_in(opener: urllib.request.OpenerDirector, base: str, email: str, password: str) -> str:
    page = opener.open(f"{base}/sign-in/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token is not None
    form = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token[1], "username": email, "password": password}
    )
    request = urllib.request.Request(
        f"{base}/sign-in/", data=form.encode(), headers={"Referer": f"{base}/sign-in/"}
    )
    return opener.open(request).read().decode()  # type: ignore[no-any-return]


def test_demo_then_serve_shows_the_demo_company(tmp_path: Path) -> None:
    with fresh_database(tmp_path) as url:
        first = bearing(url, "demo", cwd=tmp_path)
        assert first.returncode == 0, first.stderr
        assert "ana@demo.bearing.example" in first.stdout and "bearing-demo" in first.stdout
        assert "Sign in at http://127.0.0.1:8000/ " in first.stdout
        # `./dev demo --port 8080` passes the port on: the address shown is the one served.
        second = bearing(url, "demo", "--port", "8080", cwd=tmp_path)
        assert second.returncode == 0 and "exists already; nothing was changed" in second.stdout
        assert "Sign in at http://127.0.0.1:8080/ " in second.stdout
        if is_postgres():
            assert (
                bearing(url, "migrate", cwd=tmp_path).stdout.strip()
                == "The database is up to date."
            )
        with served(url, tmp_path) as base:
            home = sign_in(open_session(), base, "ana@demo.bearing.example", "bearing-demo")
            assert "Lumen Pay" in home and "Make digital payments effortless" in home
            assert re.search(r'class="score (red|yellow|green)"', home)
            css = urllib.request.urlopen(f"{base}/static/bearing/bearing.css").read()
            assert b"--accent" in css


@pytest.mark.skipif(
    not is_postgres(), reason="SQLite migrates itself on serve; this is PostgreSQL's rule"
)
def test_serve_on_postgres_refuses_an_unmigrated_database(tmp_path: Path) -> None:
    with fresh_database(tmp_path) as url:
        result = bearing(url, "serve", "--port", "1", cwd=tmp_path)
        assert result.returncode == 2
        assert "run `bearing migrate` first" in result.stderr


def test_serve_migrates_a_new_sqlite_database_by_itself(tmp_path: Path) -> None:
    if is_postgres():
        pytest.skip("PostgreSQL fleets migrate with `bearing migrate`")
    url = f"sqlite:///{tmp_path / 'new.sqlite3'}"
    with served(url, tmp_path) as base:
        page = urllib.request.urlopen(f"{base}/sign-in/").read().decode()
        assert "Sign in" in page
    assert bearing(url, "migrate", cwd=tmp_path).stdout.strip() == "The database is up to date."
    # WAL is a property of the file: it stays on after the server is gone.
    with sqlite3.connect(tmp_path / "new.sqlite3") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_org_user_and_token_commands_work_end_to_end(tmp_path: Path) -> None:
    with fresh_database(tmp_path) as url:
        assert bearing(url, "migrate", cwd=tmp_path).returncode == 0
        assert bearing(url, "org", "add", "acme", "--name", "Acme", cwd=tmp_path).returncode == 0
        added = bearing(url, "user", "add", "ana@acme.example", "--org", "acme", "--role", "admin",
                        "--password-stdin", stdin="a-long-passphrase\n", cwd=tmp_path)  # fmt: skip
        assert added.returncode == 0, added.stderr
        created = bearing(url, "token", "create", "ana@acme.example", "--org", "acme", cwd=tmp_path)
        assert created.returncode == 0
        assert created.stdout.strip().splitlines()[-1].startswith("brg_")
