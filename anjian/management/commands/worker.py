"""`anjian worker [--concurrency N]`: a Celery worker that runs the queued jobs (needs ANJIAN_BROKER_URL)."""

import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

NO_BROKER = (
    "未配置消息队列：请设置环境变量 ANJIAN_BROKER_URL（如 redis://127.0.0.1:6379/0）后再启动后台进程；"
    "未配置时任务在提交它的进程中执行，无需 anjian worker"
)


class Command(BaseCommand):
    help = "启动后台进程（Celery worker），执行排队的编制、排程、导出等任务"

    def add_arguments(self, parser):
        parser.add_argument(
            "--concurrency", type=int, default=int(os.environ.get("ANJIAN_WORKER_CONCURRENCY", 0)) or None,
            help="同时执行的任务数（默认：CPU 核数）",
        )  # fmt: skip
        parser.add_argument("--loglevel", default="INFO")
        parser.add_argument("--hostname", help="进程名，如 worker1@%%h")

    def handle(self, *args, concurrency, loglevel, hostname, **options):
        if not settings.CELERY_BROKER_URL:
            raise CommandError(NO_BROKER)
        from anjian.jobs.celery import app

        argv = ["worker", f"--loglevel={loglevel}", "--without-gossip", "--without-mingle"]
        if concurrency:
            argv.append(f"--concurrency={concurrency}")
        if hostname:
            argv.append(f"--hostname={hostname}")
        app.worker_main(argv)
