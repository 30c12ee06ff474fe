"""PostgreSQL backup and restore through pg_dump and pg_restore in custom format.

The restore drops what the backup contains before recreating it (`--clean --if-exists`), so it works on the
existing database as well as on an empty one, and runs as one transaction: on any error nothing is changed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from .sqlite import BackupError

PG_TOOL_MISSING = "找不到 {tool}：请安装 PostgreSQL 客户端（Debian：apt-get install postgresql-client）"
PG_TOOL_FAILED = "{tool} 未成功（退出码 {code}）：{detail}"
PG_NOT_A_DUMP = "{path} 不是 pg_dump 自定义格式的备份：{detail}"


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(PG_TOOL_MISSING.format(tool=name))
    return path


def _connection(db: dict) -> tuple[list[str], dict[str, str]]:
    args = ["--dbname", db["NAME"], "--no-password"]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _run(cmd: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)  # noqa: S603 - fixed tools
    if done.returncode != 0:
        detail = (done.stderr.strip() or done.stdout.strip())[-800:]
        raise BackupError(PG_TOOL_FAILED.format(tool=Path(cmd[0]).name, code=done.returncode, detail=detail))
    return done


def backup(*, db: dict, out: Path) -> None:
    args, env = _connection(db)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    partial.unlink(missing_ok=True)
    partial.touch(mode=0o600)  # the whole database, password hashes included: its owner only
    # No owners and grants: the backup restores into a database owned by another role as well.
    _run(
        [_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", f"--file={partial}", *args],
        env,
    )
    os.replace(partial, out)


def check(path: Path) -> None:
    if not path.is_file():
        raise BackupError(PG_NOT_A_DUMP.format(path=path, detail="文件不存在"))
    done = subprocess.run(  # noqa: S603 - fixed tool, the file name is one argument
        [_tool("pg_restore"), "--list", str(path)], capture_output=True, text=True, check=False
    )
    if done.returncode != 0 or "audit_auditevent" not in done.stdout:
        raise BackupError(
            PG_NOT_A_DUMP.format(path=path, detail=done.stderr.strip()[-300:] or "不含审计日志表")
        )


def restore(*, db: dict, backup_file: Path) -> None:
    check(backup_file)
    args, env = _connection(db)
    cmd = [
        _tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
        "--exit-on-error", *args, str(backup_file),
    ]  # fmt: skip
    _run(cmd, env)
