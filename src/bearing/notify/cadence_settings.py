"""An organization's rhythm and a person's choices: read (defaults when nothing is stored),
checked and changed here, for the Settings page, the API and the jobs alike."""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from bearing.domain.rhythm import Rhythm
from bearing.notify.models import CadenceSettings, Preferences
from bearing.okrs.services import changes
from bearing.orgs.models import Organization, Person

CADENCE_FIELDS = (
    "time_zone", "checkin_hour", "escalate_after_days", "digest_weekday", "digest_hour",
    "reminders_on", "digests_on", "email_on", "chat_on", "webhooks_on",
)  # fmt: skip
PREFERENCE_FIELDS = ("email_on", "digest_on", "snoozed_until")
SNOOZE = timedelta(days=7)


def settings_for(organization: Organization) -> CadenceSettings:
    """The organization's rhythm; the defaults (unsaved) when it never changed them."""
    found = CadenceSettings.objects.filter(organization=organization).first()
    return found or CadenceSettings(organization=organization)


def rhythm_of(organization: Organization, cadence: CadenceSettings) -> Rhythm:
    return Rhythm(
        checkin_weekday=organization.checkin_weekday,
        checkin_hour=cadence.checkin_hour,
        escalate_after_days=cadence.escalate_after_days,
        digest_weekday=cadence.digest_weekday,
        digest_hour=cadence.digest_hour,
    )


def zone_of(cadence: CadenceSettings) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(cadence.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")  # a zone the system lost since: UTC rather than a crash


def local(moment: datetime, cadence: CadenceSettings) -> datetime:
    """``moment`` as the organization's wall clock shows it (naive)."""
    return moment.astimezone(zone_of(cadence)).replace(tzinfo=None)


def aware(local_moment: datetime, cadence: CadenceSettings) -> datetime:
    return local_moment.replace(tzinfo=zone_of(cadence))


def _check_zone(name: str) -> str:
    name = name.strip()
    if name not in zoneinfo.available_timezones():
        raise ValidationError({"time_zone": [f"{name!r} is not a time zone (e.g. Europe/Berlin)"]})
    return name


@transaction.atomic
def cadence_update(
    *, actor: Person | None, organization: Organization, **fields: Any
) -> CadenceSettings:
    """Change the organization's rhythm; recorded before → after in the change history."""
    unknown = set(fields) - set(CADENCE_FIELDS)
    if unknown:
        raise ValidationError({name: ["not a cadence setting"] for name in sorted(unknown)})
    cadence, _ = CadenceSettings.objects.select_for_update().get_or_create(
        organization=organization
    )
    before = changes.snapshot(cadence, CADENCE_FIELDS)
    if "time_zone" in fields:
        fields["time_zone"] = _check_zone(str(fields["time_zone"]))
    for name, value in fields.items():
        setattr(cadence, name, value)
    cadence.full_clean(exclude=["organization"])
    cadence.save()
    old, new = changes.diff(before, changes.snapshot(cadence, CADENCE_FIELDS))
    if new:
        changes.record(
            organization=organization, actor=actor, action="update", entity="cadence",
            entity_id=organization.pk, summary=f"changed {', '.join(new)} of the cadence",
            before=old, after=new,
        )  # fmt: skip
    return cadence


def preferences_for(organization: Organization, person: Person) -> Preferences:
    found = Preferences.objects.filter(organization=organization, person=person).first()
    return found or Preferences(organization=organization, person=person)


@transaction.atomic
def preferences_update(*, organization: Organization, person: Person, **fields: Any) -> Preferences:
    unknown = set(fields) - set(PREFERENCE_FIELDS)
    if unknown:
        raise ValidationError({name: ["not a preference"] for name in sorted(unknown)})
    preferences, _ = Preferences.objects.select_for_update().get_or_create(
        organization=organization, person=person
    )
    for name, value in fields.items():
        setattr(preferences, name, value)
    preferences.save()
    return preferences


def snooze_a_week(
    *, organization: Organization, person: Person, today: date | None = None
) -> Preferences:
    """No reminder for the next seven days (one check-in week)."""
    until = (today or timezone.localdate()) + SNOOZE
    return preferences_update(organization=organization, person=person, snoozed_until=until)
