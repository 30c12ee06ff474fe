"""Two `anjian plan compile` processes on one plan at the same time: both succeed, one after the other, with
consecutive version numbers and no traceback — on SQLite (a file database, as deployed) and on PostgreSQL."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, connections

from anjian.plans import services
from anjian.plans.models import PlanVersion
from anjian.registry.samples import SAMPLES_DIR, load_sample

ANJIAN = str(Path(sys.executable).with_name("anjian"))
COMPILE = [ANJIAN, "plan", "compile", "--agency", "lvliang", "--year", "2024", "--by", "测试"]
SETUP = (
    "from anjian.registry.samples import SAMPLES_DIR, load_sample; from anjian.plans import services; "
    "a = load_sample('lvliang-2024'); "
    "services.plan_configure(agency=a, year=2024, path=SAMPLES_DIR / 'lvliang-2024' / 'plan.toml')"
)
VERSIONS = (
    "from anjian.plans.models import PlanVersion; "
    "print(sorted(PlanVersion.objects.filter(plan__year=2024).values_list('number', flat=True)))"
)


def run_both(env: dict[str, str]) -> list[tuple[int, str]]:
    """Start two compiles at once and wait for both; (exit code, stdout + stderr) of each."""
    procs = [subprocess.Popen(COMPILE, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]  # fmt: skip
    results = []
    for p in procs:
        out, err = p.communicate(timeout=600)
        results.append((p.returncode, out + err))
    return results


def assert_both_compiled(results: list[tuple[int, str]]) -> None:
    for code, output in results:
        assert code == 0, output
        assert "Traceback" not in output and "IntegrityError" not in output and "locked" not in output


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_two_compiles_of_one_plan_at_once_both_succeed_one_after_the_other(tmp_path):
    if connection.vendor == "sqlite":
        # The in-memory test database shares one cache with table locks no installation has: the compiles run
        # against a SQLite file configured as in production (WAL, BEGIN IMMEDIATE, busy timeout).
        env = {k: v for k, v in os.environ.items() if not k.startswith("ANJIAN_")}
        env.update(ANJIAN_HOME=str(tmp_path), ANJIAN_DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}")
        subprocess.run([ANJIAN, "migrate", "-v0"], env=env, check=True)
        subprocess.run([ANJIAN, "shell", "-c", SETUP], env=env, check=True, capture_output=True)
        assert_both_compiled(run_both(env))
        shown = subprocess.run(
            [ANJIAN, "shell", "-c", VERSIONS], env=env, check=True, capture_output=True, text=True
        )
        assert shown.stdout.strip().splitlines()[-1] == "[1, 2]"
        return
    agency = load_sample("lvliang-2024")  # committed: the compiles run in other processes
    services.plan_configure(agency=agency, year=2024, path=SAMPLES_DIR / "lvliang-2024" / "plan.toml")
    connections.close_all()
    name = connection.settings_dict["NAME"]
    url = os.environ["ANJIAN_DATABASE_URL"].rsplit("/", 1)[0] + f"/{name}"
    env = {
        **os.environ,
        "ANJIAN_DATABASE_URL": url,
        "ANJIAN_AUDIT_KEY_FILE": str(settings.ANJIAN_AUDIT_KEY_FILE),
    }
    assert_both_compiled(run_both(env))
    assert sorted(PlanVersion.objects.values_list("number", flat=True)) == [1, 2]
