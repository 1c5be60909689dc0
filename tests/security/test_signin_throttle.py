"""Sign-in throttling per account and per address (issue 10.5): after too many failures the
right password waits too, with a clear message; an admin unlocks early."""

from __future__ import annotations

from typing import Any

import pytest
from click.testing import CliRunner
from django.test import Client

from bearing.cli import main
from tests.conftest import World
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def low_limit(settings: Any) -> None:
    settings.AXES_FAILURE_LIMIT = 5


def sign_in(client: Client, email: str, password: str, address: str = "10.0.0.1") -> Any:
    return client.post("/sign-in/", {"username": email, "password": password}, REMOTE_ADDR=address)


def test_the_right_password_waits_after_too_many_wrong_ones(world: World) -> None:
    client = Client()
    for _ in range(4):
        assert sign_in(client, "alice@acme.example", "wrong-guess").status_code == 200
    assert sign_in(client, "alice@acme.example", "wrong-guess").status_code == 429
    locked = sign_in(client, "alice@acme.example", PASSWORD)
    assert locked.status_code == 429
    assert (
        "Too many failed sign-ins for this account or from this address" in locked.content.decode()
    )
    assert "_auth_user_id" not in client.session


def test_an_account_is_throttled_from_every_address(world: World) -> None:
    for i in range(5):
        sign_in(Client(), "alice@acme.example", "wrong-guess", address=f"10.0.1.{i}")
    assert sign_in(Client(), "alice@acme.example", PASSWORD, address="10.0.2.1").status_code == 429
    assert sign_in(Client(), "bob@acme.example", PASSWORD, address="10.0.2.1").status_code == 302


def test_an_address_is_throttled_across_accounts(world: World) -> None:
    for i in range(5):
        sign_in(Client(), f"guess{i}@acme.example", "wrong-guess", address="10.0.3.1")
    assert sign_in(Client(), "bob@acme.example", PASSWORD, address="10.0.3.1").status_code == 429
    assert sign_in(Client(), "bob@acme.example", PASSWORD, address="10.0.3.2").status_code == 302


def test_the_admin_sign_in_is_throttled_too(world: World) -> None:
    client = Client()
    for _ in range(5):
        client.post("/admin/login/", {"username": "alice@acme.example", "password": "x"},
                    REMOTE_ADDR="10.0.4.1")  # fmt: skip
    locked = client.post(
        "/admin/login/", {"username": "alice@acme.example", "password": PASSWORD},
        REMOTE_ADDR="10.0.4.1",
    )  # fmt: skip
    assert locked.status_code == 429


def test_bearing_user_unlock_lets_them_in_again(world: World) -> None:
    for _ in range(5):
        sign_in(Client(), "alice@acme.example", "wrong-guess", address="10.0.5.1")
    result = CliRunner().invoke(main, ["user", "unlock", "ALICE@acme.example"])
    assert result.exit_code == 0 and "Unlocked ALICE@acme.example" in result.output
    assert sign_in(Client(), "alice@acme.example", PASSWORD, address="10.0.5.2").status_code == 302
    result = CliRunner().invoke(main, ["user", "unlock", "--address", "10.0.5.1"])
    assert result.exit_code == 0
    assert sign_in(Client(), "alice@acme.example", PASSWORD, address="10.0.5.1").status_code == 302


def test_a_success_clears_the_count(world: World) -> None:
    for _ in range(4):
        sign_in(Client(), "bob@acme.example", "wrong-guess")
    assert sign_in(Client(), "bob@acme.example", PASSWORD).status_code == 302
    for _ in range(4):
        sign_in(Client(), "bob@acme.example", "wrong-guess")
    assert sign_in(Client(), "bob@acme.example", PASSWORD).status_code == 302
