"""Due sources fetched by the scheduler's tick (through the job queue) and by
`bearing sources run` (for cron)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from click.testing import CliRunner
from django.test import override_settings
from django.utils import timezone

from bearing.cli import main
from bearing.integrations.models import Source
from bearing.integrations.services import checked_recipe, source_save
from bearing.integrations.tasks import queue_due
from bearing.notify.scheduler import tick
from bearing.okrs.models import KeyResult, Measurement
from tests.conftest import World
from tests.integrations.conftest import Served
from tests.notify.conftest import IMMEDIATE


def _feed(world: World, kr: KeyResult, http_server: Served, selector: str = "data.total") -> Source:
    recipe = checked_recipe(
        world.org.pk, kind="json", url=f"{http_server.base}/metrics.json", selector=selector
    )
    return source_save(organization=world.org, recipe=recipe, key_result=kr, schedule="hourly")


@override_settings(TASKS=IMMEDIATE)
def test_the_tick_fetches_due_sources_once(
    world: World, kr: KeyResult, http_server: Served
) -> None:
    source = _feed(world, kr, http_server)
    now = timezone.now()
    tick(now)
    assert list(Measurement.objects.filter(key_result=kr).values_list("value", "source")) == [
        (Decimal(42), "integration")
    ]
    source.refresh_from_db()
    assert source.next_run_at is not None and source.next_run_at > now + timedelta(minutes=59)
    assert queue_due(now) == 0  # not due again within the hour
    http_server.pages["/metrics.json"] = ("application/json", b'{"data": {"total": 43}}')
    assert queue_due(now + timedelta(hours=1, minutes=1)) == 1
    assert Measurement.objects.filter(key_result=kr).count() == 2


def test_a_claimed_source_is_not_queued_twice(
    world: World, kr: KeyResult, http_server: Served
) -> None:
    _feed(world, kr, http_server)
    now = timezone.now()
    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    ):
        assert queue_due(now) == 1
        assert queue_due(now + timedelta(minutes=1)) == 0  # claimed: the job is on its way


def test_cli_runs_due_sources(world: World, kr: KeyResult, http_server: Served) -> None:
    _feed(world, kr, http_server)
    runner = CliRunner()
    first = runner.invoke(main, ["sources", "run", "--org", "acme"])
    assert first.exit_code == 0, first.output
    assert first.output.splitlines() == [
        "Grow monthly revenue from 1000 to 2000: 42 (recorded)",
        "1 source(s) fetched.",
    ]
    assert (
        runner.invoke(main, ["sources", "run", "--org", "acme"]).output == "0 source(s) fetched.\n"
    )
    every = runner.invoke(main, ["sources", "run", "--org", "acme", "--all"])
    assert "42 (unchanged)" in every.output
    missing = runner.invoke(main, ["sources", "run", "--org", "nope"])
    assert missing.exit_code == 2 and len(missing.output.strip().splitlines()) == 1
