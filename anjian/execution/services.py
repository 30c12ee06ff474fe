"""Execution use cases: record an inspection (checked by the core first), hazards, orders, reviews, penalties.

Each service is keyword-only and atomic and validates before it saves; the rules live in the core
(anjian.planning.execution) and in the rule pack."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from django.db import transaction

from anjian.planning.execution.deadlines import deadline_rule, due_date
from anjian.planning.execution.entry_check import EntryCheck, OfficerOnDuty, ProposedVisit, check_entry
from anjian.planning.facts import Level
from anjian.planning.rules import RulePack
from anjian.plans.models import PlanEntry
from anjian.plans.services import pack_for
from anjian.registry.models import Agency, Enterprise, Office, Officer

from .errors import ExecutionError
from .item_lists import ITEM_NOT_PUBLISHED, item_problem  # noqa: F401 - ITEM_NOT_PUBLISHED re-exported
from .models import Hazard, Inspection, PenaltyDecision, RectificationOrder, ReportSubmission, Review
from .selectors import entry_facts

INSPECTION_NEEDS_APPROVAL = "本次检查须经批准方可录入：{reasons}"
INSPECTION_BLOCKED = "本次检查不能录入：{reasons}"
INSPECTION_ENTRY_NOT_IN_PLAN = "计划单位{name}不属于{agency}的计划，不能关联"
INSPECTION_ENTRY_OTHER_UNIT = "所关联的计划单位是{planned}，与被检查单位{name}不一致"
INSPECTION_PLANNED_WITHOUT_ENTRY = (
    "计划内检查须关联计划单位；计划外检查请选择投诉举报、事故调查、专项行动或上级交办"
)
QUIZ_PASSED_OVER_TESTED = "考试合格人数{passed}多于参考人数{tested}"
REVIEW_ORDER_OPEN = "整改指令{number}的整改期限为{deadline}，{day}尚未到期且企业未申请复查"
PUBLICATION_BEFORE_DECISION = "公示日期{published}早于处罚决定日期{decided}"
HAZARD_DEADLINE_BEFORE_FOUND = "整改期限{deadline}早于隐患发现日期{found}"
ORDER_DEADLINE_BEFORE_ISSUE = "整改期限{deadline}早于指令书下达日期{issued}"
ORDER_HAZARD_OTHER_INSPECTION = "隐患「{description}」不是本次检查发现的，不能列入本指令书"
ORDER_HAZARD_ALREADY_ORDERED = "隐患「{description}」已列入整改指令{number}"
ORDER_NO_HAZARDS = "整改指令书至少须列入一项本次检查发现的隐患"
REPORT_NUMBER_OUT_OF_RANGE = "{kind}的期数应为1至{last}"
PERIODS_IN_YEAR = {"month": 12, "quarter": 4, "year": 1}


def check_inspection(
    *,
    agency: Agency,
    enterprise: Enterprise,
    date: dt.date,
    officers: Sequence[Officer],
    kind: str = "routine",
    on_site: bool = True,
    exclude: int | None = None,
    pack: RulePack | None = None,
) -> EntryCheck:
    """What the core says about recording this visit (cap, quiet period, upper level, officers)."""
    pack = pack or pack_for(agency)
    tallies, month_days, upper = entry_facts(enterprise=enterprise, day=date, exclude=exclude)
    upper = [u for u in upper if u.agency != agency.name]
    visit = ProposedVisit(enterprise.pk, date, Level(agency.level), kind, on_site, agency.pk)
    duty = [OfficerOnDuty(o.name, o.certificate_no, o.certificate_valid_until) for o in officers]
    return check_entry(visit, enterprise.to_domain(), pack=pack, tallies=tallies, month_entry_days=month_days,
                       upper_entries=upper, officers=duty)  # fmt: skip


@transaction.atomic
def inspection_record(
    *,
    agency: Agency,
    enterprise: Enterprise,
    date: dt.date,
    officers: Sequence[Officer],
    offices: Sequence[Office] = (),
    plan_entry: PlanEntry | None = None,
    origin: str = Inspection.Origin.PLANNED,
    kind: str = Inspection.Kind.ROUTINE,
    on_site: bool = True,
    approved_by: str = "",
    approval_note: str = "",
    items: Sequence = (),
    pack: RulePack | None = None,
    **fields,
) -> Inspection:
    """Record an inspection. Refused when the core blocks it (officers), or when it warns (over the cap, quiet
    period, upper level just there) and no approval (`approved_by` and `approval_note`) is given."""
    if plan_entry is not None:
        if plan_entry.enterprise_id != enterprise.pk:
            raise ExecutionError("inspection_entry_other_unit", INSPECTION_ENTRY_OTHER_UNIT.format(
                planned=plan_entry.enterprise.name, name=enterprise.name))  # fmt: skip
        if plan_entry.version.plan.agency_id != agency.pk:
            raise ExecutionError("inspection_entry_not_in_plan", INSPECTION_ENTRY_NOT_IN_PLAN.format(
                name=enterprise.name, agency=agency.name))  # fmt: skip
    elif origin == Inspection.Origin.PLANNED:
        raise ExecutionError("inspection_planned_without_entry", INSPECTION_PLANNED_WITHOUT_ENTRY)
    check = check_inspection(agency=agency, enterprise=enterprise, date=date, officers=officers, kind=kind,
                             on_site=on_site, pack=pack)  # fmt: skip
    reasons = "；".join(f.message for f in check.findings if f.severity == "error")
    if check.blocked:
        raise ExecutionError("inspection_blocked", INSPECTION_BLOCKED.format(reasons=reasons), check.findings)
    if check.needs_approval and not (approved_by.strip() and approval_note.strip()):
        reasons = "；".join(f.message for f in check.findings if f.severity == "warning")
        raise ExecutionError("inspection_needs_approval", INSPECTION_NEEDS_APPROVAL.format(reasons=reasons),
                             check.findings)  # fmt: skip
    for item in items:
        if problem := item_problem(item, agency=agency, day=date):
            raise ExecutionError(*problem)
    if fields.get("quiz_passed", 0) > fields.get("quiz_tested", 0):
        raise ExecutionError("quiz_passed_over_tested", QUIZ_PASSED_OVER_TESTED.format(
            passed=fields["quiz_passed"], tested=fields.get("quiz_tested", 0)))  # fmt: skip
    row = Inspection(
        agency=agency, enterprise=enterprise, plan_entry=plan_entry, origin=origin, kind=kind, on_site=on_site,
        date=date, approved_by=approved_by, approval_note=approval_note,
        warnings=[{"code": f.code, "severity": str(f.severity), "message": f.message, "basis": f.basis}
                  for f in check.findings],
        **fields,
    )  # fmt: skip
    row.full_clean()
    row.save()
    row.officers.set(officers)
    row.offices.set(offices or {o.office for o in officers if o.office.agency_id == agency.pk})
    row.items.set(items)
    return row


@transaction.atomic
def hazard_record(
    *,
    inspection: Inspection,
    description: str,
    level: str = Hazard.Level.GENERAL,
    location: str = "",
    deadline: dt.date | None = None,
    evidence: Sequence[str] = (),
    found_on: dt.date | None = None,
) -> Hazard:
    row = Hazard(inspection=inspection, description=description, level=level, location=location,
                 deadline=deadline, evidence=list(evidence), found_on=found_on or inspection.date)  # fmt: skip
    if deadline is not None and deadline < row.found_on:
        raise ExecutionError(
            "hazard_deadline_before_found",
            HAZARD_DEADLINE_BEFORE_FOUND.format(deadline=deadline, found=row.found_on),
        )
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def order_issue(
    *, inspection: Inspection, number: str, issued_on: dt.date, deadline: dt.date, hazards: Sequence[Hazard]
) -> RectificationOrder:
    """A 责令限期整改指令书 for open hazards of this inspection; the review it calls for is due `execution.review`
    after the deadline."""
    if deadline < issued_on:
        raise ExecutionError(
            "order_deadline_before_issue",
            ORDER_DEADLINE_BEFORE_ISSUE.format(deadline=deadline, issued=issued_on),
        )
    if not hazards:
        raise ExecutionError("order_no_hazards", ORDER_NO_HAZARDS)
    for h in Hazard.objects.filter(pk__in=[h.pk for h in hazards]).select_related("order"):
        if h.inspection_id != inspection.pk:
            raise ExecutionError(
                "order_hazard_other_inspection",
                ORDER_HAZARD_OTHER_INSPECTION.format(description=h.description),
            )
        if h.order is not None:
            raise ExecutionError(
                "order_hazard_already_ordered",
                ORDER_HAZARD_ALREADY_ORDERED.format(description=h.description, number=h.order.number),
            )
    row = RectificationOrder(inspection=inspection, number=number, issued_on=issued_on, deadline=deadline)
    row.full_clean()
    row.save()
    for h in Hazard.objects.filter(pk__in=[h.pk for h in hazards]):
        h.order, h.deadline = row, deadline
        h.save(update_fields=["order", "deadline"])  # one audited save per hazard
    pack = pack_for(inspection.agency)
    review = Review(order=row, due_on=due_date(deadline, deadline_rule(pack, "review"), pack))
    review.full_clean()
    review.save()
    return row


@transaction.atomic
def review_record(
    *,
    order: RectificationOrder,
    reviewed_on: dt.date,
    passed: bool,
    opinion: str = "",
    number: str = "",
    applied_on: dt.date | None = None,
) -> Review:
    """Record the 复查 of an order; on application before the deadline the due date runs from the application.
    A passed review marks the order's hazards rectified on the review date unless recorded earlier."""
    if applied_on is None and reviewed_on < order.deadline:
        raise ExecutionError("review_order_open", REVIEW_ORDER_OPEN.format(
            number=order.number, deadline=order.deadline, day=reviewed_on))  # fmt: skip
    pack = pack_for(order.inspection.agency)
    review = order.reviews.filter(reviewed_on__isnull=True).order_by("due_on").first() or Review(order=order)
    start = min(applied_on, order.deadline) if applied_on else order.deadline
    review.due_on = due_date(start, deadline_rule(pack, "review"), pack)
    review.applied_on, review.reviewed_on, review.passed = applied_on, reviewed_on, passed
    review.opinion, review.number = opinion, number
    review.full_clean()
    review.save()
    if passed:
        order.hazards.filter(rectified_on__isnull=True).update(rectified_on=reviewed_on)
    else:
        follow = Review(order=order, due_on=due_date(reviewed_on, deadline_rule(pack, "review"), pack))
        follow.full_clean()
        follow.save()
    return review


