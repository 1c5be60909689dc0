"""What an identity provider asks before it provisions (RFC 7644 §4): which features Bearing
supports, its two resource types and their schemas (the attributes Bearing keeps)."""

from __future__ import annotations

from typing import Any

from bearing.scim.patch import GROUP_SCHEMA, USER_SCHEMA

LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
MAX_RESULTS = 200


def service_provider_config(base: str) -> dict[str, Any]:
    return {
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
        "patch": {"supported": True},
        "bulk": {"supported": False, "maxOperations": 0, "maxPayloadSize": 0},
        "filter": {"supported": True, "maxResults": MAX_RESULTS},
        "changePassword": {"supported": False},
        "sort": {"supported": False},
        "etag": {"supported": False},
        "authenticationSchemes": [
            {
                "type": "oauthbearertoken",
                "name": "Bearer token",
                "description": "The organization's SCIM token, from Settings → SCIM provisioning",
                "primary": True,
            }
        ],
        "meta": {"resourceType": "ServiceProviderConfig",
                 "location": f"{base}/ServiceProviderConfig"},
    }  # fmt: skip


def resource_types(base: str) -> list[dict[str, Any]]:
    return [
        {
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
            "id": kind,
            "name": kind,
            "endpoint": f"/{kind}s",
            "schema": schema,
            "meta": {"resourceType": "ResourceType", "location": f"{base}/ResourceTypes/{kind}"},
        }
        for kind, schema in (("User", USER_SCHEMA), ("Group", GROUP_SCHEMA))
    ]


def _attribute(name: str, kind: str = "string", **extra: Any) -> dict[str, Any]:
    return {
        "name": name, "type": kind, "multiValued": False, "required": False,
        "caseExact": False, "mutability": "readWrite", "returned": "default",
        "uniqueness": "none", **extra,
    }  # fmt: skip


def schemas(base: str) -> list[dict[str, Any]]:
    name_parts = [_attribute(part) for part in ("formatted", "givenName", "familyName")]
    member_parts = [_attribute("value"), _attribute("display", mutability="readOnly")]
    user = [
        _attribute("userName", required=True, uniqueness="server"),
        _attribute("name", "complex", subAttributes=name_parts),
        _attribute("displayName"),
        _attribute("emails", "complex", multiValued=True, mutability="readOnly",
                   subAttributes=[_attribute("value"), _attribute("type"),
                                  _attribute("primary", "boolean")]),
        _attribute("active", "boolean"),
    ]  # fmt: skip
    group = [
        _attribute("displayName", required=True, uniqueness="server"),
        _attribute("members", "complex", multiValued=True, subAttributes=member_parts),
    ]
    return [
        {
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
            "id": schema,
            "name": kind,
            "attributes": attributes,
            "meta": {"resourceType": "Schema", "location": f"{base}/Schemas/{schema}"},
        }
        for kind, schema, attributes in (
            ("User", USER_SCHEMA, user),
            ("Group", GROUP_SCHEMA, group),
        )
    ]


def list_response(resources: list[dict[str, Any]], total: int, start: int) -> dict[str, Any]:
    return {
        "schemas": [LIST_SCHEMA],
        "totalResults": total,
        "startIndex": start,
        "itemsPerPage": len(resources),
        "Resources": resources,
    }
