"""A real `bearing serve` with organizations set up through the real CLI, for the security
tests that need real concurrency, real logs or a real process to kill."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests

from tests.live import bearing, fresh_database, served

PASSWORD = "a-long-and-unusual-passphrase"


@dataclass(frozen=True)
class LiveOrg:
    base: str
    database_url: str
    folder: Path
    tokens: dict[str, str]  # organization slug → its admin's API token

    def api(self, slug: str) -> requests.Session:
        session = requests.Session()
        session.headers["Authorization"] = f"Bearer {self.tokens[slug]}"
        return session

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    @property
    def log(self) -> str:
        return (self.folder / "serve.log").read_text()


def cli(database_url: str, folder: Path, *args: str, stdin: str | None = None) -> str:
    done = bearing(database_url, *args, stdin=stdin, cwd=folder)
    assert done.returncode == 0, done.stderr
    return done.stdout


def add_org(database_url: str, folder: Path, slug: str) -> str:
    """An organization with an admin (admin@<slug>.example); returns the admin's token."""
    cli(database_url, folder, "org", "add", slug, "--name", slug.title())
    email = f"admin@{slug}.example"
    cli(database_url, folder, "user", "add", email, "--org", slug, "--role", "admin",
        "--password-stdin", stdin=PASSWORD + "\n")  # fmt: skip
    return (
        cli(database_url, folder, "token", "create", email, "--org", slug).strip().splitlines()[-1]
    )


@contextmanager
def live_orgs(
    folder: Path, slugs: tuple[str, ...] = ("acme", "globex"), env: dict[str, str] | None = None,
    workers: int = 2,
) -> Iterator[LiveOrg]:  # fmt: skip
    with fresh_database(folder) as database_url:
        cli(database_url, folder, "migrate")
        tokens = {slug: add_org(database_url, folder, slug) for slug in slugs}
        with served(database_url, folder, env=env, workers=workers) as base:
            yield LiveOrg(base, database_url, folder, tokens)


def signed_in(live: LiveOrg, slug: str, email: str | None = None) -> requests.Session:
    """A browser-like session (of the organization's admin unless ``email`` says whose),
    with its CSRF token at hand."""
    session = requests.Session()
    page = session.get(live.url("/sign-in/")).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token is not None
    answer = session.post(
        live.url("/sign-in/"),
        data={"csrfmiddlewaretoken": token[1], "username": email or f"admin@{slug}.example",
              "password": PASSWORD},
        headers={"Referer": live.url("/sign-in/")},
    )  # fmt: skip
    assert answer.status_code == 200 and "/o/" in answer.url, answer.status_code
    session.headers["X-CSRFToken"] = session.cookies.get("csrftoken") or ""
    session.headers["Referer"] = live.url("/")
    return session


def make_cycle(live: LiveOrg, slug: str) -> int:
    answer = live.api(slug).post(
        live.url("/api/v1/cycles"),
        json={"name": "2026-Q1", "start": "2026-01-01", "end": "2026-03-31", "state": "active"},
    )
    assert answer.status_code == 201, answer.text
    return int(answer.json()["id"])
