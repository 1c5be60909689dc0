"""A parsed SCIM filter (``filters.py``) as a Django ``Q`` over one resource's attributes.
Attribute names are case-insensitive (RFC 7643 §2.1); an attribute the resource does not
have is 400 invalidFilter, never a silently empty list."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from bearing.scim.errors import ScimError
from bearing.scim.filters import Both, Compare, Either, FilterError, Node, Not, parse
from bearing.scim.patch import path_key


@dataclass(frozen=True)
class Field:
    lookup: str  # the Django path
    case_exact: bool = False
    kind: str = "text"  # text, id, active, members


USER_FIELDS = {
    "id": Field("pk", kind="id"),
    "username": Field("person__email"),
    "emails": Field("person__email"),
    "emails.value": Field("person__email"),
    "externalid": Field("scim__external_id", case_exact=True),
    "displayname": Field("person__name"),
    "name.formatted": Field("person__name"),
    "name.givenname": Field("scim__given_name"),
    "name.familyname": Field("scim__family_name"),
    "active": Field("deactivated_at", kind="active"),
    "meta.created": Field("joined_at", case_exact=True),
}
GROUP_FIELDS = {
    "id": Field("pk", kind="id"),
    "displayname": Field("name"),
    "externalid": Field("scim__external_id", case_exact=True),
    "members": Field("", kind="members"),
    "members.value": Field("", kind="members"),
}
LOOKUPS = {"eq": "exact", "co": "contains", "sw": "startswith", "ew": "endswith",
           "gt": "gt", "ge": "gte", "lt": "lt", "le": "lte"}  # fmt: skip
NOTHING = Q(pk__in=[])


def _compare(node: Compare, fields: dict[str, Field], organization_id: int) -> Q:
    field = fields.get(path_key(node.attribute))
    if field is None:
        raise FilterError(f"cannot filter on {node.attribute!r}")
    if node.op == "pr":
        if field.kind in ("id", "active"):
            return ~NOTHING
        return ~Q(**{field.lookup: ""}) & Q(**{f"{field.lookup}__isnull": False})
    if field.kind == "active":
        if node.op not in ("eq", "ne") or not isinstance(node.value, bool):
            raise FilterError("compare active with eq or ne and true or false")
        active = node.value if node.op == "eq" else not node.value
        return Q(deactivated_at__isnull=active)
    if field.kind in ("id", "members"):
        if node.op not in ("eq", "ne"):
            raise FilterError(f"compare {node.attribute} with eq or ne")
        raw = str(node.value)
        if not raw.isdigit():
            return NOTHING if node.op == "eq" else ~NOTHING
        if field.kind == "id":
            found = Q(pk=int(raw))
        else:  # a team with this organization's membership among its members
            found = Q(
                memberships__person__memberships__pk=int(raw),
                memberships__person__memberships__organization_id=organization_id,
            )
        return found if node.op == "eq" else ~found
    value = "" if node.value is None else str(node.value).lower() if isinstance(
        node.value, bool) else node.value  # fmt: skip
    lookup = LOOKUPS.get(node.op, "exact")
    if not field.case_exact and lookup in ("exact", "contains", "startswith", "endswith"):
        lookup = "i" + lookup
    found = Q(**{f"{field.lookup}__{lookup}": value})
    return ~found if node.op == "ne" else found


def to_q(node: Node, fields: dict[str, Field], organization_id: int) -> Q:
    if isinstance(node, Compare):
        return _compare(node, fields, organization_id)
    if isinstance(node, Both):
        return to_q(node.left, fields, organization_id) & to_q(node.right, fields, organization_id)
    if isinstance(node, Either):
        return to_q(node.left, fields, organization_id) | to_q(node.right, fields, organization_id)
    assert isinstance(node, Not)
    return ~to_q(node.inner, fields, organization_id)


def filter_q(text: str, fields: dict[str, Field], organization_id: int) -> Q:
    """The Q of a ``filter`` parameter, or 400 invalidFilter."""
    try:
        return to_q(parse(text), fields, organization_id)
    except FilterError as exc:
        raise ScimError(400, str(exc), "invalidFilter") from None
