"""Reads of the registry used by imports and commands; every function is one or a few set-based queries."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar

from django.db.models import Q

from .models import Agency, Enterprise, Office

T = TypeVar("T")
CHUNK = 2000  # keeps IN (...) lists under every backend's parameter limit

AGENCY_NOT_FOUND = "找不到应急管理部门「{ref}」（可填代号或全称；已有：{known}）"
AGENCY_REQUIRED = "请用 --agency 指定导入到哪个应急管理部门（已有：{known}）"


class AgencyNotFound(LookupError):
    pass


def chunked(items: Sequence[T] | Iterable[T], size: int = CHUNK) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def agency_get(ref: str | None) -> Agency:
    """The agency whose code or full name is `ref` (short names repeat); with no ref, the only one."""
    known = "、".join(f"{a.code}（{a.name}）" for a in Agency.objects.order_by("code")[:20]) or "无"
    if not ref:
        agencies = list(Agency.objects.all()[:2])
        if len(agencies) == 1:
            return agencies[0]
        raise AgencyNotFound(AGENCY_REQUIRED.format(known=known))
    agency = Agency.objects.filter(Q(code=ref) | Q(name=ref)).first()
    if agency is None:
        raise AgencyNotFound(AGENCY_NOT_FOUND.format(ref=ref, known=known))
    return agency


def office_lookup(agency: Agency) -> dict[str, int]:
    """Every name and alias of the agency's offices → office id; a name wins over another office's alias."""
    offices = list(Office.objects.filter(agency=agency))
    lookup: dict[str, int] = {}
    for office in offices:
        for alias in office.alias_list():
            lookup.setdefault(alias, office.pk)
    lookup.update({office.name: office.pk for office in offices})
    return lookup


def enterprises_by_uscc(codes: Iterable[str]) -> dict[str, tuple[int, int]]:
    """USCC → (enterprise id, agency id) for the codes already registered under any agency."""
    found: dict[str, tuple[int, int]] = {}
    for batch in chunked(list(dict.fromkeys(codes))):
        for uscc, pk, agency_id in Enterprise.objects.filter(uscc__in=batch).values_list(
            "uscc", "id", "agency_id"
        ):
            found[uscc] = (pk, agency_id)
    return found


def enterprise_ids_by_name(agency: Agency, names: Iterable[str]) -> dict[str, list[int]]:
    """Name → ids of the agency's enterprises bearing it (several when the name is ambiguous)."""
    found: dict[str, list[int]] = {}
    for batch in chunked(list(dict.fromkeys(names))):
        for name, pk in Enterprise.objects.filter(agency=agency, name__in=batch).values_list("name", "id"):
            found.setdefault(name, []).append(pk)
    return found


def agency_names(ids: Iterable[int]) -> dict[int, str]:
    return dict(Agency.objects.filter(pk__in=set(ids)).values_list("id", "name"))


class AgencyTree(dict):  # type: ignore[type-arg]
    """Name, short name and code → Agency for an agency and every agency below it; `.ids` holds their pks."""

    ids: frozenset[int]


def agency_tree(agency: Agency) -> AgencyTree:
    tree, frontier = AgencyTree(), [agency]
    while frontier:
        for a in frontier:
            tree[a.name] = tree[a.code] = a
        frontier = list(Agency.objects.filter(parent__in=frontier))
    tree.ids = frozenset(a.pk for a in tree.values())
    return tree
