"""`anjian restore F`: put a backup made by `anjian backup` back, check it and verify the audit chain."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from anjian.backup.service import BackupError, database_restore

RESTORE_DONE = "已从 {path} 恢复；审计日志 {count} 条，哈希链完整，最新哈希 {head}（恢复本身已记入审计日志）"


class Command(BaseCommand):
    help = "从 anjian backup 生成的备份恢复整个数据库（先检查备份完整性，恢复后校验外键与审计日志）"

    def add_arguments(self, parser):
        parser.add_argument("file", help="备份文件（.sqlite3 或 .dump）")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, file, json=False, **options):  # the --json flag
        try:
            result = database_restore(backup_file=Path(file))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if json:
            self.stdout.write(result.as_json())
            return
        self.stdout.write(
            RESTORE_DONE.format(path=result.path, count=result.audit_events, head=result.audit_head)
        )
