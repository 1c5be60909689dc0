"""The HTTP API at /api/v1 (django-ninja): routers per resource, schemas apart from tables.

Every route needs ``Authorization: Bearer <token>`` (see auth.py); errors all
have one shape (see errors.py); the OpenAPI document is /api/v1/openapi.json and
the interactive docs /api/v1/docs work offline (Swagger UI ships with django-ninja).
"""

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja import NinjaAPI
from ninja.openapi.docs import Swagger

from bearing import __version__
from bearing.api import errors
from bearing.api.auth import TokenAuth
from bearing.api.query_params import forbid_unknown_query_parameters
from bearing.api.routes import (
    activity,
    alignment,
    changes,
    coach,
    connectivity,
    files,
    initiatives,
    key_results,
    kpis,
    maturity,
    me,
    my_week,
    notify,
    objectives,
    orgs,
    people,
    plans,
)
from bearing.api.routes import sources as data_sources
from bearing.sso import api as sso_routes

DESCRIPTION = """
Bearing's OKRs over HTTP. Authenticate with `Authorization: Bearer <token>`
(create tokens on the *API tokens* page or with `bearing token create`).
A token carries its person's role in its one organization: viewers read,
members change their teams' OKRs, admins everything.

Every 4xx answer is `{"detail": [{"loc": [...], "msg": "...", "type": "..."}]}`;
`loc` says where (`["body", "target"]`, `["query", "cycle"]`, `["path", "id"]`).
Changing an objective or key result needs the version you read (`version` in the
body or an `If-Match` header); a stale one gets 409 with `current_version`.
"""


class OfflineSwagger(Swagger):
    """Swagger UI from django-ninja's bundled files (no CDN), with a note when scripts are off.

    The files are served as static files of the ``ninja`` app (see INSTALLED_APPS), so the
    docs work on a laptop with no network.
    """

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        url = self.get_openapi_url(api, kwargs)
        settings = {**self.settings, "url": url}
        context = {"swagger_settings": json.dumps(settings), "api": api, "openapi_url": url}
        return render(request, "bearing/io/api_docs.html", context)


api = NinjaAPI(
    title="Bearing API",
    version=__version__,
    description=DESCRIPTION,
    urls_namespace="api",
    auth=TokenAuth(),
    docs=OfflineSwagger(),
)
errors.install(api)
for module in (
    me,
    orgs,
    people,
    objectives,
    key_results,
    activity,
    alignment,
    connectivity,
    files,
    coach,
    notify,
    maturity,
    changes,
    my_week,
    kpis,
    initiatives,
    data_sources,
    plans,
):
    api.add_router("", module.router)
api.add_router("", sso_routes.router)  # single sign-on (bearing.sso)
forbid_unknown_query_parameters(api)
