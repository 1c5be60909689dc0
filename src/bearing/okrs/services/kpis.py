"""KPIs and the North Star Metric; promoting a KPI in trouble into an objective (001).

Every way in (pages, API, OKR files, the demo) creates, changes and measures KPIs here. The
health rules are the domain's (``domain.kpis``); this module stores what they conclude on the
KPI (``health``, ``health_since``, the latest readings) so lists need not read any history.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from bearing.domain.kpis import (
    HealthyRange,
    KeyResultDraft,
    Reading,
    kpi_state,
    promotion_draft,
    range_problem,
)
from bearing.domain.limits import MAX_LONG_TEXT, text_problem
from bearing.okrs.models import KPI, Cycle, KeyResult, KPIMeasurement, Objective
from bearing.okrs.services import changes
from bearing.okrs.services.key_results import key_result_create
from bearing.okrs.services.objectives import objective_create
from bearing.okrs.services.values import checked_label, optional_decimal
from bearing.orgs.models import Membership, Organization, Person, Team

TRACKED = ("name", "description", "unit", "team", "owner", "healthy_min", "healthy_max",
           "is_north_star")  # fmt: skip
# How many readings the health is judged on: enough to say "since when" for years of weekly
# readings, bounded whatever a KPI's history.
JUDGED = 1000


def _check(kpi: KPI, organization: Organization) -> None:
    """Check a KPI's fields against each other and the tenant; ValidationError by field."""
    errors: dict[str, list[str]] = {}
    try:
        kpi.name = checked_label(kpi.name, "name", limit=200, what="a KPI's name")
    except ValidationError as exc:
        errors.update(exc.message_dict)
    else:
        taken = KPI.objects.filter(organization=organization, name=kpi.name).exclude(pk=kpi.pk)
        if taken.exists():
            errors["name"] = [f"a KPI named {kpi.name!r} exists already"]
    kpi.unit = kpi.unit.strip()
    if len(kpi.unit) > 30:
        errors["unit"] = ["keep the unit under 30 characters"]
    if problem := text_problem(kpi.description):
        errors["description"] = [problem]
    elif len(kpi.description) > MAX_LONG_TEXT:
        errors["description"] = [f"keep the description under {MAX_LONG_TEXT:,} characters"]
    if problem := range_problem(kpi.healthy_min, kpi.healthy_max):
        errors["healthy_max"] = [problem]
    if (
        kpi.team_id is not None
        and not Team.objects.filter(pk=kpi.team_id, organization=organization).exists()
    ):
        errors["team"] = ["no such team"]
    if (
        kpi.owner_id is not None
        and not Membership.objects.filter(
            organization=organization, person_id=kpi.owner_id, deactivated_at__isnull=True
        ).exists()
    ):
        errors["owner"] = ["the owner must be a member of the organization"]
    if errors:
        raise ValidationError(errors)


def _numbers(fields: dict[str, Any]) -> dict[str, Any]:
    """The range's bounds as checked decimals (a bad one raises before anything is read)."""
    out = dict(fields)
    errors: dict[str, list[str]] = {}
    for name in ("healthy_min", "healthy_max"):
        if name in out:
            try:
                out[name] = optional_decimal(out[name], name)
            except ValidationError as exc:
                errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    return out


def _crown(kpi: KPI) -> None:
    """One North Star per organization: naming a new one retires the old one."""
    KPI.objects.filter(organization_id=kpi.organization_id, is_north_star=True).exclude(
        pk=kpi.pk
    ).update(is_north_star=False)


@transaction.atomic
def kpi_create(
    *,
    actor: Person | None,
    organization: Organization,
    name: str,
    unit: str = "",
    healthy_min: Decimal | str | None = None,
    healthy_max: Decimal | str | None = None,
    is_north_star: bool = False,
    team: Team | None = None,
    owner: Person | None = None,
    description: str = "",
) -> KPI:
    fields = _numbers({"healthy_min": healthy_min, "healthy_max": healthy_max})
    kpi = KPI(
        organization=organization, name=name, unit=unit, team=team, owner=owner,
        description=description.strip(), is_north_star=is_north_star, **fields,
    )  # fmt: skip
    _check(kpi, organization)
    if is_north_star:
        _crown(kpi)
    kpi.save()
    changes.record(
        organization=organization, actor=actor, action="create", entity="kpi", entity_id=kpi.pk,
        summary=f"added KPI {kpi.name}{' (North Star)' if is_north_star else ''}",
        after=changes.snapshot(kpi, TRACKED),
    )  # fmt: skip
    return kpi


