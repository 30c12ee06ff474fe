"""计划执行 pages with the Xia County persona: inspections recorded through the services on the xia-2025 sample."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from anjian.audit.models import AuditEvent
from anjian.documents.docx_tables import LEDGER_HEADER
from anjian.execution import services
from anjian.execution.adjustments import plan_adjust
from anjian.execution.models import Inspection, PenaltyDecision
from anjian.planning.execution.entry_check import APPROVAL_CODES
from anjian.web.execution.forms import APPROVAL_NOTE_MISSING, ENTERPRISE_NOT_FOUND
from anjian.web.execution.inspections import NEEDS_LEADER
from tests.execution.conftest import officers_of, record

from ..conftest import client_for, make_user

D = dt.date


def entry_with_cap(version, cap, visits):
    return next(e for e in version.entries.select_related("enterprise").order_by("pk")
                if e.cap.get("cap") == cap and e.visits_per_year == visits)  # fmt: skip


@pytest.fixture
def done(xia_plan):
    """One planned inspection with a hazard, an overdue order and review, and an unpublished penalty."""
    entry = entry_with_cap(xia_plan, 4, 2)
    visit = record(entry, D(2025, 3, 5), summary="检查配电设施")
    hazard = services.hazard_record(inspection=visit, description="配电箱未接地", location="配电室")
    order = services.order_issue(inspection=visit, number="夏应急责改〔2025〕1号", issued_on=D(2025, 3, 5),
                                 deadline=D(2025, 3, 20), hazards=[hazard])  # fmt: skip
    penalty = services.penalty_decide(inspection=visit, number="夏应急罚〔2025〕1号", decided_on=D(2025, 3, 10),
                                      amount=20000)  # fmt: skip
    return {"entry": entry, "visit": visit, "hazard": hazard, "order": order, "penalty": penalty}


def html(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


def test_every_execution_page_shows_the_agencys_rows_to_its_office_head(people, done, xia_plan):
    adjustment = plan_adjust(plan=xia_plan.plan, reason="更正责任股室", decision_date=D(2025, 6, 3))
    name, head = done["entry"].enterprise.name, people["head"]
    assert name in html(head, "/execution/") and name in html(head, "/execution/", month="2025-03")
    assert name not in html(head, "/execution/", month="2025-04")
    assert name not in html(head, "/execution/", origin="unplanned")
    detail = html(head, f"/execution/inspections/{done['visit'].pk}/")
    assert all(
        t in detail for t in ("配电箱未接地", "夏应急责改〔2025〕1号", "夏应急罚〔2025〕1号", "检查配电设施")
    )
    assert done["visit"].officers.first().name in detail
    hazards = html(head, "/execution/hazards/")
    assert 'class="overdue"' in hazards and "配电箱未接地" in hazards and "逾期" in hazards
    assert f'action="/execution/reviews/{done["order"].reviews.get().pk}/record/"' in hazards
    penalties = html(head, "/execution/penalties/")
    assert "夏应急罚〔2025〕1号" in penalties and "2025-03-19" in penalties and "未公示" in penalties
    reports = html(head, "/execution/reports/", year="2025")
    assert "2025年3月月报" in reports and "2025-04-08" in reports and "逾期" in reports
    adjustments = html(head, "/execution/adjustments/")
    assert "更正责任股室" in adjustments and "计划调整内部备案" in adjustments
    assert "计划调整内部备案" in html(head, f"/execution/adjustments/{adjustment.pk}/")


def test_another_agencys_records_answer_404_and_are_not_listed(people, done, xia_plan):
    adjustment = plan_adjust(plan=xia_plan.plan, reason="更正", decision_date=D(2025, 6, 3))
    stranger, name = people["stranger"], done["entry"].enterprise.name
    assert name not in html(stranger, "/execution/")
    assert "配电箱未接地" not in html(stranger, "/execution/hazards/")
    assert "夏应急罚〔2025〕1号" not in html(stranger, "/execution/penalties/")
    assert "更正" not in html(stranger, "/execution/adjustments/")
    assert stranger.get(f"/execution/inspections/{done['visit'].pk}/").status_code == 404
    assert stranger.get(f"/execution/adjustments/{adjustment.pk}/").status_code == 404
    review = done["order"].reviews.get()
    assert stranger.post(f"/execution/reviews/{review.pk}/record/", {"reviewed_on": "2025-04-01", "passed": "1"}
                         ).status_code == 404  # fmt: skip
    assert stranger.post(f"/execution/penalties/{done['penalty'].pk}/publish/", {"published_on": "2025-03-12"}
                         ).status_code == 404  # fmt: skip
    assert stranger.get("/execution/reports/ledger/", {"agency": xia_plan.plan.agency_id}).status_code == 404


def test_city_above_reads_the_county_but_its_posts_are_refused(people, done, xia_plan):
    city = people["city"]
    assert done["entry"].enterprise.name in html(city, "/execution/")
    assert city.get(f"/execution/inspections/{done['visit'].pk}/").status_code == 200
    assert "只读" in html(city, "/execution/hazards/")
    review = done["order"].reviews.get()
    assert city.post(f"/execution/reviews/{review.pk}/record/", {"reviewed_on": "2025-04-01", "passed": "1"}
                     ).status_code == 403  # fmt: skip
    assert city.post(f"/execution/penalties/{done['penalty'].pk}/publish/", {"published_on": "2025-03-12"}
                     ).status_code == 403  # fmt: skip
    county = xia_plan.plan.agency_id
    assert city.get("/execution/inspections/new/", {"agency": county}).status_code == 403
    review.refresh_from_db()
    assert review.reviewed_on is None and PenaltyDecision.objects.get().published_on is None


def test_officer_role_cannot_record_and_administrators_see_no_execution_page(people, xia_plan):
    officer = client_for(make_user("xia_officer", xia_plan.plan.agency, "officer"))
    assert officer.get("/execution/").status_code == 200
    assert officer.post("/execution/inspections/new/", {}).status_code == 403
    for url in ("/execution/", "/execution/hazards/", "/execution/penalties/", "/execution/reports/",
                "/execution/adjustments/", "/execution/inspections/new/"):  # fmt: skip
        assert people["auditor"].get(url).status_code == 403


def form_data(entry, day, **extra):
    return {"enterprise": entry.enterprise.name, "date": day.isoformat(), "origin": "planned", "kind": "routine",
            "on_site": "1", "method": "regular", "officers": [o.pk for o in officers_of(entry)], **extra}  # fmt: skip


def test_visit_over_the_cap_is_shown_refused_for_the_office_head_and_saved_with_the_leaders_approval(
    people, xia_plan
):
    entry = entry_with_cap(xia_plan, 2, 2)
    record(entry, D(2025, 3, 5))
    record(entry, D(2025, 6, 4))
    data = form_data(entry, D(2025, 9, 9))
    page = people["head"].post("/execution/inspections/new/", data).content.decode()
    assert "超过频次上限2次" in page and NEEDS_LEADER in page
    page = people["leader"].post("/execution/inspections/new/", data).content.decode()
    assert "超过频次上限2次" in page and APPROVAL_NOTE_MISSING in page and 'name="approve"' in page
    assert Inspection.objects.count() == 2
    approved = {**data, "approve": "on", "approval_note": "群众举报，依法核查"}
    response = people["leader"].post("/execution/inspections/new/", approved)
    assert response.status_code == 302
    saved = Inspection.objects.latest("pk")
    assert (saved.approved_by, saved.approval_note, saved.plan_entry_id) == (
        "xia_leader",
        "群众举报，依法核查",
        entry.pk,
    )
    assert {w["code"] for w in saved.warnings} & APPROVAL_CODES == {"entry_over_cap"}
    event = AuditEvent.objects.filter(object_type="execution.Inspection").latest("id")
    assert (event.action, event.actor, event.after["approved_by"]) == ("approve", "xia_leader", "xia_leader")
    assert "经xia_leader批准" in html(people["head"], "/execution/")


def test_third_entry_in_a_month_warns_of_the_quiet_period(people, xia_plan):
    entry = entry_with_cap(xia_plan, 6, 2)
    record(entry, D(2025, 5, 9))
    record(entry, D(2025, 5, 19))
    page = (
        people["head"].post("/execution/inspections/new/", form_data(entry, D(2025, 5, 29))).content.decode()
    )
    assert "企业安静期" in page and not Inspection.objects.filter(date=D(2025, 5, 29)).exists()


def test_form_errors_are_chinese_and_on_their_fields(people, xia_plan):
    entry = entry_with_cap(xia_plan, 4, 2)
    page = people["head"].post("/execution/inspections/new/", form_data(entry, D(2025, 3, 5), enterprise="不存在的公司")
                               ).content.decode()  # fmt: skip
    assert ENTERPRISE_NOT_FOUND.format(q="不存在的公司") in page
    alone = form_data(entry, D(2025, 3, 5), officers=[officers_of(entry)[0].pk])
    assert "至少须2人" in people["head"].post("/execution/inspections/new/", alone).content.decode()
    name = entry.enterprise.name
    page = (
        people["head"].post("/execution/inspections/new/", form_data(entry, D(2026, 3, 5))).content.decode()
    )
    assert f"{name}不在夏县应急管理局2026年度计划中" in page
    assert not Inspection.objects.exists()


def test_plain_inspection_saves_and_is_audited(people, xia_plan):
    entry = entry_with_cap(xia_plan, 4, 2)
    response = people["head"].post(
        "/execution/inspections/new/", form_data(entry, D(2025, 3, 5), summary="无隐患")
    )
    saved = Inspection.objects.get()
    assert response.status_code == 302 and response.url == f"/execution/inspections/{saved.pk}/"
    assert (saved.approved_by, saved.summary, saved.plan_entry_id) == ("", "无隐患", entry.pk)
    assert AuditEvent.objects.filter(object_type="execution.Inspection", action="create").exists()


def test_inspection_from_a_scheduled_visit_is_prefilled_and_linked_to_it(people, xia_plan):
    from anjian.plans.scheduling import plan_schedule

    plan_schedule(version=xia_plan, time_limit_s=5)
    visit = xia_plan.visits.filter(officers__isnull=False).order_by("date", "pk").first()
    url = f"/execution/inspections/new/?visit={visit.pk}"
    page = html(people["head"], url)
    assert f'value="{visit.enterprise.uscc}"' in page and f'value="{visit.date.isoformat()}"' in page
    officers = list(visit.officers.values_list("pk", flat=True))
    data = {"enterprise": visit.enterprise.uscc, "date": visit.date.isoformat(), "origin": "planned",
            "kind": "routine", "on_site": "1", "method": "regular", "officers": officers, "scheduled_visit": visit.pk}  # fmt: skip
    assert people["head"].post(url, data).status_code == 302
    assert Inspection.objects.get().scheduled_visit_id == visit.pk
    assert people["stranger"].get(url).status_code == 404


def test_review_recorded_from_the_hazards_page_closes_the_hazard(people, done):
    review = done["order"].reviews.get()
    data = {
        "reviewed_on": "2025-03-28",
        "passed": "1",
        "opinion": "已整改",
        "number": "夏应急复查〔2025〕1号",
    }
    assert people["head"].post(f"/execution/reviews/{review.pk}/record/", data).status_code == 302
    done["hazard"].refresh_from_db()
    assert done["hazard"].rectified_on == D(2025, 3, 28)
    assert "配电箱未接地" not in html(people["head"], "/execution/hazards/")


def test_early_review_without_application_is_refused_with_the_services_message(people, done):
    review = done["order"].reviews.get()
    response = people["head"].post(f"/execution/reviews/{review.pk}/record/", {"reviewed_on": "2025-03-15",
                                                                                "passed": "1"}, follow=True)  # fmt: skip
    assert "尚未到期且企业未申请复查" in response.content.decode()


def test_penalty_marked_published_late_shows_the_lateness(people, done):
    url = f"/execution/penalties/{done['penalty'].pk}/publish/"
    assert people["head"].post(url, {"published_on": "2025-03-21"}).status_code == 302
    assert PenaltyDecision.objects.get().published_on == D(2025, 3, 21)
    assert "逾期2日公示" in html(people["head"], "/execution/penalties/")


def test_ledger_download_is_the_annex5_workbook_and_is_audited(people, done, xia_plan):
    params = {"agency": xia_plan.plan.agency_id, "first": "2025-01-01", "last": "2025-12-31"}
    response = people["head"].get("/execution/reports/ledger/", params)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value]
    assert all(h.text in cells for row in LEDGER_HEADER for h in row)
    assert done["entry"].enterprise.name in cells
    event = AuditEvent.objects.filter(action="export").latest("id")
    assert (event.actor, event.agency_id, event.after["kind"]) == (
        "xia_head",
        xia_plan.plan.agency_id,
        "ledger",
    )


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_quarterly_report_downloads_and_is_audited(people, done, xia_plan, fmt):
    response = people["head"].get(f"/execution/reports/quarter/2025/1/{fmt}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:2] == b"PK"
    event = AuditEvent.objects.filter(action="export").latest("id")
    assert (event.after["kind"], event.after["period"], event.after["format"]) == (
        "report.quarter",
        "2025年第一季度",
        fmt,
    )
