"""The OKR files page: download a cycle as YAML or CSV; admins import a file."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from bearing.domain.yamlnodes import Problem
from bearing.okrs.io import (
    ImportFailed,
    ImportResult,
    import_okr_file,
)
from bearing.okrs.models import Cycle
from bearing.okrs.selectors import cycles_of
from bearing.web.access import OrgRequest, member_required, org_context
from bearing.web.downloads import CONTENT_TYPES, cycle_download
from bearing.web.io_views.forms import ImportForm


@member_required
def okr_files(request: OrgRequest) -> HttpResponse:
    """Everyone downloads (what they may see); admins import. A rejected file shows every
    problem with its line and field, and nothing is written."""
    membership = request.membership
    form = ImportForm()
    problems: list[Problem] = []
    checked: ImportResult | None = None
    if request.method == "POST":
        if not membership.is_admin:
            raise PermissionDenied("only admins import OKR files")
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                result = import_okr_file(
                    organization=membership.organization, text=data["text"],
                    filename=data["filename"], actor=membership.person, dry_run=data["dry_run"],
                    company_team=data["company_team"].strip() or None,
                )  # fmt: skip
            except ImportFailed as exc:
                problems = list(exc.problems)
            else:
                if not result.dry_run:
                    messages.success(request, result.summary())
                    for note in result.notes:
                        messages.info(request, note[:1].upper() + note[1:] + ".")
                    return redirect("io:okr_files", org=membership.organization.slug)
                checked = result
    context = org_context(
        request, nav="okr_files", form=form, problems=problems, checked=checked,
        cycles=cycles_of(membership.organization), chosen=request.GET.get("cycle", ""),
    )  # fmt: skip
    return render(request, "bearing/io/okr_files.html", context)


@member_required
def download(request: OrgRequest, cycle_id: int, fmt: str) -> HttpResponse:
    organization = request.membership.organization
    cycle = Cycle.objects.filter(pk=cycle_id, organization=organization).first()
    if cycle is None or fmt not in CONTENT_TYPES:
        raise Http404("no such cycle")
    return cycle_download(request, cycle, request.membership, fmt)
