"""Documents download: the GB/T 9704 DOCX and the XLSX tables of a version, generated on request, each audited."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.http import require_POST

from anjian.accounts.models import Role
from anjian.audit.chain import record
from anjian.audit.models import AuditEvent
from anjian.documents.frame_check import check_document
from anjian.documents.numerals import chinese_date
from anjian.documents.visit_plan_docx import visit_plan_docx
from anjian.jobs.models import Job
from anjian.plans.exports import WRITERS, plan_export
from anjian.plans.models import ScheduledVisit
from anjian.plans.visit_plans import visit_plan_build

from ..access import business_view, require_not_officer, version_get
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
    require_not_officer(scope)
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


CHECK_TOO_LARGE = "文件超过 {mb} MB，无法检查"
CHECK_NOT_DOCX = "“{name}”不是 Word 文档（.docx），无法检查"
CHECK_MAX_MB = 20


@business_view
def plan_doc_check(request, scope, plan_id: int):
    """Any uploaded DOCX checked against GB/T 9704 (what `anjian doc check` reports), shown on the page."""
    ctx = _context(request, scope, plan_id, "documents")
    ctx["formats"] = [("docx", "计划文件（GB/T 9704 DOCX）"), ("xlsx", "计划附表（Excel）")]
    upload = request.FILES.get("document") if request.method == "POST" else None
    if upload is not None:
        ctx["checked"] = upload.name
        if upload.size > CHECK_MAX_MB * 1024 * 1024:
            ctx["check_error"] = CHECK_TOO_LARGE.format(mb=CHECK_MAX_MB)
        else:
            try:
                ctx["findings"] = check_document(upload.read())
            except (zipfile.BadZipFile, KeyError, ValueError):
                ctx["check_error"] = CHECK_NOT_DOCX.format(name=upload.name)
    return render(request, "web/plan_documents.html", ctx)


@business_view
def visit_plan_download(request, scope, plan_id: int, visit_id: int):
    """The 现场检查方案 of one scheduled visit of the plan (officers: only their own visits), audited."""
    ctx = _context(request, scope, plan_id, "schedule")
    plan = ctx["plan"]
    visit = ScheduledVisit.objects.filter(pk=visit_id, version__plan=plan).first()
    if visit is None:
        raise Http404
    if scope.role == Role.OFFICER and not visit.officers.filter(pk=scope.officer_id or 0).exists():
        raise Http404
    form = visit_plan_build(agency=plan.agency, year=plan.year, visit_id=visit_id)
    name = f"现场检查方案（{form.enterprise}，{chinese_date(form.date)}）.docx"
    record(
        AuditEvent.Action.EXPORT, object_type="plans.ScheduledVisit", object_id=str(visit_id),
        agency_id=plan.agency_id, after={"format": "docx", "file": name},
    )  # fmt: skip
    return FileResponse(io.BytesIO(visit_plan_docx(form)), as_attachment=True, filename=name)
