"""基层联系点 (文应急发〔2025〕46号): enterprises a bureau keeps in close contact with for a year, their feedback and the
bureau's replies. Unanswered feedback is listed by `selectors.feedback_unanswered`."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from anjian.registry.models import Agency, Enterprise, Office
from anjian.registry.selectors import agency_tree

from .errors import ExecutionError
from .models import ContactFeedback, ContactPoint

CONTACT_ENTERPRISE_OUTSIDE = "{name}不在{agency}及其下级部门的监管名录中，不能作为基层联系点"
CONTACT_OFFICE_OTHER_AGENCY = "联系股室{office}不属于{agency}"
CONTACT_ALREADY_ASSIGNED = "{name}已是{agency}{year}年的基层联系点"
FEEDBACK_EMPTY = "请填写企业反馈的内容"
FEEDBACK_OUTSIDE_YEAR = "反馈日期{date}不在联系点的年度{year}年内"
ANSWER_EMPTY = "请填写处理情况"
ANSWER_BEFORE_FEEDBACK = "答复日期{answered}早于企业反馈日期{date}"


@transaction.atomic
def contact_point_assign(
    *, agency: Agency, enterprise: Enterprise, year: int, office: Office | None = None
) -> ContactPoint:
    """Make `enterprise` one of the agency's contact points for `year`, followed by `office`."""
    if enterprise.agency_id not in agency_tree(agency).ids:
        raise ExecutionError("contact_enterprise_outside", CONTACT_ENTERPRISE_OUTSIDE.format(
            name=enterprise.name, agency=agency.name))  # fmt: skip
    if office is not None and office.agency_id != agency.pk:
        raise ExecutionError("contact_office_other_agency", CONTACT_OFFICE_OTHER_AGENCY.format(
            office=office.name, agency=agency.name))  # fmt: skip
    if ContactPoint.objects.filter(agency=agency, enterprise=enterprise, year=year).exists():
        raise ExecutionError("contact_already_assigned", CONTACT_ALREADY_ASSIGNED.format(
            name=enterprise.name, agency=agency.name, year=year))  # fmt: skip
    row = ContactPoint(agency=agency, enterprise=enterprise, office=office, year=year)
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def contact_feedback_record(*, contact_point: ContactPoint, date: dt.date, content: str) -> ContactFeedback:
    if not content.strip():
        raise ExecutionError("feedback_empty", FEEDBACK_EMPTY)
    if date.year != contact_point.year:
        raise ExecutionError("feedback_outside_year", FEEDBACK_OUTSIDE_YEAR.format(
            date=date, year=contact_point.year))  # fmt: skip
    row = ContactFeedback(contact_point=contact_point, date=date, content=content.strip())
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def contact_feedback_answer(
    *, feedback: ContactFeedback, response: str, answered_on: dt.date, by: str = ""
) -> ContactFeedback:
    """Record how the feedback was handled; it then leaves the unanswered list."""
    if not response.strip():
        raise ExecutionError("answer_empty", ANSWER_EMPTY)
    if answered_on < feedback.date:
        raise ExecutionError("answer_before_feedback", ANSWER_BEFORE_FEEDBACK.format(
            answered=answered_on, date=feedback.date))  # fmt: skip
    feedback.response, feedback.answered_on, feedback.answered_by = response.strip(), answered_on, by
    feedback.full_clean()
    feedback.save(update_fields=["response", "answered_on", "answered_by"])
    return feedback
