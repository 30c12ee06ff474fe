"""Reads of jobs; every read first ends the jobs whose process was lost, so nobody waits on a dead one."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Job
from .services import jobs_fail_stale

JOB_NOT_FOUND = "找不到任务 {id}（anjian jobs list 列出最近的任务）"


class JobNotFound(LookupError):
    pass


def job_get(*, job_id: int) -> Job:
    jobs_fail_stale()
    job = Job.objects.select_related("agency", "user").filter(pk=job_id).first()
    if job is None:
        raise JobNotFound(JOB_NOT_FOUND.format(id=job_id))
    return job


def jobs_recent(*, agency_ids: list[int] | None = None, limit: int = 50) -> QuerySet[Job]:
    jobs_fail_stale()
    jobs = Job.objects.select_related("agency", "user")
    if agency_ids is not None:
        jobs = jobs.filter(agency_id__in=agency_ids)
    return jobs.order_by("-pk")[:limit]
