"""Start the test OpenID Connect provider (tests/sso/provider) as a real process on 127.0.0.1,
and drive a sign-in through it with real HTTP requests, as a browser would."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "provider-password"  # every provider user's
# The provider's users: Bob and Alice of Acme, a newcomer, and one whose e-mail it has not
# verified (claims.py reads the last name).
USERS = [
    {"email": "bob@acme.example", "name": "Bob"},
    {"email": "alice@acme.example", "name": "Alice"},
    {"email": "newcomer@acme.example", "name": "Nora Newcomer"},
    {"email": "unverified@acme.example", "name": "Una", "last_name": "unverified"},
]


@dataclass(frozen=True)
class LocalProvider:
    url: str

    @property
    def issuer(self) -> str:
        return f"{self.url}/o"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def client(client_id: str, redirect_uris: list[str], consent: bool = False) -> dict[str, Any]:
    return {"client_id": client_id, "client_secret": f"{client_id}-secret",
            "redirect_uris": redirect_uris, "skip_authorization": not consent}  # fmt: skip


@contextmanager
def running_provider(
    folder: Path, clients: list[dict[str, Any]], users: list[dict[str, str]] = USERS
) -> Iterator[LocalProvider]:
    port = free_port()
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    users = [{**u, "password": PASSWORD} for u in users]
    env = {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "DJANGO_SETTINGS_MODULE": "tests.sso.provider.settings",
        "PROVIDER_DATABASE": str(folder / "provider.sqlite3"),
        "PROVIDER_RSA_KEY": pem,
        "PROVIDER_ISSUER": f"http://127.0.0.1:{port}/o",
        "PROVIDER_PORT": str(port),
        "PROVIDER_SPEC": json.dumps({"users": users, "clients": clients}),
    }
    log = folder / "provider.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.sso.provider.serve"], cwd=ROOT, env=env,
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    try:
        # As long as the process lives: it migrates its database first.
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the test provider exited: {log.read_text()}")
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        yield LocalProvider(url=f"http://127.0.0.1:{port}")
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait()


class _Inputs(HTMLParser):
    """The named inputs of the page's first form with ``marker`` among its inputs."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag == "form":
            self.forms.append({})
        elif tag == "input" and self.forms and named.get("name") and named.get("type") != "submit":
            self.forms[-1][named["name"] or ""] = named.get("value") or ""


def form_fields(html: str) -> list[dict[str, str]]:
    parser = _Inputs()
    parser.feed(html)
    return parser.forms


def follow(
    session: requests.Session, response: requests.Response, stop_at: str = ""
) -> requests.Response:
    """Follow redirects by hand, stopping before an address containing ``stop_at``."""
    while response.is_redirect:
        target = urljoin(response.url, response.headers["Location"])
        if stop_at and stop_at in target:
            return response
        response = session.get(target, allow_redirects=False)
    return response


def start(session: requests.Session, base: str, org: str) -> requests.Response:
    """Open the organization's sign-in page and press "Sign in with …": the provider's page."""
    page = session.get(f"{base}/sso/{org}/")
    page.raise_for_status()
    assert f'href="/sso/{org}/start/"' in page.text
    return follow(session, session.get(f"{base}/sso/{org}/start/", allow_redirects=False))


def provider_sign_in(
    session: requests.Session, login_page: requests.Response, email: str, stop_at: str = ""
) -> requests.Response:
    """Sign in at the provider's login page; follow on (to Bearing, unless ``stop_at``)."""
    fields = form_fields(login_page.text)[0]
    posted = session.post(
        login_page.url, {**fields, "username": email, "password": PASSWORD}, allow_redirects=False
    )
    return follow(session, posted, stop_at)


def sign_in_through(
    session: requests.Session, base: str, org: str, email: str
) -> requests.Response:
    return provider_sign_in(session, start(session, base, org), email)
