"""Workbench pages with the Xia County persona: import preview and confirm, audit search, calendars."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from anjian.audit.models import AuditEvent
from anjian.registry.models import Enterprise
from anjian.registry.samples import SAMPLES_DIR

from .conftest import client_for, make_user

BROKEN_CSV = "单位名称,统一社会信用代码,行业领域\n某某化工有限公司,123,危险化学品\n".encode()


def test_import_preview_lists_row_errors_and_writes_nothing(people, xia_plan):
    before = Enterprise.objects.count()
    upload = SimpleUploadedFile("名录.csv", BROKEN_CSV, content_type="text/csv")
    page = people["head"].post("/import/", {"kind": "enterprises", "file": upload}).content.decode()
    assert "错误" in page and "名录.csv" in page and "确认导入" not in page
    assert Enterprise.objects.count() == before


def test_import_preview_then_confirm_writes_and_is_audited(people, xia_plan):
    data = (SAMPLES_DIR / "xia-2025" / "enterprises.xlsx").read_bytes()
    upload = SimpleUploadedFile("enterprises.xlsx", data)
    page = people["head"].post("/import/", {"kind": "enterprises", "file": upload}).content.decode()
    assert "确认导入" in page
    token = people["head"].session["import"]["token"]
    assert people["head"].post("/import/confirm/", {"token": token}).status_code == 302
    event = AuditEvent.objects.filter(action="import").latest("id")
    assert (event.actor, event.agency_id, event.after["ok"]) == ("xia_head", xia_plan.plan.agency_id, True)


def test_import_goes_into_the_users_own_agency_never_the_county_below(people, xia_plan):
    county = xia_plan.plan.agency
    upload = SimpleUploadedFile("名录.csv", BROKEN_CSV, content_type="text/csv")
    people["city"].post("/import/", {"kind": "enterprises", "file": upload, "agency": county.pk})
    assert people["city"].session["import"]["agency"] == county.parent_id


def test_officer_role_cannot_import(people, xia_plan):
    officer = client_for(make_user("xia_officer", xia_plan.plan.agency, "officer"))
    upload = SimpleUploadedFile("名录.csv", BROKEN_CSV, content_type="text/csv")
    assert officer.post("/import/", {"kind": "enterprises", "file": upload}).status_code == 403


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


def test_officer_sees_only_own_visits_in_the_calendar(people, xia_plan):
    from anjian.plans.scheduling import plan_schedule

    plan_schedule(version=xia_plan, time_limit_s=5)
    visit = xia_plan.visits.filter(officers__isnull=False).order_by("date").first()
    officer = visit.officers.first()
    user = make_user("xia_officer", xia_plan.plan.agency, "officer")
    user.membership.officer = officer
    user.membership.save()
    page = (
        client_for(user)
        .get(f"/plans/{xia_plan.plan_id}/schedule/", {"view": "week", "date": visit.date.isoformat()})
        .content.decode()
    )
    assert visit.enterprise.name in page and "只显示本人任务" in page
    others = xia_plan.visits.filter(date=visit.date).exclude(officers=officer)
    for other in others:
        assert f"<b>{other.enterprise.name}</b>" not in page


def test_month_calendar_lists_the_days_visits(people, xia_plan):
    from anjian.plans.scheduling import plan_schedule

    plan_schedule(version=xia_plan, time_limit_s=5)
    visit = xia_plan.visits.order_by("date").first()
    page = (
        people["city"]
        .get(f"/plans/{xia_plan.plan_id}/schedule/", {"date": visit.date.isoformat()})
        .content.decode()
    )
    assert visit.enterprise.name in page and f"{visit.date:%Y年%-m月}" in page
    assert isinstance(visit.date, dt.date)


def test_office_head_reruns_the_schedule_and_the_city_above_may_not(people, xia_plan):
    url = f"/plans/{xia_plan.plan_id}/schedule/run/"
    assert people["city"].post(url).status_code == 403
    assert people["head"].post(url).status_code == 302
    xia_plan.refresh_from_db()
    assert xia_plan.summary["schedule"]["entries"] == xia_plan.visits.count() > 0


def test_dashboard_counts_recorded_inspections_against_the_schedule(people, xia_plan):
    from anjian.execution.models import Inspection
    from anjian.plans.scheduling import plan_schedule

    plan_schedule(version=xia_plan, time_limit_s=5)
    visit = xia_plan.visits.order_by("date").first()
    entry = xia_plan.entries.get(enterprise=visit.enterprise)
    overdue_before = xia_plan.visits.count()  # the 2025 plan lies wholly in the past
    Inspection.objects.create(
        agency=xia_plan.plan.agency,
        enterprise=visit.enterprise,
        plan_entry=entry,
        scheduled_visit=visit,
        date=visit.date,
    )
    page = people["head"].get("/").content.decode()
    assert f'逾期未检查</th><td><span class="warn">{overdue_before - 1} 次</span>' in page
    assert "已检查（执行登记）" in page
