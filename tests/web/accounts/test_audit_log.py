"""The audit page: search within the auditor's scope, verification of the hash chain."""

from ..conftest import client_for, make_user


def test_audit_search_finds_the_override_and_hides_other_agencies(people, xia_plan, other_county):
    e = xia_plan.entries.first().enterprise
    people["head"].post(f"/plans/{xia_plan.plan_id}/override/", {"enterprise": e.pk, "reason": "复核"})
    page = people["auditor"].get("/audit/", {"object_type": "plans.EntryOverride"}).content.decode()
    assert e.name in page
    stranger_auditor = client_for(make_user("qingxu_auditor", other_county, "audit_admin"))
    assert (
        e.name not in stranger_auditor.get("/audit/", {"object_type": "plans.EntryOverride"}).content.decode()
    )


def test_audit_page_verifies_the_chain(people, xia_plan):
    assert "哈希链完整" in people["auditor"].get("/audit/", {"verify": "1"}).content.decode()
