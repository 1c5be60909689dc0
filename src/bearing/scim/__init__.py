"""SCIM 2.0 provisioning (RFC 7643/7644): an organization's identity provider creates, updates
and deactivates its people and keeps its teams' members, through /scim/v2 with a bearer token."""
