"""Enough of the database to tell whether a request wrote anything, for the route tables of
the pages and of the API (tokens aside: using one stamps its last use; connectivity snapshots
aside: the alignment health page records this week's on a read)."""

from __future__ import annotations

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
    out |= _scim()
    return out


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
