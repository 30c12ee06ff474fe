"""Recording inspections on the compiled Lüliang sample: the cap ledger, quiet periods, officers, reviews."""

import datetime as dt

import pytest

from anjian.execution import services
from anjian.execution.models import Inspection
from anjian.execution.services import INSPECTION_NEEDS_APPROVAL, ExecutionError
from anjian.planning.execution.deadlines import publication_due
from anjian.planning.execution.entry_check import ENTRY_OVER_CAP
from tests.execution.conftest import officers_of, record

D = dt.date


def entry_with_cap(version, cap):
    return next(e for e in version.entries.select_related("enterprise").order_by("pk")
                if e.cap.get("cap") == cap and e.visits_per_year == 1)  # fmt: skip


def test_visit_above_the_cap_needs_a_recorded_approval(lv):
    entry = entry_with_cap(lv, 1)
    record(entry, D(2024, 3, 5))
    agency = lv.plan.agency
    with pytest.raises(ExecutionError) as refused:
        services.inspection_record(agency=agency, enterprise=entry.enterprise, date=D(2024, 6, 4),
                                   officers=officers_of(entry), origin="complaint")  # fmt: skip
    assert refused.value.code == "inspection_needs_approval"
    assert [f.code for f in refused.value.findings] == ["entry_over_cap"]
    message = refused.value.findings[0].message
    assert message.startswith(
        ENTRY_OVER_CAP.split("：")[0].format(name=entry.enterprise.name) + "：加上本次检查"
    )
    assert "市级2次" in message and "超过频次上限1次" in message
    assert refused.value.message == INSPECTION_NEEDS_APPROVAL.format(reasons=message)
    saved = services.inspection_record(agency=agency, enterprise=entry.enterprise, date=D(2024, 6, 4),
                                       officers=officers_of(entry), origin="complaint", approved_by="局长",
                                       approval_note="群众举报，依法核查")  # fmt: skip
    assert saved.warnings[0]["code"] == "entry_over_cap" and saved.approved_by == "局长"


def test_remote_check_is_recorded_without_touching_the_cap(lv):
    entry = entry_with_cap(lv, 1)
    record(entry, D(2024, 3, 5))
    remote = services.inspection_record(agency=lv.plan.agency, enterprise=entry.enterprise, date=D(2024, 4, 9),
                                        officers=officers_of(entry), origin="campaign", on_site=False)  # fmt: skip
    assert remote.warnings == []


def test_second_entry_in_a_month_that_breaks_the_quiet_period_is_caught(lv):
    entry = next(
        e for e in lv.entries.filter(visits_per_year=2).order_by("pk") if (e.cap.get("cap") or 0) >= 4
    )
    record(entry, D(2024, 5, 9))
    record(entry, D(2024, 5, 19))  # free runs 1–8, 10–18, 20–31: still 12 quiet days
    with pytest.raises(ExecutionError) as refused:
        services.inspection_record(agency=lv.plan.agency, enterprise=entry.enterprise, date=D(2024, 5, 29),
                                   officers=officers_of(entry), origin="complaint")  # fmt: skip
    assert [f.code for f in refused.value.findings] == ["entry_quiet_period"]
    assert "企业安静期（每月不少于10日不入企" in refused.value.findings[0].message


def test_planned_inspection_must_name_its_plan_entry_and_officers_need_valid_certificates(lv):
    entry = entry_with_cap(lv, 1)
    agency = lv.plan.agency
    with pytest.raises(ExecutionError) as no_entry:
        services.inspection_record(agency=agency, enterprise=entry.enterprise, date=D(2024, 3, 5),
                                   officers=officers_of(entry))  # fmt: skip
    assert no_entry.value.code == "inspection_planned_without_entry"
    with pytest.raises(ExecutionError) as alone:
        record(entry, D(2024, 3, 5), officers=officers_of(entry, 1))
    assert alone.value.code == "inspection_blocked" and "至少须2人" in alone.value.message
    assert not Inspection.objects.exists()


