"""A real `anjian worker` process against the real Redis, on a database of its own that the test and the worker
processes share: a file SQLite database, or on the PostgreSQL pass a PostgreSQL database beside the test one.

Redis: ANJIAN_TEST_BROKER_URL (default redis://127.0.0.1:6379/7); its database is emptied first. Without a Redis
server answering, the worker tests skip with that reason.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import dj_database_url
import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
ANJIAN = [sys.executable, "-m", "anjian.manage"]
BROKER = os.environ.get("ANJIAN_TEST_BROKER_URL", "redis://127.0.0.1:6379/7")


def _postgres_database(name: str) -> str | None:
    """A fresh PostgreSQL database `name` on the server of the test run, or None on a SQLite run."""
    cfg = settings.DATABASES["default"]
    if not cfg["ENGINE"].endswith("postgresql"):
        return None
    import psycopg

    params = {"host": cfg["HOST"], "port": cfg["PORT"] or 5432, "user": cfg["USER"], "dbname": "postgres"}
    with psycopg.connect(**params, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"postgres://{cfg['USER']}@{cfg['HOST']}:{cfg['PORT'] or 5432}/{name}"


def _drop_postgres_database(name: str) -> None:
    import psycopg

    cfg = settings.DATABASES["default"]
    params = {"host": cfg["HOST"], "port": cfg["PORT"] or 5432, "user": cfg["USER"], "dbname": "postgres"}
    with psycopg.connect(**params, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Home:
    """An installation in a temporary folder: its environment, and `anjian` run as a separate process."""

    def __init__(self, path: Path, database_url: str):
        self.path = path
        self.env = {
            **os.environ, "ANJIAN_HOME": str(path), "ANJIAN_DATABASE_URL": database_url,
            "ANJIAN_BROKER_URL": BROKER, "ANJIAN_JOB_HEARTBEAT_SECONDS": "0.5", "ANJIAN_JOB_STALE_SECONDS": "3",
            "PYTHONPATH": str(ROOT),
        }  # fmt: skip
        self.workers: list[subprocess.Popen] = []

    def run(self, *args: str, broker: bool = True, check: bool = True) -> subprocess.CompletedProcess:
        env = self.env if broker else {**self.env, "ANJIAN_BROKER_URL": ""}
        done = subprocess.run(
            [*ANJIAN, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300
        )
        if check and done.returncode != 0:
            raise AssertionError(f"anjian {' '.join(args)} failed: {done.stderr}")
        return done

    def json(self, *args: str, **kwargs) -> dict:
        return json.loads(self.run(*args, "--json", **kwargs).stdout)

    def visits(self, agency: str, year: int) -> int:
        """Scheduled visits stored for the agency's plan, read by a process of its own."""
        code = (
            "import django,os;os.environ['DJANGO_SETTINGS_MODULE']='anjian.settings';django.setup();"
            "from anjian.plans.models import ScheduledVisit as V;"
            f"print(V.objects.filter(version__plan__agency__code='{agency}', version__plan__year={year}).count())"
        )
        done = subprocess.run(
            [sys.executable, "-c", code], env=self.env, cwd=ROOT, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        return int(done.stdout)

    def job(self, job_id: int) -> dict:
        return self.json("jobs", "show", str(job_id))

    def start_worker(self) -> subprocess.Popen:
        log = (self.path / f"worker{len(self.workers)}.log").open("w")
        worker = subprocess.Popen(
            [*ANJIAN, "worker", "--concurrency", "1", "--hostname", f"test{len(self.workers)}@%h"],
            env=self.env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        self.workers.append(worker)
        return worker

    def stop_workers(self) -> None:
        for worker in self.workers:
            if worker.poll() is None:
                os.killpg(worker.pid, signal.SIGTERM)
                worker.wait(timeout=60)

    def kill(self, worker: subprocess.Popen) -> None:
        """kill -9 the worker and its pool processes, as a crash or the OOM killer would."""
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)

    def wait_for(self, job_id: int, until, timeout: float = 120) -> dict:  # a predicate
        end = time.monotonic() + timeout
        while True:
            job = self.job(job_id)
            if until(job):
                return job
            if time.monotonic() > end:
                raise AssertionError(f"job {job_id} still {job['state']} {job['progress']}% {job['message']}")
            time.sleep(0.3)


@pytest.fixture(scope="session")
def home(tmp_path_factory):
    path = tmp_path_factory.mktemp("home")
    pg_name = f"{dj_database_url.parse(os.environ.get('ANJIAN_DATABASE_URL') or 'sqlite://').get('NAME') or 'anjian'}_worker"
    url = _postgres_database(pg_name) or f"sqlite:///{path / 'anjian.sqlite3'}"
    h = Home(path, url)
    setup = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("bureau.py"))], env=h.env, cwd=ROOT,
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert setup.returncode == 0, setup.stderr
    yield h
    h.stop_workers()
    if url.startswith("postgres"):
        _drop_postgres_database(pg_name)


@pytest.fixture(scope="session")
def broker():
    """The real Redis, its test database emptied (no message of an earlier run reaches these workers)."""
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url(BROKER, socket_connect_timeout=3).flushdb()
    except redis.exceptions.ConnectionError as e:
        pytest.skip(f"Redis does not answer at {BROKER}: {e}")
    return BROKER
