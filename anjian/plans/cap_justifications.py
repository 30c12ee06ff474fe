"""Recording a leader's reason for visiting an enterprise above its frequency cap (超上限说明), then recompiling.

The ledger (anjian.planning.ledger) turns an over-cap line with a recorded reason from an error into a warning
that names it; plan_compile passes every stored CapJustification to it.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from anjian.registry.models import Enterprise

from .models import CapJustification, Plan, PlanVersion
from .services import plan_compile

CAP_JUSTIFICATION_NEEDS_TEXT = "超上限说明必须写明理由"
CAP_JUSTIFICATION_NEEDS_APPROVER = "超上限说明必须写明批准的局领导"
CAP_JUSTIFICATION_VERSION_REASON = "记录“{name}”超上限说明"


@transaction.atomic
def cap_justification_record(
    *, plan: Plan, enterprise: Enterprise, text: str, approved_by: str, decision_number: str = "", by: str
) -> PlanVersion:
    """Store (or replace) the plan's justification for `enterprise` and compile a new version."""
    text, approved_by = text.strip(), approved_by.strip()
    errors = {}
    if not text:
        errors["text"] = CAP_JUSTIFICATION_NEEDS_TEXT
    if not approved_by:
        errors["approved_by"] = CAP_JUSTIFICATION_NEEDS_APPROVER
    if errors:
        raise ValidationError(errors)
    row = CapJustification.objects.filter(plan=plan, enterprise=enterprise).first()
    row = row or CapJustification(plan=plan, enterprise=enterprise)
    row.text, row.approved_by, row.decision_number, row.created_by = (
        text,
        approved_by,
        decision_number.strip(),
        by,
    )
    row.full_clean()
    row.save()  # audited (before/after) by anjian.audit.hooks
    reason = CAP_JUSTIFICATION_VERSION_REASON.format(name=enterprise.name)[:300]
    return plan_compile(agency=plan.agency, year=plan.year, by=by, reason=reason)
