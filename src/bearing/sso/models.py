"""An organization's OpenID Connect provider, and the provider accounts linked to people."""

from __future__ import annotations

from typing import ClassVar

from django.db import models

from bearing.orgs.models import Organization, Person


class Provider(models.Model):
    """The identity provider an organization's people sign in with (one per organization).

    The client secret is stored sealed (``bearing.secrets``): a database copy without the
    installation's secret key does not reveal it, and no page or answer shows it again.
    """

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="sso_provider"
    )
    # What the button says: "Sign in with <name>".
    name = models.CharField(max_length=100)
    issuer = models.URLField(max_length=500)
    client_id = models.CharField(max_length=255)
    client_secret_sealed = models.TextField()
    enabled = models.BooleanField(default=True)
    # A verified e-mail that belongs to no member yet becomes a member on first sign-in.
    allow_new_members = models.BooleanField(default=False)
    # Members (admins excepted: the break-glass path) may not sign in with a password.
    password_sign_in_off = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.name} for {self.organization}"

    @property
    def button_label(self) -> str:
        return f"Sign in with {self.name}"


class Identity(models.Model):
    """A provider's account (issuer + subject) linked to a person of the organization, so later
    sign-ins find the person by the provider's stable id, not by an e-mail that may change."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="sso_identities"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="sso_identities")
    issuer = models.CharField(max_length=500)
    subject = models.CharField(max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)
    last_signed_in_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["organization", "issuer", "subject"], name="sso_one_identity_per_subject"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} at {self.issuer} → {self.person}"
