"""Every team of the workday sheet against the officers on record: the sheet's 执法人员数 must agree with the
enforcing, certified officers of the offices the team stands for, so the staffing table and the body text of the
plan give the same totals.

A team named like an office stands for that office; otherwise an enforcement-team sheet stands for the bureau's
enforcement teams and any other sheet for its remaining offices.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .bridge import Bureau
from .models import Finding

TEAM_STAFF_DISAGREES = "工作日测算“{team}”按 {sheet} 名执法人员计算，执法人员名册中{offices}在计划年度持有效执法证参加执法的有 {registry} 人"
TEAM_NO_OFFICE = "工作日测算“{team}”在本局的股室/科室和执法队中没有对应的机构，人员配置表中找不到它"


def team_offices(name: str, is_team: bool, offices: Iterable, named: set[str]) -> list:
    """The offices a workday-sheet team stands for (see the module docstring)."""
    offices = list(offices)
    return [o for o in offices if o.name == name] or [
        o for o in offices if o.is_enforcement_team == is_team and o.name not in named
    ]


def team_staffing_findings(
    teams: Iterable[tuple[str, int, bool]], bureau: Bureau, year: int
) -> list[Finding]:
    """(team name, officers in the sheet, is an enforcement team) → findings where the registry disagrees.

    Officers count when their certificate is valid on the plan year's first day (not today)."""
    teams = list(teams)
    named = {name for name, _, _ in teams}
    enforcing: dict[int, int] = {}
    for o in bureau.officers:
        if o.certified_on(dt.date(year, 1, 1)):
            enforcing[o.office_id] = enforcing.get(o.office_id, 0) + 1
    found = []
    for name, officers, is_team in teams:
        offices = team_offices(name, is_team, bureau.offices, named)
        if not offices:
            found.append(Finding(source="workdays", code="staffing_team_missing", severity="warning",
                                 where=name, message=TEAM_NO_OFFICE.format(team=name)))  # fmt: skip
            continue
        registry = sum(enforcing.get(o.id, 0) for o in offices)
        if registry != officers:
            message = TEAM_STAFF_DISAGREES.format(
                team=name, sheet=officers, offices="、".join(o.name for o in offices), registry=registry
            )
            found.append(Finding(source="workdays", code="staffing_team_disagrees", severity="warning",
                                 where=name, message=message))  # fmt: skip
    return found
