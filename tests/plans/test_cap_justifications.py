"""超上限说明: a leader's recorded reason turns an over-cap line from an error into a justified warning."""

import pytest
from django.core.exceptions import ValidationError

from anjian.audit.models import AuditEvent
from anjian.plans import services
from anjian.plans.cap_justifications import CAP_JUSTIFICATION_NEEDS_TEXT, cap_justification_record
from anjian.plans.models import CapJustification, EntryOverride


def over_cap(version):
    """Raise an at-cap unit one visit above its cap by a staff override and recompile."""
    entry = version.entries.filter(cap__status="at_cap").select_related("enterprise").first()
    plan = version.plan
    EntryOverride.objects.create(
        plan=plan,
        enterprise=entry.enterprise,
        visits_per_year=entry.visits_per_year + 1,
        reason="事故隐患复查",
    )
    new = services.plan_compile(agency=plan.agency, year=plan.year, by="测试")
    assert new.entries.get(enterprise=entry.enterprise).cap["status"] == "over_cap"
    return new, entry.enterprise


def test_justified_over_cap_line_is_a_warning_naming_the_reason_and_kept_on_recompile(xia_plan):
    version, unit = over_cap(xia_plan)
    assert version.findings.filter(code="ledger_over_cap", severity="error").exists()
    new = cap_justification_record(
        plan=xia_plan.plan, enterprise=unit, text="发生较大事故后的执法检查", approved_by="王局长",
        decision_number="夏应急发〔2025〕9号", by="xia_leader",
    )  # fmt: skip
    entry = new.entries.get(enterprise=unit)
    assert entry.cap["status"] == "justified"
    assert entry.cap_justification == "发生较大事故后的执法检查（王局长，夏应急发〔2025〕9号）"
    assert not new.findings.filter(code="ledger_over_cap").exists()
    warning = new.findings.get(code="ledger_over_cap_justified")
    assert warning.severity == "warning" and "发生较大事故后的执法检查" in warning.message
    again = services.plan_compile(agency=xia_plan.plan.agency, year=2025)
    assert again.entries.get(enterprise=unit).cap["status"] == "justified"
    assert AuditEvent.objects.filter(object_type="plans.CapJustification", action="create").count() == 1


def test_justification_without_text_is_refused(xia_plan):
    version, unit = over_cap(xia_plan)
    with pytest.raises(ValidationError) as err:
        cap_justification_record(plan=xia_plan.plan, enterprise=unit, text="  ", approved_by="王局长", by="x")
    assert err.value.messages == [CAP_JUSTIFICATION_NEEDS_TEXT]
    assert not CapJustification.objects.exists()
    assert xia_plan.plan.current_version() == version
