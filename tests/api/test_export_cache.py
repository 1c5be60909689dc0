"""A cycle's export is kept until the organization changes (okrs/io/export_cache.py).

A kept file is read with a handful of queries instead of the whole cycle; every write of
the services makes the next download a new file; and a reader never gets a file made for
a reader who sees other objectives."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from bearing.okrs.services.alignment import link_create
from bearing.okrs.services.key_results import key_result_update
from bearing.okrs.services.measurements import measurement_add
from bearing.orgs.teams import team_update
from tests import factories
from tests.api.conftest import Seed, call


def _download(seed: Seed, who: str = "alice") -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        answer = call("GET", f"/cycles/{seed.world.cycle.pk}/okr-file", token=seed.tokens[who])
    assert answer.status == 200
    return answer.content.decode(), len(queries)


def test_a_kept_file_is_read_in_a_few_queries_and_is_the_same_file(seed: Seed) -> None:
    first, written = _download(seed)
    again, kept = _download(seed)
    assert again == first
    # Writing reads teams, members, objectives, key results, links, values, KPIs…; a kept
    # file costs the caller's token and membership, the cycle, the latest change and the
    # visible objectives' ids, however large the cycle.
    assert kept <= 8 < written


def test_every_write_makes_the_next_download_a_new_file(seed: Seed) -> None:
    first, _ = _download(seed)
    measurement_add(
        actor=None, key_result=seed.key_result, value=Decimal("87.5"),
        measured_at=datetime(2026, 2, 9, tzinfo=UTC),
    )  # fmt: skip
    after_value, _ = _download(seed)
    assert "87.5" in after_value and "87.5" not in first

    seed.key_result.refresh_from_db()
    key_result_update(actor=None, key_result=seed.key_result, title="Settle every payment in 9 s")
    after_edit, _ = _download(seed)
    assert "Settle every payment in 9 s" in after_edit

    third = factories.make_objective(seed.world.cycle, "Win back lapsed merchants",
                                     team=seed.world.payments)  # fmt: skip
    link_create(actor=None, child=third, parent_objective=seed.objective)
    after_link, _ = _download(seed)
    assert "Win back lapsed merchants" in after_link
    assert after_link.count("aligned_to: [") > after_edit.count("aligned_to: [")

    team_update(actor=None, team=seed.world.payments, name="Payments & Billing")
    assert "Payments & Billing" in _download(seed)[0]


def test_a_reader_never_gets_a_file_made_for_one_who_sees_more(seed: Seed) -> None:
    factories.make_objective(
        seed.world.cycle, "Quietly prepare the acquisition", owner=seed.world.alice,
        visibility="private",
    )  # fmt: skip
    admins, _ = _download(seed, "alice")
    viewers, _ = _download(seed, "vic")
    assert "Quietly prepare the acquisition" in admins
    assert "Quietly prepare the acquisition" not in viewers
    # …and the other way round, with the viewer's file kept first.
    assert "Quietly prepare the acquisition" in _download(seed, "alice")[0]
    assert "Quietly prepare the acquisition" not in _download(seed, "vic")[0]


def test_another_organization_cannot_reach_the_kept_file(seed: Seed) -> None:
    _download(seed)
    answer = call("GET", f"/cycles/{seed.world.cycle.pk}/okr-file", token=seed.tokens["mallory"])
    assert answer.status == 404
