"""`bearing backup FILE` and `bearing restore FILE` on the run's database: a restore brings
back every row of every table exactly as it was backed up."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dj_database_url
import pytest

from tests.live import bearing, fresh_database, is_postgres

pytestmark = pytest.mark.security


def every_row(database_url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, in order: what a restore must give back."""
    if not is_postgres():
        import sqlite3

        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as conn:
            tables = [r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]  # fmt: skip
            return {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in tables}
    import psycopg

    c = dj_database_url.parse(database_url)
    with psycopg.connect(host=c["HOST"], port=c["PORT"], user=c["USER"], dbname=c["NAME"]) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'").fetchall()]  # fmt: skip
        return {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in tables}


def test_a_restore_brings_back_every_row(tmp_path: Path) -> None:
    with fresh_database(tmp_path) as url:
        assert bearing(url, "demo", "--password", "a-demo-password-9", cwd=tmp_path).returncode == 0
        before = every_row(url)
        assert sum(len(rows) for rows in before.values()) > 500
        backed = bearing(url, "backup", str(tmp_path / "demo.backup"), cwd=tmp_path)
        assert backed.returncode == 0, backed.stderr
        # Changes after the backup: a new organization, a deleted one's worth of data.
        assert bearing(url, "org", "add", "later", "--name", "Later", cwd=tmp_path).returncode == 0
        assert bearing(url, "snapshot", cwd=tmp_path).returncode == 0
        assert every_row(url) != before
        refused = bearing(url, "restore", str(tmp_path / "demo.backup"), cwd=tmp_path, stdin="n\n")
        assert refused.returncode != 0 and every_row(url) != before
        restored = bearing(url, "restore", str(tmp_path / "demo.backup"), "--yes", cwd=tmp_path)
        assert restored.returncode == 0, restored.stderr
        assert "Restored" in restored.stdout
        assert every_row(url) == before


def test_backups_never_overwrite_and_restore_checks_the_kind(tmp_path: Path) -> None:
    with fresh_database(tmp_path) as url:
        assert bearing(url, "migrate", cwd=tmp_path).returncode == 0
        target = tmp_path / "taken.backup"
        target.write_text("keep me")
        refused = bearing(url, "backup", str(target), cwd=tmp_path)
        assert refused.returncode == 2 and "exists" in refused.stderr
        assert target.read_text() == "keep me"
        wrong = bearing(url, "restore", str(target), "--yes", cwd=tmp_path)
        assert wrong.returncode == 2 and "is not a" in wrong.stderr
        assert "Traceback" not in wrong.stderr
