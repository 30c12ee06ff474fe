"""The secret that keys the audit hash chain, kept in a file outside the database.

Whoever can write the database but cannot read this file cannot recompute the chain after editing a row.
ANJIAN_AUDIT_KEY_FILE moves it (e.g. onto a volume only the service account reads); default var/audit_key.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.conf import settings

AUDIT_KEY_MISSING = (
    "找不到审计密钥文件 {path}：没有它无法校验审计日志。请从与数据库分开保存的备份中恢复该文件"
    "（或用 ANJIAN_AUDIT_KEY_FILE 指明其位置）"
)
AUDIT_KEY_UNREADABLE = "审计密钥文件 {path} 无法读取或内容不正确：{reason}"


class AuditKeyError(Exception):
    pass


def key_path() -> Path:
    return Path(settings.ANJIAN_AUDIT_KEY_FILE)


def audit_key(*, create: bool) -> bytes:
    """The key's bytes; with `create`, a missing file is made (owner read/write only) with a fresh key."""
    path = key_path()
    if not path.exists():
        if not create:
            raise AuditKeyError(AUDIT_KEY_MISSING.format(path=path))
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another process made it in between: use theirs
        else:
            with os.fdopen(fd, "w", encoding="ascii") as f:
                f.write(secrets.token_hex(32) + "\n")
    try:
        text = path.read_text(encoding="ascii").strip()
        key = bytes.fromhex(text)
    except (OSError, ValueError) as exc:
        raise AuditKeyError(AUDIT_KEY_UNREADABLE.format(path=path, reason=exc)) from exc
    if len(key) < 16:
        raise AuditKeyError(AUDIT_KEY_UNREADABLE.format(path=path, reason="密钥短于 16 字节"))
    return key
