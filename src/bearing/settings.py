"""Django settings. SQLite in the working directory by default; DATABASE_URL overrides.

Everything an operator may change comes from the environment:
- DATABASE_URL            sqlite:////abs/path.sqlite3 or postgres://user@host:5432/db
- BEARING_SECRET_KEY      else a key is generated once into .bearing-secret beside the database
- BEARING_DEBUG           "1" for tracebacks in the browser (never in production)
- BEARING_ALLOWED_HOSTS   comma-separated host names (default: any host on a laptop;
                          required with BEARING_HTTPS=1)
- BEARING_CSRF_TRUSTED_ORIGINS  comma-separated origins when behind a TLS proxy
- BEARING_HTTPS           "1" behind a TLS-terminating proxy (production): secure cookies,
                          HSTS, redirect to https, and trust X-Forwarded-Proto and the last
                          X-Forwarded-For address from it
- BEARING_REQUEST_TIMEOUT seconds any request may take (60; deadline.py)
- BEARING_LOCK_TIMEOUT    seconds a write waits for a lock before it answers 503 (20)
- BEARING_SIGNIN_FAILURES failed sign-ins before an account or address waits (10)
- BEARING_SIGNIN_COOLOFF_MINUTES  how long it waits (15)
- BEARING_EMAIL_URL       where e-mail goes: smtp://user:password@host:25 (or submission://
                          for STARTTLS on 587, ?ssl=1 for TLS on 465, ?_default_from_email=…);
                          unset, e-mails are written to the server log (Django's console backend)
- BEARING_BASE_URL        the address people open Bearing at (https://okr.example.com), for the
                          links in e-mails and those `bearing user add` prints
- BEARING_INVITATION_DAYS how long an invitation link works (7)
docs/security.md says what each protects.
- BEARING_LOG_LEVEL       WARNING (default) or INFO, DEBUG…; INFO logs a line per request
- BEARING_LOG_FORMAT      "text" (key=value, default) or "json"
- BEARING_REDIS_URL       redis://127.0.0.1:6379/0: background jobs over RQ instead of the database
- BEARING_OUTBOUND_ALLOW_PRIVATE  "1" lets webhooks and chat channels call private addresses
- BEARING_OUTBOUND_TIMEOUT  seconds an outbound call may take (10)
- BEARING_SOURCES_TIMEOUT  seconds a data source's query or fetch may take (10)
- BEARING_DELIVERY_LEASE_SECONDS  seconds a delivery may stay "sending" (300)
- BEARING_CACHE_DIR       where kept cycle exports live (beside the SQLite database, else a
                          temporary folder; Redis instead when BEARING_REDIS_URL is set)
- BEARING_SECRETS_KEYS    Fernet keys for secrets at rest, newest first (else derived from
                          the secret key; docs/security.md)
"""

from __future__ import annotations

import hashlib
import os
import secrets
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
import dj_email_url
import django_stubs_ext

from bearing.logs import configure as configure_logs

# Lets admin and form classes be subscripted for type checking (ModelAdmin[Objective]).
django_stubs_ext.monkeypatch()

SRC_DIR = Path(__file__).resolve().parent
DEFAULT_DATABASE_FILE = "bearing.sqlite3"
# Seconds a write waits for another's lock before it answers 503 "busy" (busy.py).
LOCK_TIMEOUT = float(os.environ.get("BEARING_LOCK_TIMEOUT", "20"))


