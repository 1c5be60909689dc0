"""Django settings. SQLite in the working directory by default; DATABASE_URL overrides.

Everything an operator may change comes from the environment:
- DATABASE_URL            sqlite:////abs/path.sqlite3 or postgres://user@host:5432/db
- BEARING_SECRET_KEY      else a key is generated once into .bearing-secret beside the database
- BEARING_DEBUG           "1" for tracebacks in the browser (never in production)
- BEARING_ALLOWED_HOSTS   comma-separated host names (default: any host)
- BEARING_CSRF_TRUSTED_ORIGINS  comma-separated origins when behind a TLS proxy
- BEARING_HTTPS           "1" behind a TLS-terminating proxy: secure cookies, HSTS, and
                          trust X-Forwarded-Proto from it
- BEARING_LOG_LEVEL       WARNING (default) or INFO, DEBUG…; INFO logs a line per request
- BEARING_LOG_FORMAT      "text" (key=value, default) or "json"
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

import dj_database_url
import django_stubs_ext

from bearing.logs import configure as configure_logs

# Lets admin and form classes be subscripted for type checking (ModelAdmin[Objective]).
django_stubs_ext.monkeypatch()

SRC_DIR = Path(__file__).resolve().parent
DEFAULT_DATABASE_FILE = "bearing.sqlite3"


def database_config(url: str | None) -> dict[str, Any]:
    """The Django database settings for a URL; SQLite gets WAL and immediate transactions."""
    url = url or f"sqlite:///{Path.cwd() / DEFAULT_DATABASE_FILE}"
    config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            # WAL lets readers and one writer work at once; IMMEDIATE takes the write
            # lock at BEGIN so concurrent writers wait (busy timeout) instead of failing.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
            " PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    else:
        config["CONN_HEALTH_CHECKS"] = True
    return config


def _secret_key(database: dict[str, Any]) -> str:
    if key := os.environ.get("BEARING_SECRET_KEY"):
        return key
    name = database.get("NAME")
    folder = (
        Path(name).parent
        if database["ENGINE"].endswith("sqlite3") and name and name != ":memory:"
        else Path.cwd()
    )
    path = folder / ".bearing-secret"
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        key = secrets.token_urlsafe(50)
        try:
            path.write_text(key)
            path.chmod(0o600)
        except OSError:
            pass  # a read-only folder: the key lasts for this process only
        return key


def _csv(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DATABASES = {"default": database_config(os.environ.get("DATABASE_URL"))}
SECRET_KEY = _secret_key(DATABASES["default"])
DEBUG = os.environ.get("BEARING_DEBUG") == "1"
ALLOWED_HOSTS = _csv("BEARING_ALLOWED_HOSTS", "*")
CSRF_TRUSTED_ORIGINS = _csv("BEARING_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",  # serves Swagger UI for /api/v1/docs from its own static files (no CDN)
    "bearing.orgs",
    "bearing.okrs",
    "bearing.web",
]

MIDDLEWARE = [
    # First: every later middleware's log lines, and every answer, carry the request id.
    "bearing.web.request_ids.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "bearing.api.middleware.ApiJsonErrorsMiddleware",
]

ROOT_URLCONF = "bearing.urls"
WSGI_APPLICATION = "bearing.wsgi.application"
AUTH_USER_MODEL = "orgs.Person"
LOGIN_URL = "web:sign_in"
LOGIN_REDIRECT_URL = "web:home"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
# Only for operators who run collectstatic behind a CDN; the app serves its own static files.
STATIC_ROOT = os.environ.get("BEARING_STATIC_ROOT") or None
# Serve straight from the apps' static folders: no collectstatic step for a laptop install.
WHITENOISE_USE_FINDERS = True
# Files browsers ask for at the site's root (/favicon.ico), served as they are.
WHITENOISE_ROOT = SRC_DIR / "web" / "root"
WHITENOISE_AUTOREFRESH = DEBUG

HTTPS = os.environ.get("BEARING_HTTPS") == "1"
if HTTPS:
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 30

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = configure_logs(
    level=os.environ.get("BEARING_LOG_LEVEL", "WARNING").upper(),
    fmt=os.environ.get("BEARING_LOG_FORMAT", "text"),
)
