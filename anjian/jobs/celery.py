"""The Celery application of `anjian worker`; its settings are the CELERY_* ones in anjian/settings.py."""

import os

from celery import Celery
from celery.signals import worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anjian.settings")

app = Celery("anjian")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.imports = ("anjian.jobs.tasks",)


@worker_ready.connect
def _fail_jobs_of_dead_workers(**_kwargs: object) -> None:
    from .services import jobs_fail_stale

    jobs_fail_stale()
