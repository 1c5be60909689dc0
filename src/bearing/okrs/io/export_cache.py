"""A cycle's exported file, kept until something in the organization changes.

At 10,000 people a cycle's OKR file with its history is 4.7 MB of text, and writing it takes
seconds (72,000 values read and formatted). The file changes only when the organization
does, and every write of the services leaves a change record (``okrs.services.changes``),
so the newest change record's id says whether a kept file is still the file: the key is
that id, the day the scores are computed for, the format, and which objectives the reader
may see (two members who see the same objectives get the same file; one who sees a
private objective never gets a file made for one who does not, nor the other way round).

Files are kept gzipped in the ``exports`` cache (settings.CACHES): a folder on one
machine, Redis for fleets. A miss costs what an export always cost; a hit costs four small
queries.
"""

from __future__ import annotations

import gzip
import hashlib
from datetime import date

from django.core.cache import caches

from bearing.okrs.io.export import export_csv, export_yaml
from bearing.okrs.io.snapshot import exported_objectives
from bearing.okrs.models import ChangeRecord, Cycle
from bearing.okrs.scoring import as_of_for
from bearing.orgs.models import Membership

# Bump when the files' format changes, so an upgrade never serves a file in the old one.
FORMAT_VERSION = 1
# A kept file lasts at most a day even if nothing changes (the scores' "today" moves on
# anyway, and a forgotten cycle's files should not stay forever).
KEEP_SECONDS = 24 * 3600


def export_key(cycle: Cycle, membership: Membership | None, fmt: str, today: date | None) -> str:
    """What the file depends on, hashed: a new change record or another reader's view of
    the objectives makes another key."""
    latest_change = (
        ChangeRecord.objects.filter(organization_id=cycle.organization_id)
        .order_by("-at", "-id")
        .values_list("id", "at")
        .first()
    )
    visible = exported_objectives(cycle, membership).values_list("id", flat=True)
    seen = hashlib.sha256(",".join(map(str, visible)).encode()).hexdigest()
    parts = (
        FORMAT_VERSION,
        # The organization's id with its creation time: ids repeat across databases (a
        # restored copy, a test server), creation times to the microsecond do not.
        cycle.organization_id,
        cycle.organization.created_at.isoformat(),
        cycle.pk,
        fmt,
        as_of_for(cycle, today).isoformat(),
        latest_change,
        seen,
    )
    return "export:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def exported_gzip(
    cycle: Cycle, membership: Membership | None, fmt: str, today: date | None = None
) -> bytes:
    """The cycle's file (``yaml`` or ``csv``) as gzip, from the cache or written now."""
    cache = caches["exports"]
    key = export_key(cycle, membership, fmt, today)
    kept = cache.get(key)
    if isinstance(kept, bytes):
        return kept
    export = export_yaml if fmt == "yaml" else export_csv
    packed = gzip.compress(export(cycle, membership, today).encode(), compresslevel=6, mtime=0)
    cache.set(key, packed, KEEP_SECONDS)
    return packed
