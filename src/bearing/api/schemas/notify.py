"""Notices, the cadence, Slack/Teams channels and webhook endpoints over the API."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from ninja import Field, Schema

from bearing.api.schemas.common import Input, PageQuery


class NoticeOut(Schema):
    id: int
    kind: str
    title: str
    body: str
    link: str = Field(description="A path inside Bearing, or empty.")
    created_at: datetime
    read_at: datetime | None


class NoticeQuery(PageQuery):
    unread: bool = Field(False, description="Only the unread ones.")


class CadenceOut(Schema):
    time_zone: str
    checkin_weekday: int = Field(
        description="0 = Monday … 6 = Sunday (the organization's check-in day)."
    )
    checkin_hour: int
    escalate_after_days: int
    digest_weekday: int
    digest_hour: int
    reminders_on: bool
    digests_on: bool
    email_on: bool
    chat_on: bool
    webhooks_on: bool


class CadencePatch(Input):
    time_zone: str | None = Field(None, max_length=64)
    checkin_hour: int | None = Field(None, ge=0, le=23)
    escalate_after_days: int | None = Field(None, ge=1, le=6)
    digest_weekday: int | None = Field(None, ge=0, le=6)
    digest_hour: int | None = Field(None, ge=0, le=23)
    reminders_on: bool | None = None
    digests_on: bool | None = None
    email_on: bool | None = None
    chat_on: bool | None = None
    webhooks_on: bool | None = None


class ChannelIn(Input):
    kind: Literal["slack", "teams"]
    url: str = Field(max_length=500)
    team: int | None = Field(None, description="A team's posts only (default: the company's).")


class ChannelOut(Schema):
    id: int
    kind: str
    url: str
    team: int | None


class WebhookIn(Input):
    url: str = Field(max_length=500)
    events: list[str] = Field(min_length=1, max_length=20)


class WebhookOut(Schema):
    id: int
    url: str
    events: list[str]
    active: bool
    created_at: datetime


class WebhookCreated(WebhookOut):
    secret: str = Field(description="The signing secret (Standard Webhooks): shown this once.")


class NoticePreferencesOut(Schema):
    email_on: bool = Field(description="Notices by e-mail as well as in the inbox.")
    digest_on: bool = Field(description="The weekly digest e-mail.")
    snoozed_until: date | None = Field(
        description="No check-in reminder (nor escalation) until this day, inclusive."
    )


class NoticePreferencesPatch(Input):
    email_on: bool | None = None
    digest_on: bool | None = None
    snoozed_until: date | None = Field(None, description="null: reminders as usual.")
