"""Settings from the environment: the database URL, WAL for SQLite, HTTPS behind a proxy."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bearing.settings import database_config


def test_sqlite_is_the_default_in_the_working_directory_with_wal(
    tmp_path: Path, monkeypatch: object
) -> None:
    os.chdir(tmp_path)
    config = database_config(None)
    assert config["ENGINE"] == "bearing.sqlite"  # Django's, with lenient decimals
    assert config["NAME"] == str(tmp_path / "bearing.sqlite3")
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_database_url_switches_to_postgresql() -> None:
    config = database_config("postgres://postgres@127.0.0.1:5432/okrs")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["NAME"], config["HOST"], config["PORT"], config["USER"]) == (
        "okrs",
        "127.0.0.1",
        5432,
        "postgres",
    )
    assert config["CONN_HEALTH_CHECKS"] is True


def read_setting(name: str, **env: str) -> str:
    code = f"from django.conf import settings as s; print(getattr(s, {name!r}))"
    clean = {k: v for k, v in os.environ.items() if not k.startswith("BEARING_")}
    result = subprocess.run(
        [sys.executable, "-c", code], env={**clean, "DJANGO_SETTINGS_MODULE": "bearing.settings", "BEARING_SECRET_KEY": "x", **env},
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return result.stdout.strip()


def test_https_behind_a_proxy_makes_cookies_secure() -> None:
    assert read_setting("SESSION_COOKIE_SECURE") == "False"
    assert read_setting("SESSION_COOKIE_SECURE", BEARING_HTTPS="1") == "True"
    assert (
        read_setting("SECURE_PROXY_SSL_HEADER", BEARING_HTTPS="1")
        == "('HTTP_X_FORWARDED_PROTO', 'https')"
    )


def test_debug_is_off_unless_asked_for() -> None:
    assert read_setting("DEBUG") == "False"
    assert read_setting("DEBUG", BEARING_DEBUG="1") == "True"
