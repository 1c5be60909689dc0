"""Pages for API tokens and OKR-file import/export (the `io` namespace)."""

from django.urls import URLPattern

app_name = "io"

urlpatterns: list[URLPattern] = []
