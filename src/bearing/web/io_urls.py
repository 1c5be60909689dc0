"""Pages for API tokens and OKR-file import/export (the `io` namespace)."""

from django.urls import URLPattern, path

from bearing.web.io_views import okr_files, tokens

app_name = "io"

ORG = "o/<slug:org>/"

urlpatterns: list[URLPattern] = [
    path(f"{ORG}api-tokens/", tokens.tokens, name="tokens"),
    path(f"{ORG}api-tokens/<int:token_id>/revoke/", tokens.revoke, name="token_revoke"),
    path(f"{ORG}okr-files/", okr_files.okr_files, name="okr_files"),
    path(f"{ORG}okr-files/<int:cycle_id>.<str:fmt>", okr_files.download, name="okr_file_download"),
]
