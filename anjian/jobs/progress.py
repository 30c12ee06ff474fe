"""What a job's work is handed: the Reporter of its progress (with the heartbeat thread) and its two exceptions.

Below both the runner, which starts the work, and the kinds of work, which report through it."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone

from .models import Job

log = logging.getLogger(__name__)

JOB_STARTED = "已开始"


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
        if not settings.ANJIAN_JOBS_INLINE:  # inline (tests of pages): nobody else sees the row meanwhile
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


Work = Callable[[Job, Reporter], dict]
