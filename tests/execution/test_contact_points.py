"""基层联系点: assignment within the agency's remit, feedback, replies, and the list still waiting for a reply."""

import datetime as dt

import pytest

from anjian.execution.contact_points import (
    CONTACT_ENTERPRISE_OUTSIDE,
    CONTACT_OFFICE_OTHER_AGENCY,
    contact_feedback_answer,
    contact_feedback_record,
    contact_point_assign,
)
from anjian.execution.selectors import feedback_unanswered
from anjian.execution.services import ExecutionError
from anjian.registry.models import Enterprise, Office

D = dt.date


@pytest.fixture
def remit(lv):
    agency = lv.plan.agency
    own = Enterprise.objects.filter(agency=agency).order_by("pk").first()
    lower = Enterprise.objects.exclude(agency=agency).filter(agency__parent=agency).order_by("pk").first()
    office = Office.objects.get(agency=agency, name="煤矿安全综合科")
    return agency, own, lower, office


def test_contact_point_may_be_any_unit_of_the_agency_or_its_lower_agencies(remit):
    agency, own, lower, office = remit
    point = contact_point_assign(agency=agency, enterprise=own, year=2024, office=office)
    assert (point.office, point.year) == (office, 2024)
    assert contact_point_assign(agency=agency, enterprise=lower, year=2024).office is None
    with pytest.raises(ExecutionError) as twice:
        contact_point_assign(agency=agency, enterprise=own, year=2024)
    assert twice.value.code == "contact_already_assigned"


def test_unit_outside_the_remit_and_office_of_another_agency_are_refused(remit, county_bureau):
    agency, own, _, _ = remit
    stranger = Enterprise.objects.create(agency=county_bureau, name="夏县某公司", uscc="91140828MA0000001X",
                                         industry="hazchem")  # fmt: skip
    with pytest.raises(ExecutionError) as outside:
        contact_point_assign(agency=agency, enterprise=stranger, year=2024)
    assert outside.value.message == CONTACT_ENTERPRISE_OUTSIDE.format(name="夏县某公司", agency=agency.name)
    other_office = Office.objects.filter(agency=county_bureau).first()
    with pytest.raises(ExecutionError) as office:
        contact_point_assign(agency=agency, enterprise=own, year=2024, office=other_office)
    assert office.value.message == CONTACT_OFFICE_OTHER_AGENCY.format(
        office=other_office.name, agency=agency.name
    )


def test_feedback_stays_on_the_unanswered_list_until_a_reply_is_recorded(remit):
    agency, own, lower, office = remit
    first = contact_point_assign(agency=agency, enterprise=own, year=2024, office=office)
    second = contact_point_assign(agency=agency, enterprise=lower, year=2024)
    early = contact_feedback_record(contact_point=first, date=D(2024, 3, 2), content="希望减少重复检查")
    late = contact_feedback_record(contact_point=second, date=D(2024, 4, 9), content="申请标准化培训")
    assert list(feedback_unanswered(agency=agency)) == [early, late]
    with pytest.raises(ExecutionError) as backwards:
        contact_feedback_answer(feedback=early, response="已协调", answered_on=D(2024, 3, 1))
    assert backwards.value.code == "answer_before_feedback"
    contact_feedback_answer(
        feedback=early, response="已与执法支队合并检查", answered_on=D(2024, 3, 8), by="张科长"
    )
    assert list(feedback_unanswered(agency=agency, year=2024)) == [late]
    assert list(feedback_unanswered(agency=agency, year=2025)) == []
    for bad in ({"date": D(2024, 5, 1), "content": "  "}, {"date": D(2025, 1, 3), "content": "跨年反馈"}):
        with pytest.raises(ExecutionError):
            contact_feedback_record(contact_point=first, **bad)
