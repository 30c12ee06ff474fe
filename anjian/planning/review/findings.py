"""The one shape of a review finding: code, severity, place, Chinese message, legal basis."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from anjian.planning.workdays.model import CATEGORY_LABELS, SECTION_SEPARATOR, Category, LineItem, Team


class Severity(StrEnum):
    ERROR = "error"  # the printed arithmetic is wrong
    WARNING = "warning"  # a rule or good practice is broken
    INFO = "info"  # worth a look


SEVERITY_LABELS = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True)
class Where:
    """Team / category / section / item; empty parts are left out when printed."""

    team: str = ""
    category: str = ""
    section: str = ""
    item: str = ""

    def __str__(self) -> str:
        return " / ".join(p for p in (self.team, self.category, self.section, self.item) if p) or "全表"


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    where: Where
    message: str
    basis: str = ""


def at_item(team: Team, item: LineItem) -> Where:
    return Where(
        team=team.name,
        category=CATEGORY_LABELS[item.category],
        section=SECTION_SEPARATOR.join(item.section),
        item=item.title,
    )


def at_category(team: Team, category: Category, section: tuple[str, ...] = ()) -> Where:
    return Where(team=team.name, category=CATEGORY_LABELS[category], section=SECTION_SEPARATOR.join(section))


def severity_of(value: object, default: Severity = Severity.WARNING) -> Severity:
    try:
        return Severity(str(value))
    except ValueError:
        return default


def finding_json(f: Finding) -> dict[str, str | dict[str, str]]:
    return {
        "code": f.code,
        "severity": f.severity.value,
        "where": str(f.where),
        "location": {
            "team": f.where.team,
            "category": f.where.category,
            "section": f.where.section,
            "item": f.where.item,
        },
        "message": f.message,
        "basis": f.basis,
    }
