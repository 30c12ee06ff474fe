"""The audit log is append-only and hash-chained; `anjian audit verify` names an edited or deleted row."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from anjian.audit.chain import GENESIS, HASHED, record, verify_chain
from anjian.audit.models import AppendOnlyError, AuditEvent
from anjian.planning.uscc import make_uscc
from anjian.registry.models import Enterprise, Industry


@pytest.fixture
def enterprise(county_bureau):
    return Enterprise.objects.create(
        agency=county_bureau,
        uscc=make_uscc("140828", 1),
        name="夏县测试化工有限公司",
        industry=Industry.HAZCHEM,
    )


def test_create_update_delete_of_an_enterprise_are_recorded_with_before_and_after(enterprise):
    enterprise.flag_major_source = True
    enterprise.save()
    pk = enterprise.pk
    enterprise.delete()
    events = list(
        AuditEvent.objects.filter(object_type="registry.Enterprise", object_id=str(pk)).order_by("id")
    )
    assert [e.action for e in events] == ["create", "update", "delete"]
    assert events[1].before == {"flag_major_source": False} and events[1].after == {"flag_major_source": True}
    assert events[0].agency_id == enterprise.agency_id


def test_intact_chain_verifies(enterprise):
    record("export", object_type="plans.PlanVersion", object_id="1")
    count, head, problems = verify_chain()
    assert (
        problems == []
        and count == AuditEvent.objects.count()
        and head == AuditEvent.objects.latest("id").hash
    )


def test_audit_rows_cannot_be_changed_through_the_orm(enterprise):
    event = AuditEvent.objects.first()
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.update(actor="x")


def _verify_json() -> dict:
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("audit", "verify", "--json", stdout=out)
    return json.loads(out.getvalue())


def test_verify_detects_an_edited_row(enterprise):
    for i in range(3):
        record("export", object_type="plans.PlanVersion", object_id=str(i))
    victim = AuditEvent.objects.order_by("id")[1]
    with connection.cursor() as c:
        c.execute("UPDATE audit_auditevent SET actor = %s WHERE id = %s", ["someone-else", victim.pk])
    report = _verify_json()
    assert not report["ok"]
    assert [(p["code"], p["event_id"]) for p in report["problems"]] == [("audit_hash_mismatch", victim.pk)]


def test_verify_detects_a_deleted_row(enterprise):
    for i in range(3):
        record("export", object_type="plans.PlanVersion", object_id=str(i))
    ids = list(AuditEvent.objects.order_by("id").values_list("id", flat=True))
    with connection.cursor() as c:
        c.execute("DELETE FROM audit_auditevent WHERE id = %s", [ids[1]])
    report = _verify_json()
    assert [(p["code"], p["event_id"]) for p in report["problems"]] == [("audit_link_broken", ids[2])]


def test_verify_detects_a_deleted_newest_row_against_the_recorded_head(enterprise):
    record("export", object_type="plans.PlanVersion", object_id="9")
    head = AuditEvent.objects.latest("id").hash
    with connection.cursor() as c:
        c.execute("DELETE FROM audit_auditevent WHERE id = %s", [AuditEvent.objects.latest("id").pk])
    with pytest.raises(CommandError):
        call_command("audit", "verify", "--head", head, stdout=io.StringIO())
    call_command("audit", "verify", stdout=io.StringIO())  # without the head the shorter chain is consistent


def _plain_hash(prev_hash: str, event: AuditEvent) -> str:
    """What an attacker with database access computes: the chain's recipe without the key."""
    import hashlib

    data = {name: getattr(event, name) for name in HASHED}
    data["at"] = event.at.isoformat(timespec="microseconds")
    data = json.loads(json.dumps(data, ensure_ascii=False, default=str))
    body = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


def test_verify_detects_an_edited_row_whose_chain_was_recomputed_without_the_key(enterprise):
    for i in range(3):
        record("export", object_type="plans.PlanVersion", object_id=str(i))
    victim = AuditEvent.objects.order_by("id")[1]
    with connection.cursor() as c:
        c.execute("UPDATE audit_auditevent SET actor = %s WHERE id = %s", ["someone-else", victim.pk])
        prev = GENESIS
        for event in AuditEvent.objects.order_by("id"):
            new = _plain_hash(prev, event)
            c.execute(
                "UPDATE audit_auditevent SET prev_hash = %s, hash = %s WHERE id = %s", [prev, new, event.pk]
            )
            prev = new
    report = _verify_json()
    assert not report["ok"] and {p["code"] for p in report["problems"]} == {"audit_hash_mismatch"}


def test_the_audit_key_file_is_made_readable_by_its_owner_only(tmp_path, settings, db):
    settings.ANJIAN_AUDIT_KEY_FILE = tmp_path / "keys" / "audit_key"
    record("export", object_type="plans.PlanVersion", object_id="1")
    assert (settings.ANJIAN_AUDIT_KEY_FILE.stat().st_mode & 0o777) == 0o600


def test_verify_names_a_missing_key_file_instead_of_calling_every_row_edited(tmp_path, settings, enterprise):
    settings.ANJIAN_AUDIT_KEY_FILE = tmp_path / "absent"
    report = _verify_json()
    assert [p["code"] for p in report["problems"]] == ["audit_key_missing"]
    assert "找不到审计密钥文件" in report["problems"][0]["message"]
