"""The published inspection-item list: each publication replaces the previous version, and an inspection may
tick only the items of the version in force on its date."""

import datetime as dt

import pytest

from anjian.execution.item_lists import (
    ITEM_LIST_BEFORE_LATEST,
    ITEM_NOT_LATEST,
    ITEM_NOT_PUBLISHED,
    ITEM_OTHER_AGENCY,
    ItemSpec,
    item_list_publish,
    item_problem,
)
from anjian.execution.models import InspectionItem
from anjian.execution.selectors import items_in_force, publication_in_force
from anjian.execution.services import ExecutionError
from tests.execution.conftest import record

D = dt.date
FIRST = [
    ItemSpec("危险化学品登记情况", "《危险化学品登记管理办法》"),
    ItemSpec("安全生产责任制", "《安全生产法》第二十二条"),
]
SECOND = [
    ItemSpec("安全生产责任制", "《安全生产法》第二十二条"),
    ItemSpec("应急预案", "《生产安全事故应急条例》"),
]


@pytest.fixture
def lists(lv):
    agency = lv.plan.agency
    old = item_list_publish(agency=agency, published_on=D(2024, 1, 10), document_no="吕应急发〔2024〕1号",
                            items=FIRST, by="法规科", title="2024年涉企行政检查事项清单")  # fmt: skip
    new = item_list_publish(agency=agency, published_on=D(2024, 6, 1), document_no="吕应急发〔2024〕30号",
                            items=SECOND, by="法规科")  # fmt: skip
    return old, new


def entry(lv):
    return next(e for e in lv.entries.order_by("pk") if (e.cap.get("cap") or 0) >= 2)


def test_a_new_publication_withdraws_the_previous_items_and_keeps_the_history(lv, lists):
    old, new = lists
    agency = lv.plan.agency
    assert [i.name for i in old.items.all()] == ["危险化学品登记情况", "安全生产责任制"]
    assert set(old.items.values_list("withdrawn_on", flat=True)) == {D(2024, 6, 1)}
    assert set(new.items.values_list("withdrawn_on", flat=True)) == {None}
    assert publication_in_force(agency=agency, day=D(2024, 5, 31)) == old
    assert publication_in_force(agency=agency, day=D(2024, 6, 1)) == new
    assert set(items_in_force(agency=agency, day=D(2024, 3, 1))) == set(old.items.all())
    assert set(items_in_force(agency=agency, day=D(2024, 7, 1))) == set(new.items.all())


def test_inspection_ticks_only_items_of_the_list_in_force_on_its_date(lv, lists):
    old, new = lists
    e = entry(lv)
    march = record(e, D(2024, 3, 5), items=list(old.items.all()))
    assert march.items.count() == 2
    stale = old.items.get(name="安全生产责任制")
    with pytest.raises(ExecutionError) as refused:
        record(e, D(2024, 7, 2), items=[stale])
    assert refused.value.code == "item_not_latest"
    assert refused.value.message == ITEM_NOT_LATEST.format(name="安全生产责任制", old="吕应急发〔2024〕1号",
                                                           date=D(2024, 7, 2), number="吕应急发〔2024〕30号")  # fmt: skip
    july = record(e, D(2024, 7, 2), items=list(new.items.all()))
    assert {i.publication for i in july.items.all()} == {new}


def test_item_of_another_agency_cannot_be_ticked(lv, lists, county_bureau):
    foreign = InspectionItem.objects.create(agency=county_bureau, name="外单位事项", basis="某法",
                                            published_on=D(2024, 1, 1))  # fmt: skip
    with pytest.raises(ExecutionError) as refused:
        record(entry(lv), D(2024, 7, 2), items=[foreign])
    assert refused.value.message == ITEM_OTHER_AGENCY.format(name="外单位事项", owner="夏县应急管理局",
                                                             agency="吕梁市应急管理局")  # fmt: skip


def test_publication_needs_a_new_document_number_a_later_date_and_distinct_items(lv, lists):
    agency = lv.plan.agency
    with pytest.raises(ExecutionError) as taken:
        item_list_publish(
            agency=agency, published_on=D(2024, 9, 1), document_no="吕应急发〔2024〕30号", items=FIRST
        )
    assert taken.value.code == "item_list_document_taken"
    with pytest.raises(ExecutionError) as early:
        item_list_publish(
            agency=agency, published_on=D(2024, 5, 1), document_no="吕应急发〔2024〕40号", items=FIRST
        )
    assert early.value.message == ITEM_LIST_BEFORE_LATEST.format(date=D(2024, 5, 1), number="吕应急发〔2024〕30号",
                                                                 latest=D(2024, 6, 1))  # fmt: skip
    with pytest.raises(ExecutionError) as doubled:
        item_list_publish(agency=agency, published_on=D(2024, 9, 1), document_no="吕应急发〔2024〕41号",
                          items=[FIRST[0], FIRST[0]])  # fmt: skip
    assert doubled.value.code == "item_list_duplicate"
    for bad in ([], [ItemSpec("无依据事项", " ")]):
        with pytest.raises(ExecutionError):
            item_list_publish(
                agency=agency, published_on=D(2024, 9, 1), document_no="吕应急发〔2024〕42号", items=bad
            )
    assert InspectionItem.objects.filter(agency=agency, withdrawn_on__isnull=True).count() == 2


def test_an_item_may_not_be_ticked_before_its_list_is_published(lv, lists):
    old, new = lists
    agency = lv.plan.agency
    later = new.items.get(name="应急预案")  # only on the list published 2024-06-01
    assert item_problem(later, agency=agency, day=D(2024, 6, 1)) is None
    assert item_problem(later, agency=agency, day=D(2024, 5, 31)) == (
        "item_not_published",
        ITEM_NOT_PUBLISHED.format(name="应急预案", date=D(2024, 5, 31)),
    )
