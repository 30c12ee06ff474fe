"""Re-chain the events written before the chain was keyed: SHA-256 → HMAC-SHA256 with the audit key.

The plain chain is verified first; a chain that was already broken is not laundered into a valid keyed one.
"""

import hashlib
import hmac
import json

from django.db import migrations

GENESIS = "0" * 64
HASHED = ("at", "actor", "ip_address", "action", "object_type", "object_id", "object_repr", "agency_id",
          "before", "after")  # fmt: skip
AUDIT_PLAIN_CHAIN_BROKEN = (
    "升级前的审计日志哈希链已不完整（第 {id} 条）：请先用旧版本 anjian audit verify 查明原因，不能自动改为密钥链"
)


def _body(row) -> bytes:
    data = {name: getattr(row, name) for name in HASHED}
    data["at"] = row.at.isoformat(timespec="microseconds")
    data = json.loads(json.dumps(data, ensure_ascii=False, default=str))
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str).encode()


def rekey(apps, schema_editor):
    from anjian.audit.key import audit_key

    AuditEvent = apps.get_model("audit", "AuditEvent")
    rows = list(AuditEvent.objects.order_by("id"))
    if not rows:
        return
    prev = GENESIS
    for row in rows:
        plain = hashlib.sha256(prev.encode() + _body(row)).hexdigest()
        if row.prev_hash != prev or row.hash != plain:
            raise RuntimeError(AUDIT_PLAIN_CHAIN_BROKEN.format(id=row.pk))
        prev = row.hash
    key = audit_key(create=True)
    table = AuditEvent._meta.db_table
    prev = GENESIS
    with schema_editor.connection.cursor() as cursor:
        for row in rows:
            new = hmac.new(key, prev.encode() + _body(row), hashlib.sha256).hexdigest()
            # raw SQL: the model refuses updates, as it should everywhere but here
            cursor.execute(f"UPDATE {table} SET prev_hash = %s, hash = %s WHERE id = %s", [prev, new, row.pk])  # noqa: S608
            prev = new


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_more_actions")]
    operations = [migrations.RunPython(rekey, migrations.RunPython.noop)]