def database_config(url: str | None) -> dict[str, Any]:
    """The Django database settings for a URL; SQLite gets WAL and immediate transactions."""
    url = url or f"sqlite:///{Path.cwd() / DEFAULT_DATABASE_FILE}"
    config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # Django's backend, reading out-of-range decimals leniently (bearing/sqlite/base.py).
        config["ENGINE"] = "bearing.sqlite"
        # Tests use an in-memory database, as with Django's own engine (which test runners
        # recognise by its name; this says it outright).
        config["TEST"] = {"NAME": ":memory:"}
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            # WAL lets readers and one writer work at once; IMMEDIATE takes the write
            # lock at BEGIN so concurrent writers wait (busy timeout) instead of failing.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
            " PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
            # How long a write waits for another to finish before answering 503 (busy.py).
            "timeout": LOCK_TIMEOUT,
        }
    else:
        config["CONN_HEALTH_CHECKS"] = True
        # The same bound on waiting for a row lock; `bearing serve` also bounds statements
        # by the request time limit, so no query outlives its request (deadline.py).
        limits = f"-c lock_timeout={int(LOCK_TIMEOUT * 1000)}"
        if statement := os.environ.get("BEARING_STATEMENT_TIMEOUT"):
            limits += f" -c statement_timeout={int(float(statement) * 1000)}"
        config.setdefault("OPTIONS", {})["options"] = limits
    return config


def _secret_key(database: dict[str, Any]) -> str:
    if key := os.environ.get("BEARING_SECRET_KEY"):
        return key
    name = database.get("NAME")
    folder = (
        Path(name).parent
        if database["ENGINE"] == "bearing.sqlite" and name and name != ":memory:"
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


def _cache_folder(database: dict[str, Any]) -> str:
    """Where kept files (cycle exports) live: BEARING_CACHE_DIR, else beside the SQLite
    database, else a folder of the machine's temporary directory for this database."""
    if folder := os.environ.get("BEARING_CACHE_DIR"):
        return folder
    name = database.get("NAME")
    if database["ENGINE"] == "bearing.sqlite" and name and name != ":memory:":
        return str(Path(name).parent / ".bearing-cache")
    tag = hashlib.sha256(repr((database.get("HOST"), database.get("NAME"))).encode()).hexdigest()
    return str(Path(tempfile.gettempdir()) / f"bearing-cache-{tag[:12]}")


SECRET_KEY = _secret_key(DATABASES["default"])
DEBUG = os.environ.get("BEARING_DEBUG") == "1"
HTTPS = os.environ.get("BEARING_HTTPS") == "1"
# Any Host on a laptop; in production only the names given (`bearing serve` refuses to start
# without them), so a forged Host header is refused rather than echoed in links.
ALLOWED_HOSTS = _csv("BEARING_ALLOWED_HOSTS", "" if HTTPS else "*")
CSRF_TRUSTED_ORIGINS = _csv("BEARING_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",  # serves Swagger UI for /api/v1/docs from its own static files (no CDN)
    "django_tasks",
    "django_tasks_db",
    "axes",  # sign-in throttling per account and per address
    "bearing.orgs",
    "bearing.okrs",
    "bearing.notify",
    "bearing.web",
    "bearing.maturity",
    "bearing.integrations",
    "bearing.scim",
    "bearing.sso",
]

MIDDLEWARE = [
    # First: every later middleware's log lines, and every answer, carry the request id.
    "bearing.web.request_ids.RequestIdMiddleware",
    "bearing.deadline.RequestDeadlineMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "bearing.api.middleware.ApiJsonErrorsMiddleware",
    "bearing.busy.BusyDatabaseMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

# Background jobs (Django's Tasks API through the django-tasks backport): queued in the
# database and run by `bearing worker` (which `bearing serve` starts beside itself on SQLite).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A fleet sets BEARING_REDIS_URL: the jobs go over Redis (RQ, django-tasks-rq) instead, and
# `bearing worker` runs an RQ worker (docs/cadence.md).
REDIS_URL = os.environ.get("BEARING_REDIS_URL", "")
if REDIS_URL:
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 600}}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend"}}
# Caches: the default one is per process (rate limits, small lookups); "exports" keeps whole
# cycle files (okrs/io/export_cache.py) in a folder every worker of this machine shares, or in
# Redis when a fleet has one.
CACHES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "exports": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": _cache_folder(DATABASES["default"]),
            "OPTIONS": {"MAX_ENTRIES": 200},
        }
    ),
}
# Outbound calls (Slack, Teams, webhooks) to private or loopback addresses are refused (server-
# side request forgery) unless an installation sets BEARING_OUTBOUND_ALLOW_PRIVATE=1.
OUTBOUND_ALLOW_PRIVATE = os.environ.get("BEARING_OUTBOUND_ALLOW_PRIVATE") == "1"
# Seconds an outbound call (Slack, Teams, webhooks) may take before it counts as no answer.
OUTBOUND_TIMEOUT_SECONDS = float(os.environ.get("BEARING_OUTBOUND_TIMEOUT", "10"))
# How long a delivery may stay "sending" before the sweep takes its worker for dead (300 s).
DELIVERY_LEASE_SECONDS = float(os.environ.get("BEARING_DELIVERY_LEASE_SECONDS", "300"))
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: it refuses locked-out accounts and addresses
    "django.contrib.auth.backends.ModelBackend",
]

