"""The unread count in the navigation bar: one COUNT over an index, and only on pages that
draw the bar inside an organization (it is computed when the template reads it)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from bearing.notify.models import Notice


def unread_notices(request: HttpRequest) -> dict[str, Any]:
    membership = getattr(request, "membership", None)
    if membership is None:
        return {}

    def count() -> int:
        return Notice.objects.filter(
            recipient_id=membership.person_id,
            organization_id=membership.organization_id,
            read_at__isnull=True,
        ).count()

    return {"unread_notices": SimpleLazyObject(count)}
