"""Enough of the database to tell whether a request wrote anything, for the route tables of
the pages and of the API (tokens aside: using one stamps its last use; connectivity snapshots
aside: the alignment health page records this week's on a read)."""

from __future__ import annotations

import zlib

from bearing.notify.models import CadenceSettings, Channel, Notice, Preferences, WebhookEndpoint
from bearing.okrs.models import (
    KPI,
    AlignmentLink,
    ChangeRecord,
    CheckIn,
    Comment,
    Cycle,
    Initiative,
    KeyResult,
    KPIMeasurement,
    Learning,
    Measurement,
    Objective,
    Plan,
    Reaction,
    Retrospective,
)
from bearing.orgs.models import Membership, Team, TeamMember

COUNTED = (
    Cycle, Team, TeamMember, Membership, Objective, KeyResult, Measurement, CheckIn,
    AlignmentLink, ChangeRecord, Comment, Reaction, Learning, Retrospective, Initiative,
    Notice, CadenceSettings, Preferences, Channel, WebhookEndpoint,
    KPI, KPIMeasurement, Plan,
)  # fmt: skip


def fingerprint() -> dict[str, int]:
    out = {model.__name__: model.objects.count() for model in COUNTED}
    out["objective versions"] = sum(Objective.objects.values_list("version", flat=True))
    out["key result versions"] = sum(KeyResult.objects.values_list("version", flat=True))
    out["unread notices"] = Notice.objects.filter(read_at__isnull=True).count()
    out["snoozed"] = Preferences.objects.filter(snoozed_until__isnull=False).count()
    out |= data_sources()
    out |= _scim()
    return out


def data_sources() -> dict[str, int]:
    """Connections and sources (bearing.integrations): their count and a checksum of what an
    edit or a fetch changes."""
    from bearing.integrations.models import Connection, Source

    connections = Connection.objects.values_list(
        "pk", "name", "kind", "host", "port", "database", "username", "base_url", "header_name",
        "secret_sealed",
    ).order_by("pk")  # fmt: skip
    sources = Source.objects.values_list(
        "pk", "kind", "connection", "query", "url", "selector", "schedule", "failures",
        "last_run_at", "last_value",
    ).order_by("pk")  # fmt: skip
    return {
        "connections": zlib.crc32(repr(list(connections)).encode()),
        "sources": zlib.crc32(repr(list(sources)).encode()),
    }


def _scim() -> dict[str, int]:
    """SCIM tokens made and revoked (their last use aside, as for API tokens), and what SCIM
    keeps of people and teams."""
    from bearing.scim.models import ScimGroup, ScimToken, ScimUser

    return {
        "scim tokens": ScimToken.objects.count(),
        "scim tokens revoked": ScimToken.objects.filter(revoked_at__isnull=False).count(),
        "scim users": ScimUser.objects.count(),
        "scim users deleted": ScimUser.objects.filter(deleted_at__isnull=False).count(),
        "scim groups": ScimGroup.objects.count(),
    }
