"""The cadence part of the Settings page, a channel, and a person's notice preferences."""

from __future__ import annotations

from django import forms

from bearing.notify.models import ChannelKind
from bearing.web.forms.base import BearingForm
from bearing.web.forms.settings import WEEKDAYS

HOURS = [(h, f"{h:02d}:00") for h in range(24)]


class CadenceForm(BearingForm):
    time_zone = forms.CharField(
        label="Time zone",
        max_length=64,
        help_text="Reminders and digests follow its clock (e.g. Europe/Berlin).",
    )
    checkin_hour = forms.TypedChoiceField(
        label="Reminder hour", choices=HOURS, coerce=int,
        help_text="On the day check-ins start, owners who have not checked in are reminded at this hour.",
    )  # fmt: skip
    escalate_after_days = forms.TypedChoiceField(
        label="Tell team leads after", choices=[(d, f"{d} day{'s' if d > 1 else ''}") for d in range(1, 7)],
        coerce=int, help_text="Objectives still not checked in this many days after the reminder.",
    )  # fmt: skip
    digest_weekday = forms.TypedChoiceField(label="Digest day", choices=WEEKDAYS, coerce=int)
    digest_hour = forms.TypedChoiceField(label="Digest hour", choices=HOURS, coerce=int)
    reminders_on = forms.BooleanField(
        label="Send check-in reminders and escalations", required=False
    )
    digests_on = forms.BooleanField(label="Send the weekly digest", required=False)
    email_on = forms.BooleanField(
        label="E-mail notices (each person may still turn theirs off)", required=False
    )
    chat_on = forms.BooleanField(label="Post to Slack and Teams channels", required=False)
    webhooks_on = forms.BooleanField(label="Call webhooks", required=False)


class ChannelForm(BearingForm):
    kind = forms.ChoiceField(label="Kind", choices=ChannelKind.choices)
    url = forms.CharField(
        label="Incoming webhook address", max_length=500,
        help_text="From the channel's settings in Slack or Teams (https://hooks.slack.com/…).",
    )  # fmt: skip


class PreferencesForm(BearingForm):
    email_on = forms.BooleanField(label="Also send my notices by e-mail", required=False)
    digest_on = forms.BooleanField(label="Send me the weekly digest", required=False)
