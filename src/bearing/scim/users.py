"""SCIM users are members of the organization. The writes go through the people services
(``orgs.services.member_add``, ``orgs.members.member_deactivate`` / ``member_reactivate``),
so provisioning follows the same rules as the People page and the CLI: deactivating revokes
the member's API tokens and, with no other organization left, ends their sessions; the last
admin cannot be deactivated.

The SCIM id of a user is their membership's id: members added before SCIM are found too.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from bearing.orgs.members import member_deactivate, member_reactivate
from bearing.orgs.models import Membership, Organization, Person, Role
from bearing.orgs.services import member_add
from bearing.scim.errors import ScimError, invalid_value
from bearing.scim.models import ScimUser
from bearing.scim.patch import USER_SCHEMA, Operation, as_bool, as_text, flatten


@dataclass(frozen=True)
class UserState:
    """What SCIM may set of a user."""

    user_name: str
    external_id: str = ""
    display_name: str = ""
    formatted: str = ""
    given_name: str = ""
    family_name: str = ""
    active: bool | None = None  # None: left as it is

    @property
    def full_name(self) -> str:
        """The one name Bearing keeps: what the provider shows, else the name's parts."""
        joined = " ".join(part for part in (self.given_name, self.family_name) if part)
        return self.display_name or self.formatted or joined


FIELDS = {
    "username": "user_name",
    "externalid": "external_id",
    "displayname": "display_name",
    "name.formatted": "formatted",
    "name.givenname": "given_name",
    "name.familyname": "family_name",
}


def _set(state: UserState, key: str, value: Any) -> UserState:
    if key == "active":
        return replace(state, active=as_bool(value))
    if key == "name" and isinstance(value, dict):
        for part, item in flatten(value, "name.").items():
            state = _set(state, part, item)
        return state
    if key in FIELDS:
        return replace(state, **{FIELDS[key]: as_text(value, key)})  # type: ignore[arg-type]
    return state  # attributes Bearing does not keep (title, emails, addresses…) are ignored


def state_from_body(body: dict[str, Any]) -> UserState:
    """A whole user, as POST and PUT send it."""
    state = UserState(user_name="")
    for key, value in flatten(body).items():
        state = _set(state, key, value)
    if not state.user_name:
        raise invalid_value("userName is required")
    return state


def state_of(membership: Membership) -> UserState:
    scim = _scim_row(membership)
    return UserState(
        user_name=membership.person.email,
        external_id=scim.external_id if scim else "",
        display_name=membership.person.name,
        given_name=scim.given_name if scim else "",
        family_name=scim.family_name if scim else "",
        active=membership.is_active,
    )


def state_patched(state: UserState, ops: list[Operation]) -> UserState:
    """Apply PATCH operations (add and replace set, remove clears) to a user's state."""
    for operation in ops:
        if operation.op == "remove":
            if operation.path in FIELDS and operation.path != "username":
                state = replace(state, **{FIELDS[operation.path]: ""})  # type: ignore[arg-type]
            elif operation.path == "username":
                raise ScimError(400, "userName cannot be removed", "mutability")
            continue
        if operation.path:
            changes = (
                flatten(operation.value, "name.")
                if operation.path == "name" and isinstance(operation.value, dict)
                else {operation.path: operation.value}
            )
        elif isinstance(operation.value, dict):
            changes = flatten(operation.value)
        else:
            raise invalid_value("an operation without a path needs an object as its value")
        if any(k.startswith("name.") for k in changes) and "displayname" not in changes:
            # New name parts make a new name: the old display form no longer says it.
            state = replace(state, display_name="", formatted="")
        for key, value in changes.items():
            state = _set(state, key, value)
    return state


def visible_users(organization: Organization) -> QuerySet[Membership]:
    """The organization's members SCIM sees: all but those a SCIM DELETE took away."""
    return (
        Membership.objects.filter(organization=organization, scim__deleted_at__isnull=True)
        .select_related("person", "scim")
        .order_by("pk")
    )


def _scim_row(membership: Membership) -> ScimUser | None:
    try:
        return membership.scim
    except ScimUser.DoesNotExist:
        return None


def _governs(membership: Membership) -> bool:
    """Whether this organization may change the person's account itself (name, address): only
    when it is their only organization; a person in several keeps what they set elsewhere."""
    return (
        not Membership.objects.filter(person_id=membership.person_id)
        .exclude(pk=membership.pk)
        .exists()
    )


