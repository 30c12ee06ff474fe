"""Staffing-table checks (人员配置情况表): column sums against the printed 合计 row, on roll plus
seconded against the headcount the text states, enforcing officers against those the sheet
multiplies, blank cells."""

from __future__ import annotations

from anjian.planning.review.findings import Finding, Severity, Where
from anjian.planning.rules import RulePack
from anjian.planning.workdays.compute import SheetResult
from anjian.planning.workdays.model import STAFFING_COLUMNS, STAFFING_LABELS, StaffingTable, Team

STAFFING_COLUMN_SUM = "{column}各行合计 {computed} 人，合计行印刷为 {stated} 人"
STAFFING_HEADCOUNT = (
    "在编 {on_roll} 人 + 借调 {seconded} 人 = {computed} 人，与正文“{label} {stated} 人”不一致{hint}"
)
STAFFING_HEADCOUNT_HINT = "（按合计行印刷的借调 {printed} 人计才是 {alt} 人）"
STAFFING_ENFORCING = (
    "参加执法人员：在编 {on_roll} 人 + 借调 {seconded} 人 = {computed} 人，"
    "与测算所乘的执法人员 {officers} 人不一致"
)
STAFFING_BLANK = "“{name}”行的{columns}为空"
STAFFING_TABLE = "人员配置情况表"


def _sum(table: StaffingTable, column: str) -> int:
    return sum(getattr(r, column) or 0 for r in table.rows)


def _check_table(table: StaffingTable, team: Team | None) -> list[Finding]:
    found = []
    where = Where(team=team.name if team else table.team_id, section=STAFFING_TABLE)
    sums = {c: _sum(table, c) for c in STAFFING_COLUMNS}
    stated = table.stated
    for column in STAFFING_COLUMNS:
        printed = getattr(stated, column) if stated else None
        if printed is not None and printed != sums[column]:
            found.append(
                Finding(
                    "staffing_column_sum",
                    Severity.ERROR,
                    where,
                    STAFFING_COLUMN_SUM.format(
                        column=STAFFING_LABELS[column], computed=sums[column], stated=printed
                    ),
                )
            )
    if team is not None and team.staff is not None:
        headcount = sums["on_roll"] + sums["seconded"]
        if headcount != team.staff:
            printed_seconded = stated.seconded if stated else None
            hint = ""
            if printed_seconded is not None and sums["on_roll"] + printed_seconded == team.staff:
                hint = STAFFING_HEADCOUNT_HINT.format(printed=printed_seconded, alt=team.staff)
            found.append(
                Finding(
                    "staffing_headcount",
                    Severity.ERROR,
                    where,
                    STAFFING_HEADCOUNT.format(
                        on_roll=sums["on_roll"],
                        seconded=sums["seconded"],
                        computed=headcount,
                        label=team.staff_label or "在册人员",
                        stated=team.staff,
                        hint=hint,
                    ),
                )
            )
        enforcing = sums["on_roll_enforcing"] + sums["seconded_enforcing"]
        if enforcing != team.officers:
            found.append(
                Finding(
                    "staffing_enforcing",
                    Severity.ERROR,
                    where,
                    STAFFING_ENFORCING.format(
                        on_roll=sums["on_roll_enforcing"],
                        seconded=sums["seconded_enforcing"],
                        computed=enforcing,
                        officers=team.officers,
                    ),
                )
            )
    for row in table.rows:
        blank = [STAFFING_LABELS[c] for c in STAFFING_COLUMNS if getattr(row, c) is None]
        if blank:
            found.append(
                Finding(
                    "staffing_blank",
                    Severity.INFO,
                    Where(where.team, section=STAFFING_TABLE, item=row.name),
                    STAFFING_BLANK.format(name=row.name, columns="、".join(blank)),
                )
            )
    return found


def check_staffing(result: SheetResult, pack: RulePack) -> list[Finding]:
    teams = {t.team.id: t.team for t in result.teams}
    found = []
    for table in result.sheet.staffing:
        found += _check_table(table, teams.get(table.team_id))
    return found
