"""Review findings: places in a workday sheet and the JSON shape; the Finding type itself is the core's one
(anjian/planning/findings.py), re-exported here."""

from __future__ import annotations

from anjian.planning.findings import SEVERITY_LABELS, SEVERITY_ORDER, Finding, Severity, Where, severity_of
from anjian.planning.workdays.model import CATEGORY_LABELS, SECTION_SEPARATOR, Category, LineItem, Team

__all__ = [
    "SEVERITY_LABELS",
    "SEVERITY_ORDER",
    "Finding",
    "Severity",
    "Where",
    "at_category",
    "at_item",
    "finding_json",
    "severity_of",
]


def at_item(team: Team, item: LineItem) -> Where:
    return Where(
        team=team.name,
        category=CATEGORY_LABELS[item.category],
        section=SECTION_SEPARATOR.join(item.section),
        item=item.title,
    )


def at_category(team: Team, category: Category, section: tuple[str, ...] = ()) -> Where:
    return Where(team=team.name, category=CATEGORY_LABELS[category], section=SECTION_SEPARATOR.join(section))


def finding_json(f: Finding) -> dict[str, str | dict[str, str]]:
    place = f.where if isinstance(f.where, Where) else Where()
    return {
        "code": f.code,
        "severity": f.severity.value,
        "label": f.label,
        "where": str(f.where),
        "location": {
            "team": place.team,
            "category": place.category,
            "section": place.section,
            "item": place.item,
        },
        "message": f.message,
        "basis": f.basis,
    }
