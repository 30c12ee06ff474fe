"""`anjian backup` and `anjian restore` bring back exactly the backed-up data and audit chain (issue 15 item 9).

The commands run as a bureau's administrator runs them: as subprocesses on a database of their own, SQLite in
the SQLite pass of `make test` and PostgreSQL in its PostgreSQL pass.
"""

import json
import os
import sqlite3
import subprocess
import sys

import pytest
from django.conf import settings

ADD_AGENCY = (
    "from anjian.registry.models import Agency; "
    "Agency.objects.create(name='备份后新建局', code='after_backup', level='county', region_code='140828')"
)
COUNT_AGENCIES = (
    "from anjian.registry.models import Agency; print(Agency.objects.filter(code='after_backup').count())"
)


# Each pass of `make test` runs the backend it is configured for (defined, not skipped: CI fails on a skip).
SQLITE_PASS = settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")


def _env(tmp_path, url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANJIAN_", "DJANGO_"))}
    env.update(ANJIAN_HOME=str(tmp_path / "home"), ANJIAN_DATABASE_URL=url)
    return env


def _anjian(env: dict, *args: str, ok: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [sys.executable, "-m", "anjian.manage", *args], env=env, capture_output=True, text=True, check=False
    )
    assert "Traceback" not in done.stderr, done.stderr
    if ok:
        assert done.returncode == 0, done.stderr + done.stdout
    return done


def _cycle(tmp_path, url: str, backup_name: str) -> tuple[dict, dict]:
    env = _env(tmp_path, url)
    _anjian(env, "migrate", "-v", "0")
    _anjian(env, "shell", "-c", "from anjian.audit.chain import record; record('export', object_type='x')")
    made = json.loads(_anjian(env, "backup", "--out", str(tmp_path / backup_name), "--json").stdout)
    _anjian(env, "shell", "-c", ADD_AGENCY)
    assert _anjian(env, "shell", "-c", COUNT_AGENCIES).stdout.strip().endswith("1")
    return env, made


def _check_restored(env: dict, made: dict, restored: dict) -> None:
    assert _anjian(env, "shell", "-c", COUNT_AGENCIES).stdout.strip().endswith("0")
    assert (restored["audit_events"], restored["audit_head"]) == (made["audit_events"], made["audit_head"])
    verify = json.loads(_anjian(env, "audit", "verify", "--json").stdout)
    # the restore is recorded as one more event chained onto the backed-up head
    assert verify["ok"] and verify["events"] == made["audit_events"] + 1


if SQLITE_PASS:

    def test_sqlite_restore_brings_back_the_backup_even_with_a_newer_wal_beside_the_database(tmp_path):
        db = tmp_path / "anjian.sqlite3"
        env, made = _cycle(tmp_path, f"sqlite:///{db}", "b.sqlite3")
        # A connection that stays open (a running web app) and has written after the backup: its commits are
        # in the WAL, which a file copy over the database would later replay onto the restored file.
        assert (tmp_path / "b.sqlite3").stat().st_mode & 0o777 == 0o600
        holder = sqlite3.connect(db)
        holder.execute("PRAGMA wal_autocheckpoint=0")
        holder.execute("UPDATE registry_agency SET name = name || '（改）'")
        holder.commit()
        assert (tmp_path / "anjian.sqlite3-wal").stat().st_size > 0
        restored = json.loads(_anjian(env, "restore", str(tmp_path / "b.sqlite3"), "--json").stdout)
        holder.close()
        _check_restored(env, made, restored)
        assert (
            not (tmp_path / "anjian.sqlite3-wal").exists() and not (tmp_path / "anjian.sqlite3-shm").exists()
        )
        con = sqlite3.connect(db)
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        assert con.execute("SELECT count(*) FROM registry_agency WHERE name LIKE '%（改）'").fetchone() == (
            0,
        )

    def test_sqlite_restore_into_a_missing_database_ignores_a_stale_wal(tmp_path):
        db = tmp_path / "anjian.sqlite3"
        env, made = _cycle(tmp_path, f"sqlite:///{db}", "b.sqlite3")
        db.unlink()
        (tmp_path / "anjian.sqlite3-wal").write_bytes(b"\0" * 4096)
        restored = json.loads(_anjian(env, "restore", str(tmp_path / "b.sqlite3"), "--json").stdout)
        _check_restored(env, made, restored)

    def test_restore_refuses_a_file_that_is_no_backup_and_changes_nothing(tmp_path):
        db = tmp_path / "anjian.sqlite3"
        env, _made = _cycle(tmp_path, f"sqlite:///{db}", "b.sqlite3")
        junk = tmp_path / "junk.sqlite3"
        junk.write_text("不是数据库", encoding="utf-8")
        done = _anjian(env, "restore", str(junk), ok=False)
        assert done.returncode != 0 and "不是安监计划的 SQLite 备份" in done.stderr
        assert _anjian(env, "shell", "-c", COUNT_AGENCIES).stdout.strip().endswith("1")

else:

    @pytest.fixture
    def scratch_postgres():
        import psycopg

        cfg = settings.DATABASES["default"]
        name = f"test_{cfg['NAME']}_backup"
        admin = dict(
            host=cfg["HOST"], port=cfg["PORT"] or 5432, user=cfg["USER"], dbname="postgres", autocommit=True
        )
        with psycopg.connect(**admin) as con:
            con.execute(f'DROP DATABASE IF EXISTS "{name}"')
            con.execute(f'CREATE DATABASE "{name}"')
        password = f":{cfg['PASSWORD']}" if cfg.get("PASSWORD") else ""
        yield name, f"postgres://{cfg['USER']}{password}@{cfg['HOST']}:{cfg['PORT'] or 5432}/{{}}"
        with psycopg.connect(**admin) as con:
            con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            con.execute(f'DROP DATABASE IF EXISTS "{name}_empty" WITH (FORCE)')

    def test_postgres_restore_into_the_existing_and_into_an_empty_database(tmp_path, scratch_postgres):
        name, url = scratch_postgres
        env, made = _cycle(tmp_path, url.format(name), "b.dump")
        restored = json.loads(_anjian(env, "restore", str(tmp_path / "b.dump"), "--json").stdout)
        _check_restored(env, made, restored)
        import psycopg

        cfg = settings.DATABASES["default"]
        with psycopg.connect(host=cfg["HOST"], port=cfg["PORT"] or 5432, user=cfg["USER"], dbname="postgres",
                             autocommit=True) as con:  # fmt: skip
            con.execute(f'CREATE DATABASE "{name}_empty"')
        empty_env = _env(tmp_path, url.format(f"{name}_empty"))
        restored = json.loads(_anjian(empty_env, "restore", str(tmp_path / "b.dump"), "--json").stdout)
        _check_restored(empty_env, made, restored)
