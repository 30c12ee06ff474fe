"""The published inspection-item list (涉企行政检查事项清单) and its history.

Each publication is a complete new version of the list with its date and document number. Publishing withdraws
every item still in force on the publication date, so on any day exactly one version is in force and an
inspection may tick only that version's items (`item_problem`, used by `inspection_record`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction

from anjian.registry.models import Agency

from .errors import ExecutionError
from .models import InspectionItem, ItemListPublication
from .selectors import publication_in_force

ITEM_LIST_EMPTY = "检查事项清单不能为空"
ITEM_LIST_NO_DOCUMENT = "公布检查事项清单须填写公布文号"
ITEM_LIST_DOCUMENT_TAKEN = "公布文号{number}已用于{date}公布的检查事项清单"
ITEM_LIST_BEFORE_LATEST = "公布日期{date}早于现行检查事项清单（{number}）的公布日期{latest}"
ITEM_LIST_DUPLICATE = "检查事项“{name}”在清单中重复"
ITEM_LIST_ITEM_INCOMPLETE = "清单第{index}项须填写检查事项名称和检查依据"
ITEM_OTHER_AGENCY = "检查事项“{name}”属于{owner}的清单，不是{agency}的"
ITEM_NOT_PUBLISHED = "检查事项“{name}”在{date}不在已公布的检查事项清单中"
ITEM_NOT_LATEST = "检查事项“{name}”属于已被替代的清单（{old}），{date}施行的是{number}"


@dataclass(frozen=True)
class ItemSpec:
    """One line of a list to publish."""

    name: str
    basis: str
    subject: str = ""


@transaction.atomic
def item_list_publish(
    *,
    agency: Agency,
    published_on: dt.date,
    document_no: str,
    items: Sequence[ItemSpec],
    by: str = "",
    title: str = "",
    year: int | None = None,
) -> ItemListPublication:
    """Publish a new version of the list; the items in force until now are withdrawn on `published_on`."""
    document_no = document_no.strip()
    if not document_no:
        raise ExecutionError("item_list_no_document", ITEM_LIST_NO_DOCUMENT)
    if not items:
        raise ExecutionError("item_list_empty", ITEM_LIST_EMPTY)
    taken = ItemListPublication.objects.filter(agency=agency, document_no=document_no).first()
    if taken:
        raise ExecutionError("item_list_document_taken", ITEM_LIST_DOCUMENT_TAKEN.format(
            number=document_no, date=taken.published_on))  # fmt: skip
    latest = ItemListPublication.objects.filter(agency=agency).order_by("-published_on", "-pk").first()
    if latest and published_on < latest.published_on:
        raise ExecutionError("item_list_before_latest", ITEM_LIST_BEFORE_LATEST.format(
            date=published_on, number=latest.document_no, latest=latest.published_on))  # fmt: skip
    seen: set[str] = set()
    for index, spec in enumerate(items, start=1):
        if not (spec.name.strip() and spec.basis.strip()):
            raise ExecutionError("item_list_item_incomplete", ITEM_LIST_ITEM_INCOMPLETE.format(index=index))
        if spec.name.strip() in seen:
            raise ExecutionError("item_list_duplicate", ITEM_LIST_DUPLICATE.format(name=spec.name.strip()))
        seen.add(spec.name.strip())
    publication = ItemListPublication(agency=agency, year=year or published_on.year, document_no=document_no,
                                      title=title, published_on=published_on, published_by=by)  # fmt: skip
    publication.full_clean()
    publication.save()
    InspectionItem.objects.filter(agency=agency, withdrawn_on__isnull=True).update(withdrawn_on=published_on)
    for order, spec in enumerate(items, start=1):
        item = InspectionItem(agency=agency, publication=publication, name=spec.name.strip(),
                              basis=spec.basis.strip(), subject=spec.subject.strip(), published_on=published_on,
                              sort_order=order)  # fmt: skip
        item.full_clean()
        item.save()
    return publication


def item_problem(item: InspectionItem, *, agency: Agency, day: dt.date) -> tuple[str, str] | None:
    """(code, message) when `item` may not be ticked by `agency` on `day`; None when it may."""
    if item.agency_id != agency.pk:
        return "item_other_agency", ITEM_OTHER_AGENCY.format(name=item.name, owner=item.agency.name,
                                                             agency=agency.name)  # fmt: skip
    withdrawn = item.withdrawn_on is not None and item.withdrawn_on <= day
    if withdrawn and item.publication_id and item.published_on <= day:
        current = publication_in_force(agency=agency, day=day)
        if current is not None and current.pk != item.publication_id:
            return "item_not_latest", ITEM_NOT_LATEST.format(
                name=item.name, old=item.publication.document_no, date=day, number=current.document_no)  # fmt: skip
    if item.published_on > day or withdrawn:
        return "item_not_published", ITEM_NOT_PUBLISHED.format(name=item.name, date=day)
    return None
