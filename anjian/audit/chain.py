"""Appending to the hash chain and verifying it.

Each event's hash is HMAC-SHA256, keyed by the audit key (a file outside the database, see key.py), over the
previous event's hash and a canonical JSON of its own fields, so editing a row breaks its own hash and deleting
one breaks the link of the row after it; without the key nobody can recompute the chain after an edit. Deleting
the newest rows leaves a shorter but valid chain: compare the head hash with one recorded elsewhere (`--head`).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from .context import current
from .key import AuditKeyError, audit_key
from .models import AuditEvent

GENESIS = "0" * 64
AUDIT_LOCK_KEY = 0x616E6A69  # "anji": the advisory lock that orders appenders on PostgreSQL
AUDIT_HASH_MISMATCH = "第 {id} 条审计事件的内容与其哈希不符：该行被修改过"
AUDIT_LINK_BROKEN = "第 {id} 条审计事件的上一条哈希与第 {prev} 条不符：其间的事件被删除或改动"
AUDIT_HEAD_MISMATCH = "最新一条审计事件的哈希 {actual} 与登记的 {expected} 不符：末尾的事件被删除或改动"
HASHED = ("at", "actor", "ip_address", "action", "object_type", "object_id", "object_repr", "agency_id",
          "before", "after")  # fmt: skip


def event_hash(prev_hash: str, fields: dict, *, key: bytes) -> str:
    body = json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hmac.new(key, (prev_hash + body).encode("utf-8"), hashlib.sha256).hexdigest()


def _fields(event: AuditEvent) -> dict:
    data = {name: getattr(event, name) for name in HASHED}
    data["at"] = event.at.isoformat(timespec="microseconds")
    # A JSON round trip makes what was hashed equal to what the database gives back.
    return json.loads(json.dumps(data, ensure_ascii=False, default=str))


def record(
    action: str,
    *,
    obj=None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    agency_id: int | None = None,
    before: dict | None = None,
    after: dict | None = None,
    actor: str | None = None,
    ip_address: str | None = None,
) -> AuditEvent:
    """Append one event to the chain; actor and address default to the current request or command."""
    ctx = current()
    if obj is not None:
        object_type = object_type or obj._meta.label
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:300]
    event = AuditEvent(
        at=timezone.now(), action=action,
        actor=actor if actor is not None else ctx.actor, ip_address=ip_address or ctx.ip_address,
        object_type=object_type, object_id=object_id, object_repr=object_repr[:300], agency_id=agency_id,
        before=before, after=after,
    )  # fmt: skip
    with transaction.atomic():
        # Appenders take turns, else two could chain to the same predecessor. PostgreSQL: a transaction-scoped
        # advisory lock (a row lock would not show the row the other appender inserts). SQLite: one writer.
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [AUDIT_LOCK_KEY])
        last = AuditEvent.objects.order_by("-id").only("hash").first()
        event.prev_hash = last.hash if last else GENESIS
        # A new key only for an empty log: with events but no key file, appending would fork the chain.
        event.hash = event_hash(event.prev_hash, _fields(event), key=audit_key(create=last is None))
        event.save()
    return event


@dataclass(frozen=True)
class ChainProblem:
    code: str
    event_id: int
    message: str


def verify_chain(*, expected_head: str | None = None) -> tuple[int, str, list[ChainProblem]]:
    """Walk the whole log oldest first; returns (events checked, head hash, problems).

    A missing or unreadable key file is one problem (`audit_key_missing`), not every row reported as edited.
    """
    problems: list[ChainProblem] = []
    try:
        key = audit_key(create=not AuditEvent.objects.exists())
    except AuditKeyError as exc:
        return AuditEvent.objects.count(), "", [ChainProblem("audit_key_missing", 0, str(exc))]
    prev_hash, prev_id, count = GENESIS, None, 0
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        count += 1
        if event.prev_hash != prev_hash:
            text = AUDIT_LINK_BROKEN.format(id=event.pk, prev=prev_id if prev_id is not None else "（无）")
            problems.append(ChainProblem("audit_link_broken", event.pk, text))
        if not hmac.compare_digest(event_hash(event.prev_hash, _fields(event), key=key), event.hash):
            problems.append(
                ChainProblem("audit_hash_mismatch", event.pk, AUDIT_HASH_MISMATCH.format(id=event.pk))
            )
        prev_hash, prev_id = event.hash, event.pk
    if expected_head and expected_head != prev_hash:
        text = AUDIT_HEAD_MISMATCH.format(actual=prev_hash, expected=expected_head)
        problems.append(ChainProblem("audit_head_mismatch", prev_id or 0, text))
    return count, prev_hash, problems
