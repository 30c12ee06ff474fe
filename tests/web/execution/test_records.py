"""Recording from the 计划执行 pages (Xia County persona): hazards, orders and penalties on the inspection page,
report submissions, and a 局领导's plan adjustments with their filing."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from anjian.execution.adjustments import ADJUSTMENT_NO_REASON, plan_adjust
from anjian.execution.models import Hazard, PenaltyDecision, PlanAdjustment, ReportSubmission, Review
from anjian.execution.reports import report_compute
from anjian.execution.services import ORDER_DEADLINE_BEFORE_ISSUE
from anjian.planning.execution.deadlines import quarter
from anjian.web.execution.record_forms import ORDER_NO_HAZARD
from anjian.web.execution.records import LEADER_ONLY
from tests.execution.conftest import record

from ..conftest import client_for, make_user
from .test_pages import entry_with_cap, html

D = dt.date


@pytest.fixture
def visit(xia_plan):
    """A planned inspection with no hazard yet."""
    return record(entry_with_cap(xia_plan, 4, 2), D(2025, 4, 2), summary="检查危化品仓库")


def url(visit, what):
    return f"/execution/inspections/{visit.pk}/{what}/new/"


def add_hazard(client, visit, description, **extra):
    return client.post(url(visit, "hazards"), {"description": description, "level": "general", **extra})


def test_editor_sees_the_three_forms_and_the_city_above_sees_none(people, visit):
    own = html(people["head"], f"/execution/inspections/{visit.pk}/")
    assert all(f'action="{url(visit, w)}"' in own for w in ("hazards", "penalties"))
    assert url(visit, "orders") not in own and "没有尚未下达整改指令的隐患" in own
    add_hazard(people["head"], visit, "消防通道堵塞")
    assert f'action="{url(visit, "orders")}"' in html(people["head"], f"/execution/inspections/{visit.pk}/")
    above = html(people["city"], f"/execution/inspections/{visit.pk}/")
    assert "检查危化品仓库" in above and url(visit, "hazards") not in above


def test_hazard_recorded_from_the_page_appears_in_hazards_and_reviews(people, visit, monkeypatch):
    monkeypatch.setattr("anjian.web.execution.hazards.today", lambda: D(2025, 4, 10))
    response = add_hazard(people["head"], visit, "液氨储罐未设泄漏报警", level="major", location="储罐区",
                          deadline="2025-04-30")  # fmt: skip
    assert response.status_code == 302 and response.url == f"/execution/inspections/{visit.pk}/"
    hazard = Hazard.objects.get()
    assert (hazard.level, hazard.location, hazard.found_on, hazard.deadline) == (
        "major", "储罐区", D(2025, 4, 2), D(2025, 4, 30))  # fmt: skip
    page = html(people["head"], "/execution/hazards/")
    assert "液氨储罐未设泄漏报警" in page and "未下达整改指令" in page


def test_order_over_two_hazards_creates_a_review_due_from_its_deadline(people, visit, monkeypatch):
    head = people["head"]
    for text in ("消防通道堵塞", "安全出口锁闭"):
        assert add_hazard(head, visit, text).status_code == 302
    hazards = list(Hazard.objects.order_by("pk"))
    data = {"number": "夏应急责改〔2025〕9号", "issued_on": "2025-04-02", "deadline": "2025-04-12",
            "hazards": [h.pk for h in hazards]}  # fmt: skip
    assert head.post(url(visit, "orders"), data).status_code == 302
    review = Review.objects.get()
    # national rule pack: review within 10 calendar days of the deadline
    assert (review.order.number, review.due_on, review.reviewed_on) == (
        "夏应急责改〔2025〕9号",
        D(2025, 4, 22),
        None,
    )
    assert {h.order_id for h in Hazard.objects.all()} == {review.order_id}
    assert {h.deadline for h in Hazard.objects.all()} == {D(2025, 4, 12)}
    monkeypatch.setattr("anjian.web.execution.hazards.today", lambda: D(2025, 4, 25))
    page = html(head, "/execution/hazards/")
    assert "夏应急责改〔2025〕9号" in page and "2025-04-22" in page and "逾期3日" in page
    assert f'action="/execution/reviews/{review.pk}/record/"' in page
    # both hazards are now covered: the form offers nothing more to order
    assert "没有尚未下达整改指令的隐患" in html(head, f"/execution/inspections/{visit.pk}/")


def test_order_form_errors_keep_the_typed_values(people, visit):
    add_hazard(people["head"], visit, "消防通道堵塞")
    data = {"number": "夏应急责改〔2025〕10号", "issued_on": "2025-04-02", "deadline": "2025-03-30",
            "hazards": [Hazard.objects.get().pk]}  # fmt: skip
    page = people["head"].post(url(visit, "orders"), data).content.decode()
    assert ORDER_DEADLINE_BEFORE_ISSUE.format(deadline="2025-03-30", issued="2025-04-02") in page
    assert 'value="夏应急责改〔2025〕10号"' in page and "<details" in page and " open>" in page
    page = (
        people["head"]
        .post(url(visit, "orders"), {**data, "deadline": "2025-04-20", "hazards": []})
        .content.decode()
    )
    assert ORDER_NO_HAZARD in page and not Review.objects.exists()


def test_hazard_without_description_is_refused_in_chinese_with_the_location_kept(people, visit):
    page = add_hazard(people["head"], visit, "", location="配电室").content.decode()
    assert "这个字段是必填项" in page and 'value="配电室"' in page and not Hazard.objects.exists()


def penalty(visit, **extra):
    return {"number": "夏应急罚〔2025〕7号", "kind": "罚款", "amount": "30000", "decided_on": "2025-04-03",
            "discretion_basis": "山西省应急管理行政处罚裁量基准第12条", **extra}  # fmt: skip


def test_penalty_with_typical_case_counts_in_the_report_kpi(people, visit, xia_plan):
    response = people["head"].post(
        url(visit, "penalties"), penalty(visit, typical_case="on", legal_review="on")
    )
    assert response.status_code == 302
    saved = PenaltyDecision.objects.get()
    assert (saved.amount, saved.typical_case, saved.legal_review) == (30000, True, True)
    report = report_compute(agency=xia_plan.plan.agency, period=quarter(2025, 2), today=D(2025, 7, 1))
    assert report.progress.typical_cases == 1
    download = people["head"].get("/execution/reports/quarter/2025/2/xlsx/")
    sheet = load_workbook(io.BytesIO(b"".join(download.streaming_content)))["考核指标"]
    assert ("典型案例（件）", "1") in [tuple(str(c.value) for c in row[:2]) for row in sheet.iter_rows()]


def test_duplicate_penalty_number_is_refused_on_its_field(people, visit):
    people["head"].post(url(visit, "penalties"), penalty(visit))
    page = people["head"].post(url(visit, "penalties"), penalty(visit, amount="500")).content.decode()
    assert "处罚决定书文号" in page and "已存在" in page and 'value="500"' in page
    assert PenaltyDecision.objects.count() == 1


def test_report_submitted_after_its_deadline_shows_its_lateness(people, xia_plan):
    agency = xia_plan.plan.agency
    data = {"agency": agency.pk, "period_kind": "month", "year": "2025", "number": "3",
            "submitted_on": "2025-04-10", "document": "夏应急〔2025〕3月执行情况"}  # fmt: skip
    response = people["head"].post("/execution/reports/submit/", data)
    assert response.status_code == 302 and response.url == f"/execution/reports/?agency={agency.pk}&year=2025"
    assert ReportSubmission.objects.get().submitted_on == D(2025, 4, 10)
    page = html(people["head"], response.url)
    row = page.split("2025年3月月报")[1].split("</tr>")[0]
    assert "2025-04-08" in row and "2025-04-10" in row and "逾期2日报送" in row


def test_report_number_outside_the_period_is_refused(people, xia_plan):
    data = {"agency": xia_plan.plan.agency_id, "period_kind": "quarter", "year": "2025", "number": "5",
            "submitted_on": "2025-04-03"}  # fmt: skip
    page = people["head"].post("/execution/reports/submit/", data).content.decode()
    assert "季报的期数应为1至4" in page and not ReportSubmission.objects.exists()


def adjust(xia_plan, **extra):
    return {"plan": xia_plan.plan_id, "reason": "新增重点企业", "decision_date": "2025-06-03", "major": "auto",
            "document": "夏应急发〔2025〕21号", **extra}  # fmt: skip


def test_leader_files_an_adjustment_and_the_diff_page_shows(people, xia_plan):
    leader = people["leader"]
    assert 'action="/execution/adjustments/new/"' in html(leader, "/execution/adjustments/")
    response = leader.post("/execution/adjustments/new/", adjust(xia_plan, major="yes"))
    row = PlanAdjustment.objects.get()
    assert response.status_code == 302 and response.url == f"/execution/adjustments/{row.pk}/"
    assert (row.old_version.number, row.new_version.number, row.is_major) == (1, 2, True)
    assert row.documents == ["夏应急发〔2025〕21号"] and row.new_version.decision_date == D(2025, 6, 3)
    page = html(leader, response.url)
    assert "新增重点企业" in page and "第 1 版 → 第 2 版" in page and "变更明细" in page
    assert "重大调整报上一级备案" in page and 'action="/execution/adjustments/' in page
    filing = {"step": "internal_filed_on", "done_on": "2025-06-05", "document": "夏应急备〔2025〕2号"}
    assert leader.post(f"/execution/adjustments/{row.pk}/file/", filing).status_code == 302
    row.refresh_from_db()
    assert row.internal_filed_on == D(2025, 6, 5) and "内部备案：夏应急备〔2025〕2号" in row.documents
    assert "2025-06-05" in html(leader, f"/execution/adjustments/{row.pk}/")


def test_a_general_adjustment_offers_only_the_internal_filing(people, xia_plan):
    row = plan_adjust(plan=xia_plan.plan, reason="更正", decision_date=D(2025, 6, 3), major=False)
    page = html(people["leader"], f"/execution/adjustments/{row.pk}/")
    assert 'value="internal_filed_on"' in page and 'value="reapproved_on"' not in page
    bad = {"step": "reapproved_on", "done_on": "2025-06-05"}
    assert "选择一个有效的选项" in people["leader"].post(f"/execution/adjustments/{row.pk}/file/", bad
                                                         ).content.decode()  # fmt: skip


def test_office_heads_adjustment_post_is_403_and_they_see_no_form(people, xia_plan):
    head = people["head"]
    page = html(head, "/execution/adjustments/")
    assert 'action="/execution/adjustments/new/"' not in page and "须由本部门局领导办理" in page
    response = head.post("/execution/adjustments/new/", adjust(xia_plan))
    assert response.status_code == 403 and LEADER_ONLY in response.content.decode()
    assert head.post("/execution/adjustments/new/", {}).status_code == 403
    row = plan_adjust(plan=xia_plan.plan, reason="更正", decision_date=D(2025, 6, 3))
    assert 'action="/execution/adjustments/' not in html(head, f"/execution/adjustments/{row.pk}/")
    filing = {"step": "internal_filed_on", "done_on": "2025-06-05"}
    assert head.post(f"/execution/adjustments/{row.pk}/file/", filing).status_code == 403
    row.refresh_from_db()
    assert PlanAdjustment.objects.count() == 1 and row.internal_filed_on is None


def test_empty_reason_is_refused_in_chinese_and_the_typed_values_stay(people, xia_plan):
    response = people["leader"].post("/execution/adjustments/new/", adjust(xia_plan, reason="  "))
    page = response.content.decode()
    assert response.status_code == 200 and ADJUSTMENT_NO_REASON in page
    assert 'value="2025-06-03"' in page and 'value="夏应急发〔2025〕21号"' in page
    assert not PlanAdjustment.objects.exists() and xia_plan.plan.versions.count() == 1


def test_every_new_post_is_scoped(people, visit, xia_plan):
    officer = client_for(make_user("xia_officer", xia_plan.plan.agency, "officer"))
    hazard = {"description": "未设警示标志", "level": "general"}
    report = {"agency": xia_plan.plan.agency_id, "period_kind": "month", "year": "2025", "number": "3",
              "submitted_on": "2025-04-03"}  # fmt: skip
    posts = [(url(visit, "hazards"), hazard), (url(visit, "penalties"), penalty(visit)),
             (url(visit, "orders"), {}), ("/execution/reports/submit/", report),
             ("/execution/adjustments/new/", adjust(xia_plan))]  # fmt: skip
    for path, data in posts:
        assert people["stranger"].post(path, data).status_code == 404, path
        assert people["city"].post(path, data).status_code == 403, path
        assert people["auditor"].post(path, data).status_code == 403, path
        # an officer may not write; an inspection that is not their own is not even visible to them (404)
        assert officer.post(path, data).status_code in (403, 404), path
    assert people["head"].get(url(visit, "hazards")).status_code == 405
    assert not (
        Hazard.objects.exists() or PenaltyDecision.objects.exists() or ReportSubmission.objects.exists()
    )
    assert not PlanAdjustment.objects.exists()
