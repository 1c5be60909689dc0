"""OKR files through the API: a cycle out as YAML or CSV, a file in (admins)."""

from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema

from bearing.api.auth import caller
from bearing.api.errors import InvalidFile
from bearing.api.lookups import cycle_or_404, may_administer
from bearing.api.present import cycle_out
from bearing.api.schemas.common import READ_ERRORS, WRITE_ERRORS, Id
from bearing.api.schemas.files import ImportOut, OkrFileIn
from bearing.okrs.io import ImportFailed, import_okr_file
from bearing.web.downloads import cycle_download

router = Router(tags=["OKR files"])

# Merged into django-ninja's own entry for 200: the key must be the int it uses, or the
# document names "200" twice and Swagger UI refuses to parse it.
FILE_RESPONSE = {
    "responses": {
        200: {
            "description": "The OKR file (okr-file-format.md) or the CSV, as an attachment.",
            "content": {
                "application/yaml": {"schema": {"type": "string"}},
                "text/csv": {"schema": {"type": "string"}},
            },
        }
    }
}


class FileQuery(Schema):
    format: Literal["yaml", "csv"] = "yaml"


@router.get(
    "/cycles/{id}/okr-file", response={200: None, **READ_ERRORS}, openapi_extra=FILE_RESPONSE
)
def export_cycle(request: HttpRequest, id: Id, params: Query[FileQuery]) -> HttpResponse:
    """The cycle as an OKR file that `bearing score` reads, or as CSV; only the objectives
    the caller may see."""
    c = caller(request)
    cycle = cycle_or_404(c, id)
    return cycle_download(request, cycle, c.membership, params.format)


@router.post("/okr-files", response={200: ImportOut, **WRITE_ERRORS})
def import_file(request: HttpRequest, payload: OkrFileIn) -> Any:
    """Admins only. Imports the file in one transaction, updating objectives and key results
    by ref; any problem and nothing changes (422 naming each problem's line and field)."""
    c = caller(request)
    may_administer(c, "import OKR files")
    try:
        result = import_okr_file(
            organization=c.organization, text=payload.text, filename=payload.filename,
            actor=c.person, dry_run=payload.dry_run, company_team=payload.company_team,
        )  # fmt: skip
    except ImportFailed as exc:
        raise InvalidFile(exc.problems) from None
    return {
        "summary": result.summary(), "cycle": cycle_out(result.cycle),
        "cycle_created": result.cycle_created, "counts": dict(result.counts),
        "untouched": result.untouched, "derived_refs": result.derived_refs,
        "notes": result.notes, "dry_run": result.dry_run,
    }  # fmt: skip
