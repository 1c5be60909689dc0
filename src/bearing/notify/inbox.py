"""A person's inbox in one organization: read, marked read, one notice or all."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from bearing.notify.models import Notice
from bearing.orgs.models import Membership


def inbox_of(membership: Membership) -> QuerySet[Notice]:
    """Newest first; only the person's own notices, only of this organization."""
    return Notice.objects.filter(
        recipient_id=membership.person_id, organization_id=membership.organization_id
    ).order_by("-created_at", "-id")


def notice_of(membership: Membership, pk: int) -> Notice | None:
    return inbox_of(membership).filter(pk=pk).first()


def mark_read(membership: Membership, pk: int) -> Notice | None:
    """The notice, read now (None: not one of the person's)."""
    notice = notice_of(membership, pk)
    if notice is not None and notice.read_at is None:
        notice.read_at = timezone.now()
        notice.save(update_fields=["read_at"])
    return notice


def mark_all_read(membership: Membership) -> int:
    return inbox_of(membership).filter(read_at__isnull=True).update(read_at=timezone.now())
