"""Reading SCIM bodies into flat attribute changes, for users and groups alike.

Identity providers say the same thing in different ways: Okta sends
``{"op": "replace", "value": {"active": false}}``, Entra ``{"op": "Replace", "path": "active",
"value": "False"}``; names come as ``{"name": {"givenName": …}}`` or as ``"name.givenName"``,
with or without the core schema's URN in front. Everything here becomes lower-case dotted
paths (``name.givenname``) and plain values, so the resources apply one shape.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bearing.scim.errors import ScimError, invalid_value

PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group"
OPS = frozenset({"add", "replace", "remove"})


def path_key(path: str) -> str:
    """``urn:…:core:2.0:User:name.givenName`` → ``name.givenname``."""
    for urn in (USER_SCHEMA, GROUP_SCHEMA):
        if path.lower().startswith(urn.lower() + ":"):
            path = path[len(urn) + 1 :]
    return path.lower()


def flatten(value: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """``{"name": {"givenName": "Ana"}}`` → ``{"name.givenname": "Ana"}``; lists stay whole."""
    flat: dict[str, Any] = {}
    for key, item in value.items():
        name = prefix + path_key(key)
        if isinstance(item, dict) and name in ("name",):
            flat.update(flatten(item, name + "."))
        else:
            flat[name] = item
    return flat


def as_bool(value: Any, what: str = "active") -> bool:
    """SCIM booleans, also as Entra sends them ("True", "False")."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise invalid_value(f"{what} must be true or false")


def as_text(value: Any, what: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise invalid_value(f"{what} must be a string")
    return value.strip()


@dataclass(frozen=True)
class Operation:
    op: str  # add, replace or remove
    path: str  # lower-case, "" when the operation has none
    raw_path: str  # as sent, for filters inside it (members[value eq "…"])
    value: Any


def operations(body: dict[str, Any]) -> list[Operation]:
    """The operations of a PatchOp body, or 400 invalidSyntax / invalidValue."""
    found = body.get("Operations", body.get("operations"))
    if not isinstance(found, list) or not found:
        raise ScimError(400, "a PATCH needs a list of Operations", "invalidSyntax")
    result = []
    for item in found:
        if not isinstance(item, dict):
            raise ScimError(400, "each operation must be an object", "invalidSyntax")
        op = str(item.get("op", "")).lower()
        if op not in OPS:
            raise ScimError(400, f"unknown op {item.get('op')!r}; use add, replace or remove",
                            "invalidSyntax")  # fmt: skip
        raw_path = item.get("path") or ""
        if not isinstance(raw_path, str):
            raise ScimError(400, "path must be a string", "invalidPath")
        if op == "remove" and not raw_path:
            raise ScimError(400, "remove needs a path", "noTarget")
        if op != "remove" and "value" not in item:
            raise invalid_value(f"{op} needs a value")
        result.append(Operation(op, path_key(raw_path), raw_path, item.get("value")))
    return result
