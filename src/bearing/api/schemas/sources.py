"""Connections and data sources (admins only). Secrets are write-only: sent in, never out."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Literal

from ninja import Field, Schema

from bearing.api.schemas.common import Id, Input

ConnectionKindName = Literal["postgresql", "mysql", "sqlite", "http"]
SourceKindName = Literal["sql", "json", "csv"]
ScheduleName = Literal["hourly", "daily", "weekly"]


class ConnectionIn(Input):
    name: str = Field(min_length=1, max_length=100)
    kind: ConnectionKindName
    host: str = Field("", max_length=255)
    port: int | None = Field(None, ge=1, le=65535)
    database: str = Field("", max_length=500, description="A file path for SQLite.")
    username: str = Field("", max_length=200)
    base_url: str = Field("", max_length=500, description="HTTP: sources' paths join it.")
    header_name: str = Field("", max_length=100, description="HTTP: e.g. Authorization.")
    secret: str = Field(
        "", max_length=2000, description="The password, or the header's value. Never returned."
    )


class ConnectionPatch(Input):
    name: str | None = Field(None, min_length=1, max_length=100)
    host: str | None = Field(None, max_length=255)
    port: int | None = Field(None, ge=1, le=65535)
    database: str | None = Field(None, max_length=500)
    username: str | None = Field(None, max_length=200)
    base_url: str | None = Field(None, max_length=500)
    header_name: str | None = Field(None, max_length=100)
    secret: str | None = Field(None, max_length=2000, description='"" removes it.')


class ConnectionOut(Schema):
    id: int
    name: str
    kind: str
    host: str
    port: int | None
    database: str
    username: str
    base_url: str
    header_name: str
    secret_set: bool


class SourceIn(Input):
    key_result: Id | None = Field(None, description="The key result it feeds (or ``kpi``).")
    kpi: Id | None = None
    kind: SourceKindName
    connection: str | None = Field(None, max_length=100, description="A connection's name.")
    query: str = Field("", max_length=10_000)
    url: str = Field("", max_length=500)
    selector: str = Field("", max_length=500, description='JMESPath, or a CSV cell ("B3").')
    schedule: ScheduleName = "daily"


class SourcePatch(Input):
    kind: SourceKindName | None = None
    connection: str | None = Field(None, max_length=100, description='"" for none.')
    query: str | None = Field(None, max_length=10_000)
    url: str | None = Field(None, max_length=500)
    selector: str | None = Field(None, max_length=500)
    schedule: ScheduleName | None = None


class SourceOut(Schema):
    id: int
    key_result: int | None
    kpi: int | None
    kind: str
    connection: str | None
    query: str
    url: str
    selector: str
    schedule: str
    next_run_at: datetime | None
    last_run_at: datetime | None
    last_success_at: datetime | None
    last_value: Decimal | None
    last_error: str
    failures: int


class FetchOut(Schema):
    ok: bool
    value: Decimal | None
    error: str
    recorded: bool = Field(description="A new value was recorded (an unchanged one is not).")
