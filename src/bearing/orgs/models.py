"""Organizations (tenants), people and their memberships, the team tree, API tokens."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.crypto import salted_hmac

from bearing.domain.scoring import ColorBands


class Organization(models.Model):
    """A tenant. Nothing ever crosses between organizations."""

    slug = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    # Settings (PRODUCT.md "Domain"): colour bands, check-in day, soft limits, thresholds.
    yellow_from = models.DecimalField(max_digits=3, decimal_places=2, default=Decimal("0.4"))
    green_from = models.DecimalField(max_digits=3, decimal_places=2, default=Decimal("0.7"))
    checkin_weekday = models.PositiveSmallIntegerField(
        default=0, validators=[MaxValueValidator(6)], help_text="0 = Monday … 6 = Sunday"
    )
    max_objectives_per_team = models.PositiveSmallIntegerField(default=1)
    max_key_results_per_objective = models.PositiveSmallIntegerField(default=5)
    # A hard cap, unlike the coach's soft limit above: an objective with thousands of key
    # results would make every page that shows it heavy (issue 10).
    key_result_cap = models.PositiveSmallIntegerField(default=10)
    cascaded_warn_pct = models.DecimalField(max_digits=4, decimal_places=1, default=Decimal(40))
    aligned_drop_warn_pct = models.DecimalField(max_digits=4, decimal_places=1, default=Decimal(5))
    # The two-week plan (seed 002): how many days from a cycle's start its plans are due.
    plan_window_days = models.PositiveSmallIntegerField(default=14)

    class Meta:
        ordering: ClassVar = ["name"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(yellow_from__gt=0) & Q(yellow_from__lt=models.F("green_from"))
                & Q(green_from__lte=1),
                name="org_colour_bands_ordered",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return self.name

    @property
    def bands(self) -> ColorBands:
        return ColorBands(yellow_from=self.yellow_from, green_from=self.green_from)


class PersonManager(BaseUserManager["Person"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> Person:
        if not email:
            raise ValueError("a person needs an e-mail address")
        person = self.model(email=self.normalize_email(email).lower(), **extra)
        person.set_password(password)
        person.save(using=self._db)
        return person

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> Person:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class Person(AbstractBaseUser, PermissionsMixin):
    """Someone who signs in. A person may belong to several organizations."""

    email = models.EmailField(unique=True)
    name = models.CharField(max_length=200, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False, help_text="May use the operators' admin.")
    date_joined = models.DateTimeField(auto_now_add=True)
    # Raised to end every session of the person at once (``members.member_deactivate`` when
    # they have no organization left): it is part of the hash each session is checked against.
    session_generation = models.PositiveIntegerField(default=0)

    objects = PersonManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        ordering: ClassVar = ["name", "email"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name or self.email

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        """Django's hash of the password, plus the session generation once it was raised
        (generation 0 keeps Django's own value, so no session ends when this is deployed)."""
        if not self.session_generation:
            return super()._get_session_auth_hash(secret=secret)  # type: ignore[misc,no-any-return]
        key_salt = "bearing.orgs.models.Person.session_auth_hash"
        value = f"{self.password}|{self.session_generation}"
        return salted_hmac(key_salt, value, secret=secret, algorithm="sha256").hexdigest()


class Role(models.TextChoices):
    ADMIN = "admin", "Admin"
    MEMBER = "member", "Member"
    VIEWER = "viewer", "Viewer"


class Membership(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(auto_now_add=True)
    # A deactivated member keeps the row (their history and what they own stay visible) but
    # may not enter the organization; ``members.member_reactivate`` lets them back.
    deactivated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["organization", "person"], name="one_membership_per_org"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} in {self.organization} ({self.role})"

    @property
    def can_write(self) -> bool:
        return self.role != Role.VIEWER

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    @property
    def is_active(self) -> bool:
        return self.deactivated_at is None


class Team(models.Model):
    """An org unit. The team without a parent is the company (000: company → department → team)."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(max_length=200)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.RESTRICT, related_name="children"
    )
    members: models.ManyToManyField[Person, TeamMember] = models.ManyToManyField(
        Person, through="TeamMember", related_name="teams"
    )
    # An archived team keeps its objectives, retrospectives and members for the history, and
    # leaves the tree and the pickers (``teams.team_archive``).
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["name"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["organization", "name"], name="team_name_unique_in_org"
            ),
            models.UniqueConstraint(
                fields=["organization"], condition=Q(parent__isnull=True), name="one_company_team"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_company(self) -> bool:
        return self.parent_id is None

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class TeamMember(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="team_memberships")
    is_lead = models.BooleanField(default=False)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["team", "person"], name="one_team_membership"),
        ]

    def __str__(self) -> str:
        return f"{self.person} in {self.team}{' (lead)' if self.is_lead else ''}"


class ApiToken(models.Model):
    """A bearer token for /api/v1. Only its SHA-256 is stored; the token is shown once."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="api_tokens"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, blank=True)
    prefix = models.CharField(
        max_length=12, help_text="The token's first characters, to tell tokens apart."
    )
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.person})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class Invitation(models.Model):
    """Someone asked to join an organization, who has not joined yet.

    An OKR file imported by an organization names people by e-mail; those who are not
    members become invitations, never members: joining another organization is the
    person's own choice, and nothing about an account elsewhere (its name, or that it
    exists at all) is read or shown. The invitation holds the name and teams the file
    gave; they apply when the person joins (``invitation_accept``).
    """

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField()
    name = models.CharField(max_length=200, blank=True, help_text="As the inviter wrote it.")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    invited_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # The link's secret part, signed into it (``invitations.invitation_link``); a new one on
    # every sending, so only the latest link works. Links expire ``sent_at`` + the validity.
    nonce = models.CharField(max_length=32, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["email"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["organization", "email"],
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="one_pending_invitation_per_email",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} to {self.organization}"

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None


class InvitedTeam(models.Model):
    """A team the invited person joins (as a lead, or not) when they accept."""

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="teams")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    is_lead = models.BooleanField(default=False)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["invitation", "team"], name="one_invited_team"),
        ]

    def __str__(self) -> str:
        return f"{self.invitation.email} to {self.team}{' (lead)' if self.is_lead else ''}"
