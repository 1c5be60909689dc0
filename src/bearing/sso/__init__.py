"""Single sign-on with OpenID Connect, per organization (docs/sso.md)."""
