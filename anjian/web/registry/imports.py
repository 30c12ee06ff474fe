"""Import: upload → dry-run preview with every row error → confirm (the same file, written for real)."""

from __future__ import annotations

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render

from anjian.audit.imports import import_recorded
from anjian.execution.importing import inspections_import
from anjian.registry import services
from anjian.registry.models import Agency

from ..access import business_view, require_edit

KINDS = {
    "enterprises": ("生产经营单位名录", services.enterprises_import),
    "officers": ("执法人员名册", services.officers_import),
    "offices": ("股室/科室/执法队", services.offices_import),
    "facts": ("风险事实（事故、重大隐患、停产等）", services.risk_facts_import),
    "inspections": ("检查记录（省执法系统导出）", inspections_import),
}
SUFFIXES = {".xlsx", ".csv"}
IMPORT_BAD_FILE = "请选择 .xlsx 或 .csv 文件"
IMPORT_EXPIRED = "预览已过期，请重新上传"
UPLOAD_DIR = settings.VAR_DIR / "uploads"


def _home(scope, request) -> Agency | None:
    agency_id = scope.home_id or request.POST.get("agency") or request.GET.get("agency")
    return Agency.objects.filter(pk=agency_id, pk__in=scope.agency_ids).first() if agency_id else None


@business_view
def import_page(request, scope):
    agencies = Agency.objects.filter(pk__in=scope.agency_ids) if scope.superuser else None
    ctx = {
        "kinds": [(k, v[0]) for k, v in KINDS.items()],
        "chosen": request.POST.get("kind") or request.GET.get("kind"),
        "agencies": agencies,
        "can_edit": bool(scope.home_id) and scope.edits(scope.home_id) or scope.superuser,
    }
    if request.method == "POST":
        upload, kind, agency = request.FILES.get("file"), request.POST.get("kind"), _home(scope, request)
        if (
            agency is None
            or kind not in KINDS
            or upload is None
            or Path(upload.name).suffix.lower() not in SUFFIXES
        ):
            messages.error(request, IMPORT_BAD_FILE)
            return render(request, "web/import.html", ctx)
        require_edit(scope, agency.pk)
        UPLOAD_DIR.mkdir(parents=True, exist_ok=True)
        token = secrets.token_hex(16)
        # Keep the user's file name (it appears in every row error); the token keeps uploads apart.
        folder = UPLOAD_DIR / token
        folder.mkdir()
        path = folder / Path(upload.name).name
        with path.open("wb") as f:
            for chunk in upload.chunks():
                f.write(chunk)
        result = KINDS[kind][1](agency=agency, path=path, dry_run=True)
        request.session["import"] = {"token": token, "kind": kind, "agency": agency.pk, "name": path.name}
        ctx.update(result=result, kind_label=KINDS[kind][0], agency=agency, token=token)
    return render(request, "web/import.html", ctx)


@business_view
def import_confirm(request, scope):
    pending = request.session.get("import") or {}
    if request.method != "POST" or pending.get("token") != request.POST.get("token"):
        messages.error(request, IMPORT_EXPIRED)
        return redirect("web:import")
    agency = Agency.objects.filter(pk=pending["agency"], pk__in=scope.agency_ids).first()
    if agency is None:
        return redirect("web:import")
    require_edit(scope, agency.pk)
    path = UPLOAD_DIR / pending["token"] / pending["name"]
    result = KINDS[pending["kind"]][1](agency=agency, path=path, dry_run=False)
    del request.session["import"]
    import_recorded(result, agency_id=agency.pk)
    if result.ok:
        messages.success(
            request, f"已导入：新增 {result.created}、更新 {result.updated}、未变 {result.unchanged}"
        )
        for p in path.parent.iterdir():
            p.unlink()
        path.parent.rmdir()
    else:
        messages.error(request, f"导入未写入：{len(result.errors)} 处错误")
    return redirect("web:import")
