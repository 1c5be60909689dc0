"""Secrets kept at rest encrypted: data-source credentials, single sign-on client secrets,
anything an admin types once and Bearing must use again but never show again.

Fernet (AES-128-CBC with an HMAC-SHA256, from ``cryptography``) under a key derived from the
installation's secret key with HKDF, so a database copy without the secret key reveals
nothing. ``BEARING_SECRETS_KEYS`` (comma-separated Fernet keys, newest first) replaces the
derived key when an installation wants to rotate: the first key encrypts, every key decrypts.
"""

from __future__ import annotations

import base64
import os
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

__all__ = ["SecretUnreadable", "open_secret", "seal", "shown"]


class SecretUnreadable(Exception):
    """A stored secret that no configured key opens (the secret key changed)."""


@cache
def _fernet(secret_key: str, explicit: str) -> MultiFernet:
    if explicit:
        return MultiFernet([Fernet(k.strip().encode()) for k in explicit.split(",") if k.strip()])
    derived = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=b"bearing-secrets", info=b"fernet-v1"
    ).derive(secret_key.encode())
    return MultiFernet([Fernet(base64.urlsafe_b64encode(derived))])


def _keys() -> MultiFernet:
    return _fernet(settings.SECRET_KEY, os.environ.get("BEARING_SECRETS_KEYS", ""))


def seal(plain: str) -> str:
    """The text to store for ``plain`` (empty stays empty: no secret is no secret)."""
    if not plain:
        return ""
    return _keys().encrypt(plain.encode()).decode()


def open_secret(sealed: str) -> str:
    """The plain secret behind ``sealed``; SecretUnreadable when no key opens it."""
    if not sealed:
        return ""
    try:
        return _keys().decrypt(sealed.encode()).decode()
    except InvalidToken as error:
        raise SecretUnreadable(
            "a stored secret cannot be read with this installation's keys; enter it again"
        ) from error


def shown(sealed: str) -> str:
    """What a page or API shows in place of a stored secret: that one is set, never its text."""
    return "•••••••• (set)" if sealed else ""
