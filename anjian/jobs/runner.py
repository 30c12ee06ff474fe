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
import threading
from collections.abc import Callable

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone

from .models import Job

log = logging.getLogger(__name__)

JOB_STARTED = "已开始"
JOB_DONE = "已完成"
JOB_CANCELLED = "已按要求取消，计划未改变"
JOB_ERROR = "任务执行出错，计划未改变；请把任务编号 {id} 告知系统管理员查看运行日志"
WORKER_NAME = f"{socket.gethostname()}:{os.getpid()}"


class JobCancelled(Exception):
    """Raised at a progress point of a job someone asked to cancel."""


class JobError(Exception):
    """A failure whose Chinese message is meant for the user as it is."""


class Reporter:
    """What the work calls at its progress points: `report(percent, message)`."""

    def __init__(self, job_id: int):
        self.job_id = job_id
        self.percent = 0
        self.message = JOB_STARTED
        self.cancelled = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, name=f"job-{job_id}-heartbeat", daemon=True)

    def __call__(self, percent: int, message: str, *, check: bool = True) -> None:
        """Record progress; at a safe point (`check`), stop if someone asked to cancel."""
        self.percent = max(self.percent, min(int(percent), 99))
        self.message = message[:500]
        if check and self.cancelled.is_set():
            raise JobCancelled

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    def _beat(self) -> None:
        interval = float(settings.ANJIAN_JOB_HEARTBEAT_SECONDS)
        try:
            while True:
                self._write()
                if self._stop.wait(interval):
                    return
        finally:
            connection.close()  # this thread's own connection

    def _write(self) -> None:
        try:
            if Job.objects.filter(pk=self.job_id, cancel_requested=True).exists():
                self.cancelled.set()  # the row keeps the "cancel asked" message from now on
            fields = {} if self.cancelled.is_set() else {"message": self.message}
            Job.objects.filter(pk=self.job_id, state=Job.State.RUNNING).update(
                progress=self.percent, heartbeat_at=timezone.now(), **fields
            )
        except DatabaseError:  # a busy SQLite file: the next beat tries again
            log.warning("job %s: heartbeat not written", self.job_id, exc_info=True)


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


Work = Callable[[Job, Reporter], dict]


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
