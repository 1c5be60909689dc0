"""The change record: who changed what, when, from what to what. Written by the services."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from bearing.orgs.models import Organization


class ChangeRecord(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="changes")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    action = models.CharField(max_length=10)  # create | update | delete
    entity = models.CharField(max_length=30)  # objective, key_result, measurement, …
    entity_id = models.BigIntegerField()
    summary = models.CharField(max_length=300)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    # Plain ids, not foreign keys: the history outlives what it describes.
    objective_id = models.BigIntegerField(null=True, blank=True)
    cycle_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["-at", "-id"]
        indexes: ClassVar = [
            models.Index(fields=["organization", "-at"]),
            models.Index(fields=["objective_id", "-at"]),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.entity} {self.entity_id}: {self.summary}"