def test_review_is_due_ten_days_after_the_deadline_and_a_pass_closes_the_hazards(lv):
    entry = entry_with_cap(lv, 1)
    visit = record(entry, D(2024, 3, 5))
    hazard = services.hazard_record(inspection=visit, description="配电箱未接地", location="配电室")
    order = services.order_issue(inspection=visit, number="吕应急责改〔2024〕1号", issued_on=D(2024, 3, 5),
                                 deadline=D(2024, 3, 20), hazards=[hazard])  # fmt: skip
    assert order.reviews.get().due_on == D(2024, 3, 30)
    with pytest.raises(ExecutionError):
        services.review_record(order=order, reviewed_on=D(2024, 3, 15), passed=True)
    services.review_record(order=order, reviewed_on=D(2024, 4, 2), passed=True, opinion="已整改")
    hazard.refresh_from_db()
    assert hazard.rectified_on == D(2024, 4, 2) and order.reviews.get().reviewed_on == D(2024, 4, 2)


def test_penalty_publication_deadline_is_seven_working_days(lv):
    entry = entry_with_cap(lv, 1)
    visit = record(entry, D(2024, 3, 5))
    penalty = services.penalty_decide(inspection=visit, number="吕应急罚〔2024〕1号", decided_on=D(2024, 9, 27),
                                      amount=30000)  # fmt: skip
    from anjian.plans.services import pack_for

    assert publication_due(penalty.decided_on, pack_for(lv.plan.agency)) == D(2024, 10, 12)
    with pytest.raises(ExecutionError):
        services.penalty_publish(penalty=penalty, published_on=D(2024, 9, 1))


def test_an_order_takes_only_open_hazards_of_its_own_inspection_and_a_deadline_after_issue(lv):
    from anjian.execution.services import (
        HAZARD_DEADLINE_BEFORE_FOUND,
        ORDER_DEADLINE_BEFORE_ISSUE,
        ORDER_HAZARD_ALREADY_ORDERED,
        ORDER_HAZARD_OTHER_INSPECTION,
    )

    first, second = lv.entries.filter(category="key").select_related("enterprise").order_by("pk")[:2]
    a, b = record(first, D(2024, 3, 5)), record(second, D(2024, 3, 6))
    ha = services.hazard_record(inspection=a, description="配电箱未接地")
    hb = services.hazard_record(inspection=b, description="消防通道堵塞")
    with pytest.raises(ExecutionError) as refused:
        services.order_issue(inspection=a, number="责改1号", issued_on=D(2024, 3, 5), deadline=D(2024, 3, 1),
                             hazards=[ha])  # fmt: skip
    assert refused.value.message == ORDER_DEADLINE_BEFORE_ISSUE.format(
        deadline=D(2024, 3, 1), issued=D(2024, 3, 5)
    )
    with pytest.raises(ExecutionError) as refused:
        services.order_issue(inspection=a, number="责改1号", issued_on=D(2024, 3, 5), deadline=D(2024, 3, 20),
                             hazards=[ha, hb])  # fmt: skip
    assert refused.value.message == ORDER_HAZARD_OTHER_INSPECTION.format(description="消防通道堵塞")
    services.order_issue(
        inspection=a, number="责改1号", issued_on=D(2024, 3, 5), deadline=D(2024, 3, 20), hazards=[ha]
    )
    with pytest.raises(ExecutionError) as refused:
        services.order_issue(inspection=a, number="责改2号", issued_on=D(2024, 3, 6), deadline=D(2024, 3, 21),
                             hazards=[ha])  # fmt: skip
    assert refused.value.message == ORDER_HAZARD_ALREADY_ORDERED.format(
        description="配电箱未接地", number="责改1号"
    )
    with pytest.raises(ExecutionError) as refused:
        services.hazard_record(inspection=b, description="安全出口锁闭", deadline=D(2024, 3, 1))
    assert refused.value.message == HAZARD_DEADLINE_BEFORE_FOUND.format(
        deadline=D(2024, 3, 1), found=D(2024, 3, 6)
    )