@transaction.atomic
def kpi_update(*, actor: Person | None, kpi: KPI, **fields: Any) -> KPI:
    """Change the named fields (those of ``TRACKED``); the health is judged again."""
    unknown = set(fields) - set(TRACKED)
    if unknown:
        raise ValidationError({name: ["not a field of a KPI"] for name in sorted(unknown)})
    kpi = KPI.objects.select_for_update().get(pk=kpi.pk)
    before = changes.snapshot(kpi, TRACKED)
    for name, value in _numbers(fields).items():
        if name == "description" and isinstance(value, str):
            value = value.strip()
        setattr(kpi, name, value)
    _check(kpi, kpi.organization)
    if kpi.is_north_star:
        _crown(kpi)
    _judge(kpi)
    kpi.save()
    after = changes.snapshot(kpi, TRACKED)
    old, new = changes.diff(before, after)
    if new:
        changes.record(
            organization=kpi.organization, actor=actor, action="update", entity="kpi",
            entity_id=kpi.pk, summary=f"changed KPI {kpi.name}", before=old, after=new,
        )  # fmt: skip
    return kpi


@transaction.atomic
def kpi_archive(*, actor: Person | None, kpi: KPI, archived: bool = True) -> KPI:
    """Archive (or restore) a KPI: it leaves the list and stops being the North Star; its
    readings stay."""
    kpi = KPI.objects.select_for_update().get(pk=kpi.pk)
    if archived == (kpi.archived_at is not None):
        return kpi
    kpi.archived_at = timezone.now() if archived else None
    if archived:
        kpi.is_north_star = False
    kpi.save(update_fields=["archived_at", "is_north_star"])
    changes.record(
        organization=kpi.organization, actor=actor, action="update", entity="kpi",
        entity_id=kpi.pk, summary=f"{'archived' if archived else 'restored'} KPI {kpi.name}",
        after={"archived": archived},
    )  # fmt: skip
    return kpi


@transaction.atomic
def kpi_delete(*, actor: Person | None, kpi: KPI) -> None:
    """Delete a KPI and its readings; objectives made from it keep their key results."""
    changes.record(
        organization=kpi.organization_id, actor=actor, action="delete", entity="kpi",
        entity_id=kpi.pk, summary=f"deleted KPI {kpi.name}", before=changes.snapshot(kpi, TRACKED),
    )  # fmt: skip
    kpi.delete()


def _moment(value: datetime | date | None) -> datetime:
    if value is None:
        return timezone.now()
    if isinstance(value, datetime):
        return value if timezone.is_aware(value) else value.replace(tzinfo=UTC)
    return datetime.combine(value, time(9), tzinfo=UTC)


@transaction.atomic
def kpi_measure(
    *,
    kpi: KPI,
    value: Decimal | str,
    measured_at: datetime | date | None = None,
    actor: Person | None = None,
) -> KPIMeasurement:
    """Add a reading (now, or on a given day) and judge the KPI's health again."""
    number = optional_decimal(value, "value")
    if number is None:
        raise ValidationError({"value": ["expected a number"]})
    moment = _moment(measured_at)
    if moment > timezone.now() + timedelta(days=1):
        raise ValidationError({"measured_at": ["a reading cannot be in the future"]})
    kpi = KPI.objects.select_for_update().get(pk=kpi.pk)
    if kpi.archived_at is not None:
        raise ValidationError({"value": ["the KPI is archived; restore it to add readings"]})
    measurement = KPIMeasurement.objects.create(
        organization_id=kpi.organization_id, kpi=kpi, value=number, measured_at=moment
    )
    _judge(kpi)
    kpi.save(update_fields=["health", "health_since", "latest_value", "latest_on",
                            "previous_value"])  # fmt: skip
    changes.record(
        organization=kpi.organization_id, actor=actor, action="create", entity="kpi_measurement",
        entity_id=measurement.pk, summary=f"measured KPI {kpi.name}: {number}",
        after={"kpi": kpi.pk, "value": str(number)},
    )  # fmt: skip
    return measurement


