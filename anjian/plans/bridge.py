"""The one bridge between the ORM and the planning core: rows of one bureau → core facts.

Reads only; the compile service calls it once, hands the facts to the core and saves the results.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from anjian.planning import facts
from anjian.registry.models import Agency, Enterprise, Office, Officer


@dataclass(frozen=True)
class Bureau:
    """One planning agency as the core sees it: its tree of agencies, units, offices and officers."""

    agency: facts.Agency
    agencies: dict[int, facts.Agency]
    enterprises: tuple[facts.Enterprise, ...]
    offices: tuple[facts.Office, ...]
    officers: tuple[facts.Officer, ...]
    office_names: dict[str, int]  # name and every alias → office id
    by_id: dict[int, facts.Enterprise]


def subtree_ids(agency: Agency) -> list[int]:
    """The agency and every agency below it."""
    ids, frontier = [agency.pk], [agency.pk]
    while frontier:
        frontier = list(Agency.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        ids += frontier
    return ids


def ancestors(agency: Agency) -> list[Agency]:
    chain, up = [], agency.parent
    while up is not None:
        chain.append(up)
        up = up.parent
    return chain


def enterprise_to_domain(row: Enterprise) -> facts.Enterprise:
    return replace(row.to_domain(), std_grade_valid_until=row.std_grade_valid_until)


def bureau_facts(agency: Agency) -> Bureau:
    below = subtree_ids(agency)
    agencies = {a.pk: a.to_domain() for a in [*Agency.objects.filter(pk__in=below), *ancestors(agency)]}
    rows = Enterprise.objects.filter(agency_id__in=below).prefetch_related("risk_facts").order_by("pk")
    offices = list(Office.objects.filter(agency=agency))
    names: dict[str, int] = {}
    for office in offices:
        for name in (office.name, *office.alias_list()):
            names[name] = office.pk
    officers = Officer.objects.filter(office__agency=agency).order_by("pk")
    enterprises = tuple(enterprise_to_domain(r) for r in rows)
    return Bureau(
        agency=agencies[agency.pk],
        agencies=agencies,
        enterprises=enterprises,
        offices=tuple(o.to_domain() for o in offices),
        officers=tuple(o.to_domain() for o in officers),
        office_names=names,
        by_id={e.id: e for e in enterprises},
    )
