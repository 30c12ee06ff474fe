"""Starting, cancelling and checking jobs. `job_enqueue` is the one way a job starts, from a page or a command."""

from __future__ import annotations

import datetime as dt
import threading

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from anjian.registry.models import Agency

from .models import Job

JOB_QUEUED_BROKER = "排队中，等待后台进程（anjian worker）领取"
JOB_QUEUED_THREAD = "排队中，即将在本进程中执行"
JOB_CANCEL_QUEUED = "未开始即已取消"
JOB_CANCEL_ASKED = "已请求取消，将在下一个进度点停止"
JOB_BROKER_DOWN = "无法把任务送入消息队列（{url}）：{error}；任务未执行，计划未改变"
JOB_STALE = "执行任务的进程已中断（{worker}，最后心跳 {at}），任务未完成，计划未改变；请重新提交"
JOB_NEVER_STARTED = "提交任务的进程已退出，任务未能开始，计划未改变；请重新提交"


def broker_url() -> str:
    return str(settings.CELERY_BROKER_URL or "")


def job_enqueue(
    *, kind: str, agency: Agency, year: int | None = None, params: dict | None = None, by: str = "", user=None
) -> Job:  # user: the account that asked, if any
    """Record a job and hand it to the queue (Celery with a broker, else a thread of this process) once the
    row is committed; returns at once."""
    job = Job(
        kind=kind, agency=agency, year=year, params=params or {}, by=by, user=user,
        message=JOB_QUEUED_BROKER if broker_url() else JOB_QUEUED_THREAD,
    )  # fmt: skip
    job.full_clean()
    job.save()
    if settings.ANJIAN_JOBS_INLINE:  # tests of pages: the job runs before the request answers
        _dispatch(job.pk)
        job.refresh_from_db()
    else:
        transaction.on_commit(lambda: _dispatch(job.pk))
    return job


def _dispatch(job_id: int) -> None:
    if settings.ANJIAN_JOBS_INLINE:
        from .runner import job_execute

        job_execute(job_id)
        return
    if url := broker_url():
        from .celery import RUN_JOB, app

        try:  # by the task's name: tasks.py imports this module (for the worker's start), not the other way
            app.send_task(RUN_JOB, args=[job_id], retry=False)
        except Exception as e:  # kombu raises its own OperationalError family when the broker is down
            Job.objects.filter(pk=job_id).update(
                state=Job.State.FAILED, finished_at=timezone.now(),
                message=JOB_BROKER_DOWN.format(url=url, error=type(e).__name__)[:500],
            )  # fmt: skip
        return
    # Not a daemon: a command that queued a job waits for it before its process exits.
    threading.Thread(target=_run_in_thread, args=(job_id,), name=f"job-{job_id}").start()


def _run_in_thread(job_id: int) -> None:
    from .runner import job_execute

    try:
        job_execute(job_id)
    finally:
        connection.close()


def job_cancel(*, job: Job) -> Job:
    """A queued job is cancelled at once; a running one stops at its next progress point."""
    queued = Job.objects.filter(pk=job.pk, state=Job.State.QUEUED)
    if not queued.update(
        state=Job.State.CANCELLED,
        cancel_requested=True,
        message=JOB_CANCEL_QUEUED,
        finished_at=timezone.now(),
    ):
        Job.objects.filter(pk=job.pk, state=Job.State.RUNNING).update(
            cancel_requested=True, message=JOB_CANCEL_ASKED
        )
    job.refresh_from_db()
    return job


def jobs_fail_stale(*, now: dt.datetime | None = None) -> int:
    """End as failed every running job whose process stopped beating (killed, machine lost), and, with no
    broker, every queued job whose process exited before it started; returns how many."""
    now = now or timezone.now()
    limit = now - dt.timedelta(seconds=float(settings.ANJIAN_JOB_STALE_SECONDS))
    failed = 0
    for job in Job.objects.filter(state=Job.State.RUNNING, heartbeat_at__lt=limit):
        at = timezone.localtime(job.heartbeat_at).strftime("%Y-%m-%d %H:%M:%S") if job.heartbeat_at else "无"
        failed += Job.objects.filter(pk=job.pk, state=Job.State.RUNNING, heartbeat_at__lt=limit).update(
            state=Job.State.FAILED,
            finished_at=now,
            message=JOB_STALE.format(worker=job.worker or "未知", at=at),
        )
    if not broker_url():
        failed += Job.objects.filter(state=Job.State.QUEUED, created_at__lt=limit).update(
            state=Job.State.FAILED, finished_at=now, message=JOB_NEVER_STARTED
        )
    return failed
