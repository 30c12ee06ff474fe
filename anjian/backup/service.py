"""`database_backup` and `database_restore`: one entry for either database, with the checks around them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone

from anjian.audit.chain import record, verify_chain
from anjian.audit.models import AuditEvent

from . import postgres, sqlite
from .sqlite import BackupError

BACKUP_UNSUPPORTED = "不支持的数据库类型 {engine}：备份与恢复只支持 SQLite 和 PostgreSQL"
RESTORE_AUDIT_FAILED = "已恢复，但审计日志校验未通过：{problems}"

__all__ = ["BackupError", "BackupResult", "database_backup", "database_restore", "default_backup_path"]


@dataclass(frozen=True)
class BackupResult:
    path: Path
    vendor: str
    audit_events: int
    audit_head: str

    def as_json(self) -> str:
        """What `anjian backup --json` and `anjian restore --json` print."""
        body = {"path": str(self.path), "database": self.vendor, "audit_events": self.audit_events,
                "audit_head": self.audit_head}  # fmt: skip
        return json.dumps(body, ensure_ascii=False, indent=2)


def _vendor() -> str:
    engine = settings.DATABASES["default"]["ENGINE"]
    if engine.endswith("sqlite3"):
        return "sqlite"
    if engine.endswith("postgresql"):
        return "postgresql"
    raise BackupError(BACKUP_UNSUPPORTED.format(engine=engine))


def default_backup_path() -> Path:
    suffix = ".sqlite3" if _vendor() == "sqlite" else ".dump"
    return settings.VAR_DIR / "backup" / f"anjian-{timezone.localtime():%Y%m%d-%H%M%S}{suffix}"


def database_backup(*, out: Path) -> BackupResult:
    """Write a consistent copy of the whole database; the backup's own audit event is inside it."""
    vendor = _vendor()
    event = record(AuditEvent.Action.BACKUP, object_type="database", object_repr=out.name)
    db = settings.DATABASES["default"]
    connections["default"].close()
    if vendor == "sqlite":
        sqlite.backup(source=Path(db["NAME"]), out=out)
    else:
        postgres.backup(db=db, out=out)
    count = AuditEvent.objects.filter(id__lte=event.pk).count()
    return BackupResult(out, vendor, count, event.hash)


def database_restore(*, backup_file: Path) -> BackupResult:
    """Replace the database by the backup, then verify the audit chain and record the restore.

    The file is checked before anything is touched; a refused restore leaves the database as it was.
    """
    vendor = _vendor()
    db = settings.DATABASES["default"]
    connections.close_all()
    if vendor == "sqlite":
        sqlite.restore(backup_file=backup_file, target=Path(db["NAME"]))
    else:
        postgres.restore(db=db, backup_file=backup_file)
    count, head, problems = verify_chain()
    if problems:
        raise BackupError(RESTORE_AUDIT_FAILED.format(problems="；".join(p.message for p in problems[:5])))
    record(AuditEvent.Action.RESTORE, object_type="database", object_repr=backup_file.name,
           after={"audit_events": count, "audit_head": head})  # fmt: skip
    return BackupResult(backup_file, vendor, count, head)
