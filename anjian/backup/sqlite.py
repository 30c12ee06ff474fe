"""SQLite backup and restore through the online backup API, never by copying files.

Copying `anjian.sqlite3` while a `-wal` file sits beside it loses the newest commits (they live in the WAL),
and copying a backup over the database leaves the old WAL to be replayed onto it ("database disk image is
malformed", rows of a version that was not in the backup). The backup API copies pages through SQLite's own
locking, so both the copy and the restore are consistent even while the web app reads.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

SQLITE_NOT_A_DATABASE = "{path} 不是安监计划的 SQLite 备份：{reason}"
SQLITE_INTEGRITY_FAILED = "{path} 完整性检查未通过：{detail}"
SQLITE_FOREIGN_KEYS_FAILED = "{path} 外键检查未通过：表 {table} 第 {rowid} 行引用的 {parent} 不存在"
REQUIRED_TABLES = ("django_migrations", "audit_auditevent")


class BackupError(Exception):
    """A backup or restore refused with a Chinese message; nothing was changed."""


def check(path: Path) -> None:
    """Raise BackupError unless the file is an intact anjian database (integrity and foreign keys)."""
    if not path.is_file():
        raise BackupError(SQLITE_NOT_A_DATABASE.format(path=path, reason="文件不存在"))
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise BackupError(SQLITE_NOT_A_DATABASE.format(path=path, reason=exc)) from exc
    try:
        check_connection(con, path)
    finally:
        con.close()


def check_connection(con: sqlite3.Connection, path: Path) -> None:
    try:
        tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        missing = [t for t in REQUIRED_TABLES if t not in tables]
        if missing:
            raise BackupError(
                SQLITE_NOT_A_DATABASE.format(path=path, reason=f"缺少数据表 {'、'.join(missing)}")
            )
        result = [row[0] for row in con.execute("PRAGMA integrity_check")]
        if result != ["ok"]:
            raise BackupError(SQLITE_INTEGRITY_FAILED.format(path=path, detail="；".join(result[:5])))
        for table, rowid, parent, _fk in con.execute("PRAGMA foreign_key_check"):
            raise BackupError(
                SQLITE_FOREIGN_KEYS_FAILED.format(path=path, table=table, rowid=rowid, parent=parent)
            )
    except sqlite3.DatabaseError as exc:
        raise BackupError(SQLITE_NOT_A_DATABASE.format(path=path, reason=exc)) from exc


def backup(*, source: Path, out: Path) -> None:
    """Copy the live database into `out` (written beside it first, then renamed), as one self-contained file."""
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    partial.unlink(missing_ok=True)
    partial.touch(mode=0o600)  # the whole database, password hashes included: its owner only
    src = sqlite3.connect(source, timeout=60)
    dst = sqlite3.connect(partial)
    try:
        src.backup(dst)
        # The backup is one file: no WAL beside it that a later copy could forget.
        dst.execute("PRAGMA journal_mode=DELETE")
        check_connection(dst, out)
    finally:
        dst.close()
        src.close()
    os.replace(partial, out)


def restore(*, backup_file: Path, target: Path) -> None:
    """Replace the content of `target` by the backup; afterwards no -wal/-shm of the old content remains."""
    check(backup_file)
    wal, shm = Path(f"{target}-wal"), Path(f"{target}-shm")
    if not target.exists():
        # A WAL without its database belongs to nothing: replayed onto the restored file it would mix contents.
        for stale in (wal, shm):
            stale.unlink(missing_ok=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)
    dst = sqlite3.connect(target, timeout=60)
    try:
        # Through the pager and its locks: the old WAL's frames are superseded page by page, never replayed.
        src.backup(dst)
        dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        check_connection(dst, target)
    finally:
        dst.close()
        src.close()
