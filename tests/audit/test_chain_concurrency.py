"""Appenders that run at the same time (two requests, a command) all succeed and still form one chain: no two
events link to the same predecessor, none is lost."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection, connections

THREADS, EACH = 6, 8

APPEND = """
import json, sys, threading
import django
django.setup()
from django.db import connections
if sys.argv[1] == "migrate":
    from django.core.management import call_command
    call_command("migrate", verbosity=0)
from anjian.audit.chain import GENESIS, record, verify_chain
from anjian.audit.models import AuditEvent

threads, each = int(sys.argv[2]), int(sys.argv[3])
start, failures = threading.Barrier(threads), []

def append(worker):
    try:
        start.wait()
        for i in range(each):
            record("export", object_type="test", object_id=f"{worker}-{i}", actor=f"user{worker}")
    except Exception as error:
        failures.append(repr(error))
    finally:
        connections.close_all()

workers = [threading.Thread(target=append, args=(w,)) for w in range(threads)]
for w in workers:
    w.start()
for w in workers:
    w.join()
count, head, problems = verify_chain()
links = list(AuditEvent.objects.order_by("id").values_list("prev_hash", "hash"))
print(json.dumps({
    "failures": failures, "count": count, "problems": [p.message for p in problems],
    "distinct_prev": len({p for p, _ in links}), "first_prev_is_genesis": bool(links) and links[0][0] == GENESIS,
    "head_is_last": bool(links) and head == links[-1][1],
    "objects": sorted(AuditEvent.objects.values_list("object_id", flat=True)),
}))
"""


def run_appenders(env: dict, migrate: bool) -> dict:
    run = subprocess.run(
        [sys.executable, "-c", APPEND, "migrate" if migrate else "-", str(THREADS), str(EACH)],
        env={**env, "DJANGO_SETTINGS_MODULE": "anjian.settings"},
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout.strip().splitlines()[-1])


def assert_one_chain(result: dict) -> None:
    assert result["failures"] == []
    assert result["problems"] == [] and result["count"] == THREADS * EACH
    assert result["distinct_prev"] == THREADS * EACH, "two events chained to the same predecessor"
    assert result["first_prev_is_genesis"] and result["head_is_last"]
    assert result["objects"] == sorted(f"{w}-{i}" for w in range(THREADS) for i in range(EACH))


@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_form_one_unbroken_chain(tmp_path):
    if connection.vendor == "sqlite":
        # The in-memory test database shares one cache with table locks that no installation has: the
        # appenders run against a SQLite file configured as in production.
        env = {k: v for k, v in os.environ.items() if not k.startswith("ANJIAN_")}
        env.update(ANJIAN_HOME=str(tmp_path), ANJIAN_DATABASE_URL=f"sqlite:///{Path(tmp_path) / 'a.sqlite3'}")
        assert_one_chain(run_appenders(env, migrate=True))
        return
    connections.close_all()
    name = connection.settings_dict["NAME"]
    url = os.environ["ANJIAN_DATABASE_URL"].rsplit("/", 1)[0] + f"/{name}"
    env = {**os.environ, "ANJIAN_DATABASE_URL": url}
    assert_one_chain(run_appenders(env, migrate=False))
