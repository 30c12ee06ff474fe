"""A plan adjustment makes a new version with its diff and its filing deadlines (夏应急发〔2025〕6号 四, Lüliang 2024 plan 六（六）)."""

import datetime as dt

import pytest

from anjian.execution.adjustments import adjustment_deadlines, adjustment_file, plan_adjust
from anjian.execution.services import ExecutionError
from anjian.planning.execution.deadlines import DeadlineStatus
from anjian.planning.execution.diff import DIFF_CHANGED
from anjian.plans.models import EntryOverride

D = dt.date


def test_key_list_change_is_a_major_adjustment_with_7_and_30_day_deadlines(lv):
    plan = lv.plan
    general = lv.entries.filter(category="general").select_related("enterprise").order_by("pk").first()
    EntryOverride.objects.create(
        plan=plan, enterprise=general.enterprise, category="key", reason="发生较大事故"
    )
    adj = plan_adjust(plan=plan, reason="新增重点检查单位", decision_date=D(2024, 6, 3), by="测试")
    assert adj.new_version.number == 2 and adj.old_version == lv and adj.is_major
    assert adj.new_version.decision_date == D(2024, 6, 3) and adj.new_version.is_major_adjustment
    change = next(
        c for c in adj.diff if c["enterprise_id"] == general.enterprise_id and c["field"] == "category"
    )
    assert change["message"] == DIFF_CHANGED.format(name=general.enterprise.name, field="类别", old="一般检查",
                                                    new="重点检查")  # fmt: skip
    adjustment_file(adjustment=adj, internal_filed_on=D(2024, 6, 12), document="调整备案.pdf")
    filing, reapproval, upward = adjustment_deadlines(adj, today=D(2024, 7, 10))
    assert (filing.due, filing.status, filing.days_late) == (D(2024, 6, 10), DeadlineStatus.LATE, 2)
    assert reapproval.due == upward.due == D(2024, 7, 3) and reapproval.status == DeadlineStatus.OVERDUE
    assert adj.documents == ["调整备案.pdf"]


def test_adjustment_without_change_is_minor_and_only_needs_internal_filing(lv):
    adj = plan_adjust(plan=lv.plan, reason="更正文字", decision_date=D(2024, 6, 3))
    assert not adj.is_major and adj.diff == []
    assert [d.label for d in adjustment_deadlines(adj, today=D(2024, 6, 5))] == ["计划调整内部备案"]
    with pytest.raises(ExecutionError):
        plan_adjust(plan=lv.plan, reason=" ", decision_date=D(2024, 6, 3))
