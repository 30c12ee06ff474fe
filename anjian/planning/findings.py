"""The one shape of a finding, from classification to review to scheduling: code, severity, where, message, basis.

`code` is for programs and tests; people read `label` (the code's Chinese name in `finding_labels.LABELS`, the one
table the workbench, the command line and the documents show), `where` and `message`. `basis` cites the rule
behind it (a rule pack's citation). A module that raises findings keeps its message templates as constants.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from anjian.planning.finding_labels import LABELS


class Severity(StrEnum):
    ERROR = (
        "error"  # blocks: the plan (or schedule) cannot be final while it stands; printed arithmetic is wrong
    )
    WARNING = "warning"  # a rule or good practice is broken
    INFO = "info"  # worth a look


SEVERITY_LABELS = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
UNLABELLED = "其他问题"


@dataclass(frozen=True)
class Where:
    """A place in a workday sheet: team / category / section / item; empty parts are left out when printed."""

    team: str = ""
    category: str = ""
    section: str = ""
    item: str = ""

    def __str__(self) -> str:
        return " / ".join(p for p in (self.team, self.category, self.section, self.item) if p) or "全表"


@dataclass(frozen=True)
class Finding:
    """One problem or notice. `where` is a readable place (a `Where` in a workday sheet); the ids, `rule` (a
    schedule rule family), `period` and `date` say more exactly what it concerns; `source` names the stage
    (classify / frequency / ledger / draw / review / schedule)."""

    code: str
    severity: Severity
    where: str | Where
    message: str
    basis: str = ""
    source: str = ""
    rule: str = ""
    enterprise_id: int | None = None
    office_id: int | None = None
    officer_id: int | None = None
    period: str = ""
    date: dt.date | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == Severity.ERROR

    @property
    def label(self) -> str:
        return label_of(self.code)


def label_of(code: str) -> str:
    """The Chinese name of a finding code (never the code itself, which people are not shown)."""
    return LABELS.get(code, UNLABELLED)


def severity_of(value: object, default: Severity = Severity.WARNING) -> Severity:
    try:
        return Severity(str(value))
    except ValueError:
        return default
