"""`anjian jobs list|show ID|wait ID|cancel ID [--json]`: the background jobs and their progress."""

import json
import time

from django.core.management.base import BaseCommand, CommandError

from anjian.jobs.models import Job
from anjian.jobs.selectors import JobNotFound, job_get, jobs_recent
from anjian.jobs.services import job_cancel

JOB_ID_REQUIRED = "请给出任务编号，如 anjian jobs {action} 12"
JOB_WAIT_TIMEOUT = "等待 {seconds:g} 秒后任务 {id} 仍未结束（{state}，{progress}%）"
JOB_ENDED_BADLY = "任务 {id}{state}：{message}"


def job_line(job: Job) -> str:
    seconds = f"，用时 {job.seconds:g} 秒" if job.seconds is not None else ""
    return (
        f"{job.pk:>5}  {job.get_kind_display()}  {job.agency.name}{f' {job.year} 年度' if job.year else ''}  "
        f"{job.get_state_display()} {job.progress}%{seconds}  {job.message}"
    )


class Command(BaseCommand):
    help = "后台任务：列出、查看、等待或取消编制、排程、导出等任务"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["list", "show", "wait", "cancel"])
        parser.add_argument("id", nargs="?", type=int, help="任务编号")
        parser.add_argument("--timeout", type=float, default=3600, help="wait：最多等待的秒数")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")

    def handle(self, *args, action, id, timeout, json, **options):  # the argument's name
        if action == "list":
            jobs = list(jobs_recent())
            self._out(
                [j.as_dict() for j in jobs] if json else "\n".join(map(job_line, jobs)) or "没有任务", json
            )
            return
        if id is None:
            raise CommandError(JOB_ID_REQUIRED.format(action=action))
        try:
            job = job_get(job_id=id)
        except JobNotFound as e:
            raise CommandError(str(e)) from e
        if action == "cancel":
            job = job_cancel(job=job)
        elif action == "wait":
            job = self._wait(job, timeout, json)
        self._out(job.as_dict() if json else self._details(job), json)
        if action == "wait" and job.state != Job.State.DONE:
            raise CommandError(
                JOB_ENDED_BADLY.format(id=job.pk, state=job.get_state_display(), message=job.message)
            )

    def _wait(self, job: Job, timeout: float, quiet: bool) -> Job:
        end = time.monotonic() + timeout
        while not job.is_finished:
            if time.monotonic() > end:
                raise CommandError(JOB_WAIT_TIMEOUT.format(
                    seconds=timeout, id=job.pk, state=job.get_state_display(), progress=job.progress
                ))  # fmt: skip
            if not quiet:
                self.stderr.write(
                    f"\r{job.get_state_display()} {job.progress:>3}%  {job.message[:60]}", ending=""
                )
            time.sleep(0.5)
            job = job_get(job_id=job.pk)
        if not quiet:
            self.stderr.write("")
        return job

    def _details(self, job: Job) -> str:
        lines = [job_line(job), f"  发起人 {job.by or '—'}，提交于 {job.created_at:%Y-%m-%d %H:%M:%S}"]
        for key in ("files", "violations_list"):
            lines += [f"  {item}" for item in job.result.get(key, [])]
        return "\n".join(lines)

    def _out(self, data, as_json: bool) -> None:
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) if as_json else data)
