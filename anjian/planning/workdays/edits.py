"""Staff edits to the lines of a workday sheet (工作日测算调整): new factors or a new lump sum for one line.

A line is named by `line_key` — category, section path and title (number + label) — which stays the same across
recompiles as long as the sheet file keeps the line's heading and wording. Edited lines lose their printed
("stated") result: it belonged to the old factors. Printed subtotals and totals stay, so the review shows
where the printed sheet no longer agrees with the edited one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

from anjian.planning.workdays.inputs import InputProblem, SheetInputError
from anjian.planning.workdays.model import FACTOR_LABELS, FACTORS, LineItem, Team, WorkdaySheet

LINE_KEY_SEPARATOR = " | "
EDIT_UNKNOWN_TEAM = "工作日测算中没有测算单位 {team!r}，无法修改其事项「{line}」"
EDIT_UNKNOWN_LINE = "{team}的工作日测算中没有事项「{line}」（可能已在测算文件中改名或删除），该修改未采纳"
EDIT_AMBIGUOUS_LINE = "{team}的工作日测算中有多个事项都是「{line}」，无法确定修改哪一项"
EDIT_UNKNOWN_FACTOR = "{where}：没有因子 {factor!r}，应为 户数、次数、组数、人数、天数、月数 之一"
EDIT_NEGATIVE = "{where}：{label} = {value} 不能为负数"
EDIT_NOTHING = "{where}：没有给出新的因子或总量"
EDIT_FACTORS_ON_LUMP = "{where}：该事项按总量估算，应修改总量（工作日）而不是因子"
LUMP_LABEL = "总量（工作日）"


@dataclass(frozen=True)
class LineEdit:
    """New values for one line of one team: factors by name (units, visits, …) and/or the lump sum in days."""

    team_id: str
    line_key: str
    factors: tuple[tuple[str, Decimal], ...] = ()
    lump: Decimal | None = None

    @classmethod
    def of(
        cls,
        team_id: str,
        line_key: str,
        factors: Mapping[str, Decimal] | None = None,
        lump: Decimal | None = None,
    ) -> LineEdit:
        return cls(team_id, line_key, tuple(sorted((factors or {}).items())), lump)


def line_key(item: LineItem) -> str:
    """The stable name of a line within its team: 类别 | 章节路径 | 序号 事项."""
    return LINE_KEY_SEPARATOR.join((item.category.value, "/".join(item.section), item.title))


def _line_of(team: Team, edit: LineEdit) -> tuple[int | None, InputProblem | None]:
    found = [n for n, item in enumerate(team.items) if line_key(item) == edit.line_key]
    where = f"{team.name}（{team.id}）"
    if not found:
        message = EDIT_UNKNOWN_LINE.format(team=team.name, line=edit.line_key)
        return None, InputProblem("edit_unknown_line", where, message)
    if len(found) > 1:
        message = EDIT_AMBIGUOUS_LINE.format(team=team.name, line=edit.line_key)
        return None, InputProblem("edit_ambiguous_line", where, message)
    return found[0], None


def _value_problems(item: LineItem, edit: LineEdit, where: str) -> list[InputProblem]:
    problems = []
    if not edit.factors and edit.lump is None:
        problems.append(InputProblem("edit_nothing", where, EDIT_NOTHING.format(where=where)))
    if item.is_lump and edit.factors and edit.lump is None:
        problems.append(InputProblem("edit_factors_on_lump", where, EDIT_FACTORS_ON_LUMP.format(where=where)))
    for name, value in edit.factors:
        if name not in FACTORS:
            message = EDIT_UNKNOWN_FACTOR.format(where=where, factor=name)
            problems.append(InputProblem("edit_unknown_factor", where, message))
        elif value < 0:
            message = EDIT_NEGATIVE.format(where=where, label=FACTOR_LABELS[name], value=value)
            problems.append(InputProblem("edit_negative", where, message))
    if edit.lump is not None and edit.lump < 0:
        message = EDIT_NEGATIVE.format(where=where, label=LUMP_LABEL, value=edit.lump)
        problems.append(InputProblem("edit_negative", where, message))
    return problems


def apply_valid_edits(
    sheet: WorkdaySheet, edits: Iterable[LineEdit]
) -> tuple[WorkdaySheet, list[InputProblem]]:
    """The sheet with every acceptable edit applied (in order, a later edit of a line winning), and the
    problems of the edits left out: unknown team or line, unknown factor, negative value, nothing to change."""
    teams = {t.id: t for t in sheet.teams}
    items = {t.id: list(t.items) for t in sheet.teams}
    problems: list[InputProblem] = []
    for edit in edits:
        team = teams.get(edit.team_id)
        if team is None:
            message = EDIT_UNKNOWN_TEAM.format(team=edit.team_id, line=edit.line_key)
            problems.append(InputProblem("edit_unknown_team", edit.team_id, message))
            continue
        index, problem = _line_of(team, edit)
        if index is None:
            problems.extend([problem] if problem else [])
            continue
        item = items[team.id][index]
        where = f"{team.name}「{item.title}」"
        found = _value_problems(item, edit, where)
        if found:
            problems.extend(found)
            continue
        changes: dict[str, Decimal | None] = dict(edit.factors)
        if edit.lump is not None:
            changes["lump"] = edit.lump
        items[team.id][index] = replace(item, stated=None, **changes)  # type: ignore[arg-type]
    edited = tuple(replace(t, items=tuple(items[t.id])) for t in sheet.teams)
    return replace(sheet, teams=edited), problems


def apply_edits(sheet: WorkdaySheet, edits: Iterable[LineEdit]) -> WorkdaySheet:
    """The sheet with those lines changed; raises SheetInputError naming every edit that cannot apply."""
    result, problems = apply_valid_edits(sheet, edits)
    if problems:
        raise SheetInputError(problems)
    return result
