from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class OkrsConfig(AppConfig):
    name = "bearing.okrs"
    label = "okrs"
    verbose_name = "OKRs"

    def ready(self) -> None:
        post_migrate.connect(_refresh_outdated_figures, sender=self)


def _refresh_outdated_figures(**kwargs: Any) -> None:
    """After migrating, compute the stored figures that a new release's rules (or the release
    that introduced them) left out of date (``okrs.derived.refresh_outdated``): one query when
    there is nothing to do."""
    from bearing.okrs.derived import refresh_outdated

    refresh_outdated()
