"""A real OpenID Connect provider for the single sign-on tests: a small Django project on
django-oauth-toolkit (RSA-signed ID tokens, discovery at <issuer>/.well-known/openid-
configuration, PKCE), run as its own process on 127.0.0.1 (``oidc.running_provider``)."""
