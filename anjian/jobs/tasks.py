"""The one Celery task: run a Job row by its id."""

from .celery import app
from .runner import job_execute


@app.task(name="anjian.jobs.run", acks_late=True, ignore_result=True)
def run_job(job_id: int) -> str:
    return job_execute(job_id)
