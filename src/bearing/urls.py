from django.contrib import admin
from django.urls import include, path

from bearing.api.app import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include("bearing.web.io_urls")),
    path("", include("bearing.web.urls")),
    path("scim/v2/", include("bearing.scim.urls")),
]
