"""`anjian backup [--out F]`: a consistent copy of the whole database while the service runs."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from anjian.backup.service import BackupError, database_backup, default_backup_path

BACKUP_DONE = "已备份到 {path}（审计日志 {count} 条，最新哈希 {head}）"
BACKUP_KEYS_REMINDER = (
    "另请妥善保存 var/secret_key 与 var/audit_key（不在数据库备份内），审计密钥应与备份分开存放"
)


class Command(BaseCommand):
    help = "备份整个数据库（SQLite 在线备份，PostgreSQL 用 pg_dump 自定义格式）"

    def add_arguments(self, parser):
        parser.add_argument("--out", help="备份文件；默认 var/backup/anjian-<日期时间>.sqlite3 或 .dump")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, out=None, json=False, **options):  # the --json flag
        try:
            result = database_backup(out=Path(out) if out else default_backup_path())
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if json:
            self.stdout.write(result.as_json())
            return
        self.stdout.write(
            BACKUP_DONE.format(path=result.path, count=result.audit_events, head=result.audit_head)
        )
        self.stdout.write(BACKUP_KEYS_REMINDER)
