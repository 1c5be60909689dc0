"""/healthz for load balancers and uptime checks: 200 while the process can reach its
database, 503 when it cannot. JSON, no sign-in, no session, one query."""

from __future__ import annotations

import structlog
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

log = structlog.get_logger("bearing.health")


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        # The reason goes to the log, not to whoever asks: it may name hosts and users.
        log.error("database unreachable", error=str(exc).strip().splitlines()[0][:300])
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
