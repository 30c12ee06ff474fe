"""Pages of the background jobs, and `job_start`, which the plan pages call to start one and show it."""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from anjian.accounts.scope import Scope
from anjian.jobs.models import Job
from anjian.jobs.selectors import jobs_recent
from anjian.jobs.services import job_cancel, job_enqueue, jobs_fail_stale
from anjian.plans.models import Plan

from ..access import business_view, require_edit

JOB_STARTED = "已提交{kind}任务（编号 {id}），可离开本页，稍后在“后台任务”中查看结果"
JOB_CANCEL_SENT = "已请求取消任务 {id}"
JOB_FILE_GONE = "文件已不存在，请重新生成"
# where a finished job's result is seen, by kind
RESULT_PAGES = {
    Job.Kind.COMPILE: "web:plan_classification", Job.Kind.SCHEDULE: "web:plan_schedule",
    Job.Kind.EXPORT: "web:plan_documents",
}  # fmt: skip


def job_start(request, scope: Scope, *, kind: str, plan: Plan, params: dict | None = None) -> HttpResponse:
    """Queue a job on the plan for an editor of its agency and show its page at once."""
    require_edit(scope, plan.agency_id)
    job = job_enqueue(
        kind=kind, agency=plan.agency, year=plan.year, params={**(params or {}), "plan": plan.pk},
        by=request.user.get_username(), user=request.user,
    )  # fmt: skip
    messages.info(request, JOB_STARTED.format(kind=job.get_kind_display(), id=job.pk))
    return redirect("web:job_detail", job_id=job.pk)


def _job(scope: Scope, job_id: int) -> Job:
    jobs_fail_stale()
    return get_object_or_404(Job.objects.select_related("agency"), pk=job_id, agency_id__in=scope.agency_ids)


def _context(scope: Scope, job: Job) -> dict:
    plan_id = job.params.get("plan")
    result_url = (
        reverse(RESULT_PAGES[job.kind], kwargs={"plan_id": plan_id})
        if plan_id and job.kind in RESULT_PAGES
        else ""
    )
    files = [Path(f).name for f in job.result.get("files", [])] if job.state == Job.State.DONE else []
    return {
        "job": job,
        "result_url": result_url,
        "files": files,
        "can_cancel": scope.edits(job.agency_id) and not job.is_finished,
    }


@business_view
def job_list(request, scope):
    return render(
        request, "web/job_list.html", {"jobs": jobs_recent(agency_ids=list(scope.agency_ids), limit=100)}
    )


@business_view
def job_detail(request, scope, job_id: int):
    return render(request, "web/job_detail.html", _context(scope, _job(scope, job_id)))


@business_view
def job_status(request, scope, job_id: int):
    """The progress panel alone, polled by htmx every second until the job ends."""
    return render(request, "web/job_status.html", _context(scope, _job(scope, job_id)))


@require_POST
@business_view
def job_cancel_view(request, scope, job_id: int):
    job = _job(scope, job_id)
    require_edit(scope, job.agency_id)
    job_cancel(job=job)
    messages.info(request, JOB_CANCEL_SENT.format(id=job.pk))
    return redirect("web:job_detail", job_id=job.pk)


@business_view
def job_file(request, scope, job_id: int, index: int):
    """A file an export job wrote (named in its result by our own code, never by the request)."""
    job = _job(scope, job_id)
    files = job.result.get("files", []) if job.state == Job.State.DONE else []
    if index >= len(files) or not Path(files[index]).is_file():
        raise Http404(JOB_FILE_GONE)
    path = Path(files[index])
    return FileResponse(path.open("rb"), as_attachment=True, filename=path.name)
