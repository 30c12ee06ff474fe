"""Running one job: claim it, report progress through a heartbeat thread, end it as done, failed or cancelled.

The job's own work runs in the calling thread (a Celery worker or the in-process thread). A second thread
writes the latest progress and a heartbeat to the row every HEARTBEAT_SECONDS, on its own database
connection, and reads back whether someone asked to cancel; the work sees that at its next progress point and
stops by raising JobCancelled, which leaves the plan unchanged because the services save in one transaction.
"""

from __future__ import annotations

import logging
import os
import socket

from django.utils import timezone

from .models import Job
from .progress import JOB_STARTED, JobCancelled, JobError, Reporter

log = logging.getLogger(__name__)

JOB_DONE = "已完成"
JOB_CANCELLED = "已按要求取消，计划未改变"
JOB_ERROR = "任务执行出错，计划未改变；请把任务编号 {id} 告知系统管理员查看运行日志"
WORKER_NAME = f"{socket.gethostname()}:{os.getpid()}"


def user_errors() -> tuple[type[Exception], ...]:
    """The failures whose message is written for the user (Chinese, naming the plan, file or rule)."""
    from anjian.execution.errors import ExecutionError
    from anjian.planning.calendar import CalendarError
    from anjian.planning.rules import RulePackError
    from anjian.planning.workdays.inputs import SheetInputError
    from anjian.plans.config import PlanConfigError
    from anjian.plans.exports import PlanExportIncomplete
    from anjian.plans.scheduling import ScheduleRefused
    from anjian.plans.selectors import PlanNotFound
    from anjian.plans.services import PlanNotDraft
    from anjian.registry.selectors import AgencyNotFound

    return (
        JobError, PlanNotFound, AgencyNotFound, PlanConfigError, PlanNotDraft, RulePackError, CalendarError,
        SheetInputError, ExecutionError, PlanExportIncomplete, ScheduleRefused,
    )  # fmt: skip


def _finish(job_id: int, state: str, message: str, **fields: object) -> None:
    Job.objects.filter(pk=job_id).update(
        state=state, message=message[:500], finished_at=timezone.now(), **fields
    )


def job_execute(job_id: int) -> str:
    """Run a queued job to its end and return its final state; a job no longer queued is left alone (a
    message delivered twice, a job cancelled before it started)."""
    from .kinds import KINDS

    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, state=Job.State.QUEUED, cancel_requested=False).update(
        state=Job.State.RUNNING, started_at=now, heartbeat_at=now, worker=WORKER_NAME, message=JOB_STARTED
    )
    if not claimed:
        return Job.objects.filter(pk=job_id).values_list("state", flat=True).first() or ""
    job = Job.objects.select_related("agency", "user").get(pk=job_id)
    reporter = Reporter(job_id)
    reporter.start()
    try:
        result = KINDS[job.kind](job, reporter)
    except JobCancelled:
        reporter.stop()
        _finish(job_id, Job.State.CANCELLED, JOB_CANCELLED)
        return Job.State.CANCELLED
    except Exception as e:  # every failure ends the job with a message; the log keeps the traceback
        reporter.stop()
        known = isinstance(e, user_errors())
        if not known:
            log.exception("job %s failed", job_id)
        _finish(job_id, Job.State.FAILED, str(e) if known else JOB_ERROR.format(id=job_id))
        return Job.State.FAILED
    reporter.stop()
    message = str(result.pop("message", JOB_DONE))
    _finish(job_id, Job.State.DONE, message, progress=100, result=result)
    return Job.State.DONE
