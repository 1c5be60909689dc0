"""The weekly rhythm, told: check-in reminders, escalations, digests, change notices, the
in-app inbox, and the channels they leave by (e-mail, Slack, Teams, signed webhooks)."""
