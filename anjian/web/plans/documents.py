"""Documents download: the GB/T 9704 DOCX and the XLSX tables of a version, generated on request, each audited."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from django.http import FileResponse, Http404
from django.shortcuts import render

from anjian.audit.chain import record
from anjian.audit.models import AuditEvent
from anjian.plans.exports import WRITERS, plan_export

from ..access import business_view, version_get
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
