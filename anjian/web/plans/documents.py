"""Documents download: the GB/T 9704 DOCX and the XLSX tables of a version, generated on request, each audited."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.http import require_POST

from anjian.audit.chain import record
from anjian.audit.models import AuditEvent
from anjian.jobs.models import Job
from anjian.plans.exports import WRITERS, plan_export

from ..access import business_view, version_get
from ..jobs.views import job_start
from .pages import _context


@business_view
def plan_documents(request, scope, plan_id: int):
    ctx = _context(request, scope, plan_id, "documents")
    ctx["formats"] = [("docx", "计划文件（GB/T 9704 DOCX）"), ("xlsx", "计划附表（Excel）")]
    return render(request, "web/plan_documents.html", ctx)


@business_view
def plan_download(request, scope, plan_id: int, number: int, fmt: str):
    if fmt not in WRITERS:
        raise Http404
    version = version_get(scope, plan_id, number)
    with tempfile.TemporaryDirectory(prefix="anjian-export-") as out:
        (path,) = plan_export(version=version, out_dir=Path(out), formats=(fmt,))
        content = path.read_bytes()
    record(
        AuditEvent.Action.EXPORT, obj=version, agency_id=version.plan.agency_id,
        after={"format": fmt, "file": path.name},
    )  # fmt: skip
    return FileResponse(io.BytesIO(content), as_attachment=True, filename=path.name)


@require_POST
@business_view
def plan_export_job(request, scope, plan_id: int):
    """Write the current version's DOCX and XLSX as a background job; its page offers the files."""
    version = version_get(scope, plan_id)
    return job_start(
        request, scope, kind=Job.Kind.EXPORT, plan=version.plan, params={"formats": ["docx", "xlsx"]}
    )
