"""The one Celery task: run a Job row by its id; and, when a worker starts, fail the jobs of dead workers."""

from celery.signals import worker_ready

from .celery import RUN_JOB, app
from .runner import job_execute
from .services import jobs_fail_stale


@app.task(name=RUN_JOB, acks_late=True, ignore_result=True)
def run_job(job_id: int) -> str:
    return job_execute(job_id)


@worker_ready.connect
def _fail_jobs_of_dead_workers(**_kwargs: object) -> None:
    jobs_fail_stale()