def _change_account(membership: Membership, state: UserState) -> None:
    person = Person.objects.select_for_update().get(pk=membership.person_id)
    email = state.user_name.strip().lower()
    name = state.full_name
    changes = []
    if email != person.email:
        if not _governs(membership):
            raise ScimError(400, f"{person.email} also belongs to another organization: "
                            "their address cannot change here", "mutability")  # fmt: skip
        if Person.objects.filter(email=email).exclude(pk=person.pk).exists():
            raise ScimError(409, f"{email} is taken by another person", "uniqueness")
        from django.core.exceptions import ValidationError
        from django.core.validators import validate_email

        try:
            validate_email(email)
        except ValidationError:
            raise invalid_value(f"{email!r} is not an e-mail address") from None
        person.email = email
        changes.append("email")
    if name and name != person.name and _governs(membership):
        person.name = name[:200]
        changes.append("name")
    if changes:
        person.save(update_fields=changes)
        membership.person = person


def _keep_scim_fields(membership: Membership, state: UserState, deleted: bool = False) -> None:
    ScimUser.objects.update_or_create(
        membership=membership,
        defaults={
            "external_id": state.external_id[:255],
            "given_name": state.given_name[:200],
            "family_name": state.family_name[:200],
            "deleted_at": timezone.now() if deleted else None,
        },
    )


def _set_active(membership: Membership, active: bool | None) -> Membership:
    if active is False and membership.is_active:
        member_deactivate(actor=None, membership=membership)
    elif active is True and not membership.is_active:
        member_reactivate(actor=None, membership=membership)
    return Membership.objects.select_related("person", "scim").get(pk=membership.pk)


@transaction.atomic
def user_create(*, organization: Organization, state: UserState) -> Membership:
    """A new member (a new account if the address has none), or 409 if SCIM sees them
    already. A member a SCIM DELETE took away comes back, active again."""
    email = state.user_name.strip().lower()
    existing = (
        Membership.objects.filter(organization=organization, person__email=email)
        .select_related("person")
        .first()
    )
    if existing is not None:
        scim = _scim_row(existing)
        if scim is None or scim.deleted_at is None:
            raise ScimError(409, f"{email} is a user here already", "uniqueness")
        membership = existing
        state = replace(state, active=True if state.active is None else state.active)
        _change_account(membership, state)
    else:
        is_new = not Person.objects.filter(email=email).exists()
        # A person who has an account elsewhere keeps the name they gave it.
        membership = member_add(
            organization=organization, email=email, role=Role.MEMBER,
            name=state.full_name[:200] if is_new else "",
        )  # fmt: skip
    _keep_scim_fields(membership, state)
    return _set_active(membership, state.active)


@transaction.atomic
def user_replace(*, membership: Membership, state: UserState) -> Membership:
    """PUT and PATCH: the user becomes ``state`` (``active`` None leaves it as it is)."""
    _change_account(membership, state)
    _keep_scim_fields(membership, state)
    return _set_active(membership, state.active)


@transaction.atomic
def user_delete(*, membership: Membership) -> None:
    """Deactivate the member (signed out, API tokens revoked, history kept) and hide them from
    SCIM from now on."""
    if membership.is_active:
        member_deactivate(actor=None, membership=membership)
    _keep_scim_fields(membership, state_of(membership), deleted=True)


def user_resource(membership: Membership, base: str) -> dict[str, Any]:
    """The user as SCIM shows it (RFC 7643 §4.1)."""
    person = membership.person
    scim = _scim_row(membership)
    name: dict[str, str] = {"formatted": person.name} if person.name else {}
    if scim and scim.given_name:
        name["givenName"] = scim.given_name
    if scim and scim.family_name:
        name["familyName"] = scim.family_name
    resource: dict[str, Any] = {
        "schemas": [USER_SCHEMA],
        "id": str(membership.pk),
        "userName": person.email,
        "displayName": person.display_name,
        "emails": [{"value": person.email, "type": "work", "primary": True}],
        "active": membership.is_active,
        "meta": {
            "resourceType": "User",
            "created": membership.joined_at.isoformat(),
            "lastModified": (scim.updated_at if scim else membership.joined_at).isoformat(),
            "location": f"{base}/Users/{membership.pk}",
        },
    }
    if name:
        resource["name"] = name
    if scim and scim.external_id:
        resource["externalId"] = scim.external_id
    return resource