# A hard limit on every request, in seconds (deadline.py); above the SQLite busy timeout so
# a write waiting for the lock answers "busy" (503) first. 0 turns it off.
BEARING_REQUEST_TIMEOUT = float(os.environ.get("BEARING_REQUEST_TIMEOUT", "60"))

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
                "bearing.notify.context.unread_notices",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("email", "name")},
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sign-in throttling (django-axes): after too many failures an account, and separately an
# address, waits; a success clears the count. Unlock early: `bearing user unlock`, or delete
# the attempt under "Access attempts" in /admin/.
AXES_FAILURE_LIMIT = int(os.environ.get("BEARING_SIGNIN_FAILURES", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=float(os.environ.get("BEARING_SIGNIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "bearing.web.throttling.username_of"
AXES_CLIENT_IP_CALLABLE = "bearing.web.throttling.client_address"
AXES_LOCKOUT_CALLABLE = "bearing.web.throttling.locked_out"
AXES_VERBOSE = False  # one log line per lockout (axes' own), not a banner at start-up

# Content-Security-Policy (django-csp): scripts and styles from Bearing itself only. Style
# attributes stay allowed (progress bars are drawn with widths); they cannot run script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    },
}
# Permissions-Policy: Bearing uses none of the browser's powerful features.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media",
        "fullscreen", "geolocation", "gyroscope", "magnetometer", "microphone", "midi",
        "payment", "picture-in-picture", "publickey-credentials-get", "screen-wake-lock",
        "sync-xhr", "usb", "xr-spatial-tracking",
    )
}  # fmt: skip
# E-mail (invitations, password resets) goes through Django's backends: the console (the server
# log) until BEARING_EMAIL_URL names an SMTP server (docs/people.md). Sending never waits long.
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = "Bearing <bearing@localhost>"
EMAIL_TIMEOUT = 10
EMAIL_CONFIGURED = bool(os.environ.get("BEARING_EMAIL_URL"))
if EMAIL_CONFIGURED:
    _email = dj_email_url.parse(os.environ["BEARING_EMAIL_URL"])
    _email["EMAIL_TIMEOUT"] = _email["EMAIL_TIMEOUT"] or EMAIL_TIMEOUT
    globals().update({k: v for k, v in _email.items() if v is not None})
BEARING_BASE_URL = os.environ.get("BEARING_BASE_URL", "").rstrip("/")
BEARING_INVITATION_DAYS = float(os.environ.get("BEARING_INVITATION_DAYS", "7"))
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # a reset link works for a day, and once

# An OKR file of up to 5 MB (limits.MAX_FILE_BYTES), sent as JSON, fits in one request body.
DATA_UPLOAD_MAX_MEMORY_SIZE = 7_000_000

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

if HTTPS:
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz/?$"]  # load balancers probe over plain http
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Preloading HSTS into browsers is the domain owner's decision, not the application's.
SILENCED_SYSTEM_CHECKS = ["security.W021"]

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
# Seconds a data source (SQL statement, HTTP or CSV fetch) may take before it counts as a
# failure (bearing.integrations, docs/integrations.md).
SOURCES_TIMEOUT_SECONDS = float(os.environ.get("BEARING_SOURCES_TIMEOUT", "10"))
