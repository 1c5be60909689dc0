"""The standing security suite (docs/security.md): regressions of every hole found, hostile
input through every door. It reuses the API's and the pages' worlds."""

from __future__ import annotations

import pytest

from tests.api.conftest import fast_passwords, seed
from tests.web.conftest import okrs

__all__ = ["fast_passwords", "okrs", "seed"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/security/" in str(item.fspath):
            item.add_marker(pytest.mark.security)
