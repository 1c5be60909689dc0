"""Connections to the systems where an organization's numbers live, and the sources that read
one number from them for a key result or a KPI (issue 15).

A connection's secret (a database password, an HTTP header's value) is stored sealed
(``bearing.secrets``): shown only as "set", never exported, never sent back."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import Q

from bearing.okrs.models import KPI, KeyResult
from bearing.orgs.models import Organization


class ConnectionKind(models.TextChoices):
    POSTGRESQL = "postgresql", "PostgreSQL"
    MYSQL = "mysql", "MySQL / MariaDB"
    SQLITE = "sqlite", "SQLite file"
    HTTP = "http", "HTTP (header auth)"


DATABASE_KINDS = (ConnectionKind.POSTGRESQL, ConnectionKind.MYSQL, ConnectionKind.SQLITE)


class Connection(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="connections"
    )
    name = models.CharField(max_length=100)
    kind = models.CharField(max_length=12, choices=ConnectionKind.choices)
    # Databases: host, port, database (a file path for SQLite), user. HTTP: the base address
    # sources' paths are joined to, and the header that carries the secret.
    host = models.CharField(max_length=255, blank=True)
    port = models.PositiveIntegerField(null=True, blank=True)
    database = models.CharField(max_length=500, blank=True)
    username = models.CharField(max_length=200, blank=True)
    base_url = models.CharField(max_length=500, blank=True)
    header_name = models.CharField(max_length=100, blank=True)
    secret_sealed = models.TextField(blank=True)  # the password or the header's value
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["name"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["organization", "name"], name="connection_name_unique_in_org"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_database(self) -> bool:
        return self.kind in DATABASE_KINDS


class SourceKind(models.TextChoices):
    SQL = "sql", "SQL query"
    JSON = "json", "HTTP JSON endpoint"
    CSV = "csv", "CSV file"


class Schedule(models.TextChoices):
    HOURLY = "hourly", "Hourly"
    DAILY = "daily", "Daily"
    WEEKLY = "weekly", "Weekly"


class Source(models.Model):
    """Where a key result's (or a KPI's) value comes from, and how its last fetch went."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    key_result = models.OneToOneField(
        KeyResult, null=True, blank=True, on_delete=models.CASCADE, related_name="source"
    )
    kpi = models.OneToOneField(
        KPI, null=True, blank=True, on_delete=models.CASCADE, related_name="source"
    )
    kind = models.CharField(max_length=8, choices=SourceKind.choices)
    connection = models.ForeignKey(
        # RESTRICT: a used connection is not removed alone, but goes with its organization.
        Connection,
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="sources",
    )
    query = models.TextField(blank=True)  # SQL
    url = models.CharField(max_length=500, blank=True)  # JSON and CSV (or a path under base_url)
    selector = models.CharField(max_length=500, blank=True)  # JMESPath, or a CSV cell
    schedule = models.CharField(max_length=8, choices=Schedule.choices, default=Schedule.DAILY)
    # How the last fetches went: shown on the key result, and what the scheduler reads.
    next_run_at = models.DateTimeField(null=True, blank=True, db_index=True)
    last_run_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_value = models.DecimalField(null=True, blank=True, max_digits=24, decimal_places=6)
    last_error = models.CharField(max_length=500, blank=True)
    failures = models.PositiveIntegerField(default=0)  # in a row
    failing_since = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["pk"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(key_result__isnull=False, kpi__isnull=True)
                | Q(key_result__isnull=True, kpi__isnull=False),
                name="source_feeds_one_thing",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"
