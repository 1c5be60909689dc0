"""Secrets at rest: sealed text reveals nothing, opens with the installation's keys only."""

from __future__ import annotations

from typing import Any

import pytest
from cryptography.fernet import Fernet

from bearing.secrets import SecretUnreadable, open_secret, seal, shown


def test_a_sealed_secret_opens_and_hides_its_text() -> None:
    sealed = seal("s3cret-password")
    assert "s3cret" not in sealed
    assert sealed != seal("s3cret-password")  # a fresh nonce each time
    assert open_secret(sealed) == "s3cret-password"
    assert shown(sealed) == "•••••••• (set)"
    assert seal("") == "" and open_secret("") == "" and shown("") == ""


def test_another_installation_key_cannot_open_it(settings: Any) -> None:
    sealed = seal("token")
    settings.SECRET_KEY = "another installation's key"
    with pytest.raises(SecretUnreadable):
        open_secret(sealed)


def test_rotation_keys_encrypt_with_the_first_and_open_with_any(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    monkeypatch.setenv("BEARING_SECRETS_KEYS", old)
    sealed_old = seal("kept")
    monkeypatch.setenv("BEARING_SECRETS_KEYS", f"{new},{old}")
    assert open_secret(sealed_old) == "kept"
    sealed_new = seal("kept")
    monkeypatch.setenv("BEARING_SECRETS_KEYS", new)
    assert open_secret(sealed_new) == "kept"
    with pytest.raises(SecretUnreadable):
        open_secret(sealed_old)
