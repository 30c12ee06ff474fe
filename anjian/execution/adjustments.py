"""Plan adjustments (计划调整): a new version with its reason and decision date, the diff against the previous
version, and the filing deadlines — internal filing, and for a major adjustment re-approval and upward filing."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from anjian.planning.execution.deadlines import Deadline, track
from anjian.planning.execution.diff import EntrySnapshot, diff_versions, is_major
from anjian.plans.models import Plan, PlanVersion
from anjian.plans.schedule_carry import schedule_carry_forward
from anjian.plans.services import pack_for, plan_compile

from .errors import ExecutionError
from .models import PlanAdjustment

ADJUSTMENT_NO_VERSION = "{plan}尚无已编制的版本，不能调整"
ADJUSTMENT_NOT_ANNUAL = "{plan}不是年度监督检查计划；专项检查计划的调整请重新编制该专项计划"
ADJUSTMENT_NO_REASON = "计划调整须说明原因"


def snapshot(version: PlanVersion) -> list[EntrySnapshot]:
    return [
        EntrySnapshot(e.enterprise_id, e.enterprise.name, e.category, e.visits_per_year, tuple(e.quarters),
                      tuple(sorted(o.name for o in e.responsible_offices.all())))
        for e in version.entries.select_related("enterprise").prefetch_related("responsible_offices")
    ]  # fmt: skip


@transaction.atomic
def plan_adjust(
    *,
    plan: Plan,
    reason: str,
    decision_date: dt.date,
    by: str = "",
    major: bool | None = None,
    documents: list[str] | None = None,
) -> PlanAdjustment:
    """Recompile the plan as a new version (registry and overrides as they stand now) and record the adjustment.

    `major` left None lets the core decide from the diff (key list or responsible offices changed)."""
    if not reason.strip():
        raise ExecutionError("adjustment_no_reason", ADJUSTMENT_NO_REASON)
    if plan.kind != Plan.Kind.ANNUAL:
        raise ExecutionError("adjustment_not_annual", ADJUSTMENT_NOT_ANNUAL.format(plan=plan))
    old = plan.current_version()
    if old is None:
        raise ExecutionError("adjustment_no_version", ADJUSTMENT_NO_VERSION.format(plan=plan))
    before = snapshot(old)
    new = plan_compile(agency=plan.agency, year=plan.year, by=by, reason=reason, adjustment=True)
    schedule_carry_forward(old=old, new=new)  # the visits of unchanged entries keep their dates and officers
    after = snapshot(new)
    changes = diff_versions(before, after)
    major = is_major(changes, before, after) if major is None else major
    new.decision_date, new.is_major_adjustment = decision_date, major
    new.full_clean()
    new.save(update_fields=["decision_date", "is_major_adjustment"])
    row = PlanAdjustment(
        plan=plan, old_version=old, new_version=new, reason=reason, decision_date=decision_date, is_major=major,
        diff=[{"change": str(c.change), "enterprise_id": c.enterprise_id, "name": c.name, "field": c.field,
               "old": c.old, "new": c.new, "message": c.message} for c in changes],
        documents=list(documents or []),
    )  # fmt: skip
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def adjustment_file(
    *,
    adjustment: PlanAdjustment,
    internal_filed_on: dt.date | None = None,
    reapproved_on: dt.date | None = None,
    upward_filed_on: dt.date | None = None,
    document: str = "",
) -> PlanAdjustment:
    for name, value in (("internal_filed_on", internal_filed_on), ("reapproved_on", reapproved_on),
                        ("upward_filed_on", upward_filed_on)):  # fmt: skip
        if value is not None:
            setattr(adjustment, name, value)
    if document:
        adjustment.documents = [*adjustment.documents, document]
    adjustment.full_clean()
    adjustment.save()
    return adjustment


def adjustment_deadlines(adjustment: PlanAdjustment, today: dt.date | None = None) -> list[Deadline]:
    """Internal filing always; re-approval and upward filing when the adjustment is major."""
    today = today or timezone.localdate()
    pack = pack_for(adjustment.plan.agency)
    start = adjustment.decision_date
    out = [
        track(
            pack, "adjustment.internal_filing", "计划调整内部备案", start, adjustment.internal_filed_on, today
        )
    ]
    if adjustment.is_major:
        out += [
            track(pack, "adjustment.reapproval", "重大调整重新报批", start, adjustment.reapproved_on, today),
            track(
                pack,
                "adjustment.reapproval",
                "重大调整报上一级备案",
                start,
                adjustment.upward_filed_on,
                today,
            ),
        ]
    return out
