"""Run the test provider: migrate its own SQLite file, create the users and clients named in
PROVIDER_SPEC (JSON), and serve on 127.0.0.1:PROVIDER_PORT until killed."""

from __future__ import annotations

import json
import os


def main() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.sso.provider.settings")
    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.core.servers.basehttp import run
    from django.core.wsgi import get_wsgi_application
    from oauth2_provider.models import Application  # type: ignore[import-untyped]

    call_command("migrate", verbosity=0)
    spec = json.loads(os.environ["PROVIDER_SPEC"])
    for user in spec["users"]:
        User.objects.create_user(
            username=user["email"], email=user["email"], password=user["password"],
            first_name=user.get("name", ""), last_name=user.get("last_name", ""),
        )  # fmt: skip
    for client in spec["clients"]:
        Application.objects.create(
            name=client["client_id"], client_id=client["client_id"],
            client_secret=client["client_secret"], client_type="confidential",
            authorization_grant_type="authorization-code",
            redirect_uris=" ".join(client["redirect_uris"]),
            skip_authorization=client.get("skip_authorization", True), algorithm="RS256",
        )  # fmt: skip
    run("127.0.0.1", int(os.environ["PROVIDER_PORT"]), get_wsgi_application(), threading=True)


if __name__ == "__main__":
    main()