@transaction.atomic
def penalty_decide(
    *,
    inspection: Inspection,
    number: str,
    decided_on: dt.date,
    amount: Decimal = Decimal(0),
    kind: str = "罚款",
    **fields,
) -> PenaltyDecision:
    row = PenaltyDecision(inspection=inspection, number=number, decided_on=decided_on, amount=amount, kind=kind,
                          **fields)  # fmt: skip
    if row.published_on and row.published_on < decided_on:
        raise ExecutionError("publication_before_decision", PUBLICATION_BEFORE_DECISION.format(
            published=row.published_on, decided=decided_on))  # fmt: skip
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def penalty_publish(*, penalty: PenaltyDecision, published_on: dt.date) -> PenaltyDecision:
    if published_on < penalty.decided_on:
        raise ExecutionError("publication_before_decision", PUBLICATION_BEFORE_DECISION.format(
            published=published_on, decided=penalty.decided_on))  # fmt: skip
    penalty.published_on = published_on
    penalty.full_clean()
    penalty.save(update_fields=["published_on"])
    return penalty


@transaction.atomic
def report_submit(
    *,
    agency: Agency,
    year: int,
    period_kind: str,
    number: int,
    submitted_on: dt.date,
    office: Office | None = None,
    document: str = "",
) -> ReportSubmission:
    last = PERIODS_IN_YEAR.get(period_kind)
    if last is not None and not 1 <= number <= last:
        label = ReportSubmission.PeriodKind(period_kind).label
        raise ExecutionError(
            "report_number_out_of_range", REPORT_NUMBER_OUT_OF_RANGE.format(kind=label, last=last)
        )
    row = ReportSubmission(agency=agency, office=office, year=year, period_kind=period_kind, number=number,
                           submitted_on=submitted_on, document=document)  # fmt: skip
    row.full_clean()
    row.save()
    return row
