"""The SCIM token of an organization, and what SCIM knows of a member or team beyond Bearing's
own fields (the identity provider's ``externalId``, the name's parts, a SCIM DELETE)."""

from __future__ import annotations

from typing import ClassVar

from django.db import models

from bearing.orgs.models import Membership, Organization, Person, Team


class ScimToken(models.Model):
    """The bearer token an identity provider provisions one organization with. Like an API
    token only its SHA-256 is stored and it is shown once; it acts for no person."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="scim_tokens"
    )
    name = models.CharField(max_length=100, blank=True)
    prefix = models.CharField(
        max_length=12, help_text="The first characters, to tell tokens apart."
    )
    digest = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.organization})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class ScimUser(models.Model):
    """A member as the identity provider sees them. The SCIM id is the membership's id, so
    members added before SCIM are found too; this row exists once SCIM wrote to them."""

    membership = models.OneToOneField(
        Membership, on_delete=models.CASCADE, related_name="scim", primary_key=True
    )
    external_id = models.CharField(max_length=255, blank=True)
    given_name = models.CharField(max_length=200, blank=True)
    family_name = models.CharField(max_length=200, blank=True)
    # A SCIM DELETE deactivates the member (Bearing keeps their history) and hides them from
    # SCIM; creating the same userName again brings them back.
    deleted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"SCIM user {self.membership_id}"


class ScimGroup(models.Model):
    """A team as the identity provider sees it (a SCIM group): its ``externalId``."""

    team = models.OneToOneField(
        Team, on_delete=models.CASCADE, related_name="scim", primary_key=True
    )
    external_id = models.CharField(max_length=255, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"SCIM group {self.team_id}"
