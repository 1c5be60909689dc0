"""Headers and configuration (issue 10.8): a Content-Security-Policy htmx works under, a
Permissions-Policy, no forged Host believed in production, `check --deploy` clean, every
password validator, and the server's own checks before it starts."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from django.test import Client

from bearing.cli import main
from tests.api.conftest import Seed, call
from tests.conftest import World, signed_in

TEMPLATES = Path(__file__).parents[2] / "src" / "bearing" / "web" / "templates"


def test_pages_carry_a_content_security_policy_and_a_permissions_policy(world: World) -> None:
    response = signed_in(world.alice).get("/o/acme/")
    policy = response["Content-Security-Policy"]
    for directive in ("default-src 'self'", "script-src 'self'", "object-src 'none'",
                      "frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'"):  # fmt: skip
        assert directive in policy, directive
    assert "unsafe-eval" not in policy and "script-src 'self' 'unsafe-inline'" not in policy
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_no_template_has_inline_script_or_event_handlers() -> None:
    """What the policy forbids the browser to run must not be in the pages at all."""
    handler = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
    inline = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.IGNORECASE)
    for template in TEMPLATES.rglob("*.html"):
        text = template.read_text()
        assert not handler.search(text), template
        assert not inline.search(text), template


def test_api_answers_carry_the_policy_too(seed: Seed) -> None:
    answer = call("GET", "/me", token=seed.tokens["alice"])
    assert "default-src 'self'" in answer.headers["Content-Security-Policy"]


@pytest.mark.django_db
def test_a_forged_host_is_refused_not_echoed(seed: Seed, settings: Any) -> None:
    settings.ALLOWED_HOSTS = ["okrs.example.com"]
    forged = Client().get(
        "/api/v1/objectives?limit=1", headers={"Authorization": f"Bearer {seed.tokens['alice']}"},
        HTTP_HOST="evil.example",
    )  # fmt: skip
    assert forged.status_code == 400 and b"evil.example" not in forged.content
    honest = Client().get(
        "/api/v1/objectives?limit=1", headers={"Authorization": f"Bearer {seed.tokens['alice']}"},
        HTTP_HOST="okrs.example.com",
    )  # fmt: skip
    assert honest.json()["next"].startswith("http://okrs.example.com/api/v1/objectives?")


def _production(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BEARING_")}
    return {**env, "BEARING_HTTPS": "1", "BEARING_SECRET_KEY": "x" * 60 + "-production-key",
            "DJANGO_SETTINGS_MODULE": "bearing.settings", **extra}  # fmt: skip


def test_check_deploy_is_clean_in_production(tmp_path: Path) -> None:
    env = _production(BEARING_ALLOWED_HOSTS="okrs.example.com",
                      DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=env, capture_output=True, text=True, cwd=tmp_path, check=False, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues (1 silenced)." in done.stdout


def test_production_refuses_to_serve_without_its_host_names(tmp_path: Path) -> None:
    env = _production(DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    done = subprocess.run(
        [sys.executable, "-m", "bearing", "serve", "--port", "8999"],
        env=env, capture_output=True, text=True, cwd=tmp_path, check=False, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2
    assert "BEARING_HTTPS=1 needs BEARING_ALLOWED_HOSTS" in done.stderr


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("password", "reason"),
    [("dora@acme.example", "too similar to the email"), ("12345678901234", "entirely numeric"),
     ("short-1", "too short"), ("password1234", "too common")],
)  # fmt: skip
def test_passwords_pass_every_validator(world: World, password: str, reason: str) -> None:
    result = CliRunner().invoke(
        main, ["user", "add", "dora@acme.example", "--org", "acme", "--password-stdin"],
        input=password + "\n",
    )  # fmt: skip
    assert result.exit_code == 2 and reason in result.stderr, result.stderr
