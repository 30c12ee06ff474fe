"""Job rows: cancelling, heartbeats that stop, progress and cancel points, failures with their message."""

import datetime as dt

import pytest
from django.utils import timezone

from anjian.jobs import runner, services
from anjian.jobs.models import Job
from anjian.jobs.runner import JobCancelled, Reporter


@pytest.fixture
def job(county_bureau):
    return Job.objects.create(kind=Job.Kind.SCHEDULE, agency=county_bureau, year=2025, by="测试")


def test_cancelling_a_queued_job_ends_it_at_once_and_a_worker_then_leaves_it_alone(job):
    assert services.job_cancel(job=job).state == Job.State.CANCELLED
    assert runner.job_execute(job.pk) == Job.State.CANCELLED
    job.refresh_from_db()
    assert job.started_at is None


def test_cancelling_a_running_job_asks_it_to_stop_at_its_next_progress_point(job):
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING, heartbeat_at=timezone.now())
    job = services.job_cancel(job=job)
    assert job.state == Job.State.RUNNING and job.cancel_requested and "下一个进度点" in job.message
    reporter = Reporter(job.pk)
    reporter._write()  # one heartbeat reads the request
    reporter(40, "日期安排", check=False)  # inside the solver's callback: no stop there
    with pytest.raises(JobCancelled):
        reporter(41, "日期安排")


def test_a_running_job_whose_heartbeat_stopped_is_failed_with_its_message(job):
    beat = timezone.now() - dt.timedelta(minutes=5)
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING, heartbeat_at=beat, worker="worker1:42")
    assert services.jobs_fail_stale() == 1
    job.refresh_from_db()
    assert job.state == Job.State.FAILED and "worker1:42" in job.message and "计划未改变" in job.message
    assert job.finished_at is not None


def test_a_running_job_still_beating_is_left_running(job):
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING, heartbeat_at=timezone.now())
    assert services.jobs_fail_stale() == 0


def test_a_job_of_a_plan_not_compiled_fails_with_the_chinese_reason(job):
    assert runner.job_execute(job.pk) == Job.State.FAILED
    job.refresh_from_db()
    assert "夏县应急管理局" in job.message and "2025" in job.message  # PLAN_NOT_FOUND names the plan


def test_an_unexpected_error_ends_the_job_failed_without_a_traceback_for_the_user(job, monkeypatch):
    def broken(job, report):
        raise KeyError("sheet")

    monkeypatch.setitem(__import__("anjian.jobs.kinds", fromlist=["KINDS"]).KINDS, Job.Kind.SCHEDULE, broken)
    assert runner.job_execute(job.pk) == Job.State.FAILED
    job.refresh_from_db()
    assert job.message == runner.JOB_ERROR.format(id=job.pk) and "KeyError" not in job.message


def test_a_job_queued_without_a_broker_whose_process_exited_is_failed(job, settings):
    settings.CELERY_BROKER_URL = ""
    Job.objects.filter(pk=job.pk).update(created_at=timezone.now() - dt.timedelta(minutes=5))
    assert services.jobs_fail_stale() == 1
    job.refresh_from_db()
    assert job.state == Job.State.FAILED and job.message == services.JOB_NEVER_STARTED
