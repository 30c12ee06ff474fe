"""`anjian serve [--bind HOST:PORT] [--workers N] [--threads N]`: the web application under gunicorn.

Static files are collected into var/static and served by whitenoise (or by nginx in front, docs/deploy/).
"""

import os

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

BIND_INVALID = "监听地址应为 主机:端口，如 127.0.0.1:8000（收到：{bind}）"


def default_workers() -> int:
    return min(2 * (os.cpu_count() or 1) + 1, 8)


class Command(BaseCommand):
    help = "以 gunicorn 启动网页服务（正式部署用；静态文件由 whitenoise 提供）"

    def add_arguments(self, parser):
        env = os.environ.get
        parser.add_argument(
            "--bind", default=env("ANJIAN_BIND", "127.0.0.1:8000"), help="监听地址（ANJIAN_BIND）"
        )
        parser.add_argument(
            "--workers", type=int, default=int(env("ANJIAN_WORKERS", 0)) or default_workers(),
            help="进程数（ANJIAN_WORKERS，默认 2×CPU 核数+1，最多 8）",
        )  # fmt: skip
        parser.add_argument(
            "--threads",
            type=int,
            default=int(env("ANJIAN_THREADS", 4)),
            help="每进程线程数（ANJIAN_THREADS）",
        )
        parser.add_argument(
            "--timeout",
            type=int,
            default=int(env("ANJIAN_TIMEOUT", 120)),
            help="单个请求的最长秒数（ANJIAN_TIMEOUT）",
        )
        parser.add_argument("--no-collectstatic", action="store_true", help="不先收集静态文件")

    def handle(self, *args, bind, workers, threads, timeout, no_collectstatic, **options):
        host, _, port = bind.rpartition(":")
        if not host or not port.isdigit():
            raise CommandError(BIND_INVALID.format(bind=bind))
        if not no_collectstatic:
            call_command("collectstatic", interactive=False, verbosity=0)
        from gunicorn.app.base import BaseApplication

        class Server(BaseApplication):
            def load_config(self):
                for key, value in {
                    "bind": bind, "workers": workers, "threads": threads, "worker_class": "gthread",
                    "timeout": timeout, "graceful_timeout": 30, "accesslog": "-", "proc_name": "anjian",
                    # gunicorn's own forwarded-header handling stays off: Django reads X-Forwarded-Proto itself
                    "forwarded_allow_ips": "127.0.0.1",
                }.items():  # fmt: skip
                    self.cfg.set(key, value)

            def load(self):
                from anjian.wsgi import application

                return application

        self.stdout.write(f"安监计划网页服务：http://{bind}/（{workers} 个进程，每个 {threads} 个线程）")
        Server().run()