def kpi_readings(kpi: KPI, limit: int = JUDGED) -> list[Reading]:
    """The latest ``limit`` readings of a KPI, oldest first."""
    rows = list(
        KPIMeasurement.objects.filter(kpi_id=kpi.pk)
        .order_by("-measured_at", "-id")
        .values_list("measured_at", "value")[:limit]
    )
    return [Reading(on=at.date(), value=value) for at, value in reversed(rows)]


def healthy_range(kpi: KPI) -> HealthyRange:
    return HealthyRange(kpi.healthy_min, kpi.healthy_max)


def _judge(kpi: KPI) -> None:
    """Store the domain's verdict on the KPI (not saved here)."""
    readings = kpi_readings(kpi)
    state = kpi_state(healthy_range(kpi), readings)
    kpi.health = state.health.value
    kpi.health_since = state.since
    kpi.latest_value = state.latest.value if state.latest else None
    kpi.latest_on = state.latest.on if state.latest else None
    kpi.previous_value = readings[-2].value if len(readings) > 1 else None


def north_star(organization_id: int) -> KPI | None:
    return (
        KPI.objects.filter(
            organization_id=organization_id, is_north_star=True, archived_at__isnull=True
        )
        .select_related("owner", "team")
        .first()
    )


@transaction.atomic
def kpi_promote(
    *,
    actor: Person | None,
    kpi: KPI,
    cycle: Cycle,
    title: str,
    team: Team | None,
    owner: Person | None = None,
    key_result_title: str = "",
    start: Decimal | str | None = None,
    target: Decimal | str | None = None,
) -> Objective:
    """Turn a KPI whose health needs real attention into an objective for a cycle, with one
    key result from where the KPI stands to its healthy range (the page drafts it with
    ``promotion``; people may change it first). The objective remembers the KPI it came from
    and says it moves it."""
    if cycle.organization_id != kpi.organization_id:
        raise ValidationError({"cycle": ["no such cycle"]})
    objective = objective_create(actor=actor, cycle=cycle, title=title, team=team, owner=owner)
    draft = promotion(kpi)
    kr_title = key_result_title.strip() or (draft.title if draft else "")
    if not kr_title:
        raise ValidationError({"key_result_title": ["the key result needs a title"]})
    start = start if start not in (None, "") else (draft.start if draft else None)
    target = target if target not in (None, "") else (draft.target if draft else None)
    key_result_create(
        actor=actor, objective=objective, title=kr_title, start=start, target=target,
        unit=kpi.unit, owner=owner,
    )  # fmt: skip
    Objective.objects.filter(pk=objective.pk).update(promoted_from=kpi, moves_kpi=kpi)
    objective.promoted_from = kpi
    objective.moves_kpi = kpi
    changes.record(
        organization=kpi.organization_id, actor=actor, action="update", entity="kpi",
        entity_id=kpi.pk, summary=f"made KPI {kpi.name} an objective: “{objective.title}”",
        after={"objective": objective.pk}, objective_id=objective.pk, cycle_id=cycle.pk,
    )  # fmt: skip
    return objective


def promotion(kpi: KPI) -> KeyResultDraft | None:
    """The domain's draft key result for an unhealthy KPI (None when it is healthy)."""
    if kpi.latest_value is None:
        return None
    return promotion_draft(kpi.name, kpi.unit, healthy_range(kpi), kpi.latest_value)


@transaction.atomic
def kpi_from_key_result(*, actor: Person | None, key_result: KeyResult, name: str = "") -> KPI:
    """The reverse of promoting: a key result that only keeps a threshold (the coach's "KPI
    disguised as a key result") becomes a KPI with its values as readings. The key result
    stays where it is; people remove it once the KPI is watched."""
    low = high = None
    target = key_result.target
    if key_result.kind == "at_least":
        low = target
    elif key_result.kind == "at_most":
        high = target
    elif key_result.kind == "increase":
        low = target
    elif key_result.kind == "decrease":
        high = target
    kpi = kpi_create(
        actor=actor, organization=key_result.organization, name=name or key_result.title,
        unit=key_result.unit, healthy_min=low, healthy_max=high, owner=key_result.owner,
        team=key_result.objective.team,
    )  # fmt: skip
    for m in key_result.measurements.order_by("measured_at", "id")[:JUDGED]:
        KPIMeasurement.objects.create(
            organization_id=kpi.organization_id, kpi=kpi, value=m.value, measured_at=m.measured_at
        )
    _judge(kpi)
    kpi.save()
    return kpi
