"""The Celery application of `anjian worker`; its settings are the CELERY_* ones in anjian/settings.py."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anjian.settings")

RUN_JOB = "anjian.jobs.run"  # the task's name, by which services.py sends it

app = Celery("anjian")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.imports = ("anjian.jobs.tasks",)
