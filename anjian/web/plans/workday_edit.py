"""The workday-sheet editor of the wizard: factor inputs per line, live totals (htmx preview), save + recompile.

Element ids (for tests and the browser): per team `sheet-<team>-form`, `sheet-<team>-totals` with the cells
`sheet-<team>-{total,supervision,other,non,need,overtime}`, `sheet-<team>-reason`, `sheet-<team>-save`; per line
a row `line-<team>-<n>` carrying `data-line-key` and `data-line-title`, whose inputs carry `data-factor`
(units, visits, groups, persons, days, months, or lump) and have the id `line-<team>-<n>-<factor>`.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from anjian.planning.workdays import SheetInputError
from anjian.planning.workdays.edits import LUMP_LABEL, LineEdit, line_key
from anjian.planning.workdays.model import CATEGORY_LABELS, FACTOR_LABELS, number_text
from anjian.plans.models import PlanVersion
from anjian.plans.models import WorkdaySheet as SheetRow
from anjian.plans.workday_edits import stored_team, workday_line_edits_save, workday_preview

from ..access import business_view, require_draft, require_edit, version_get

WORKDAY_VALUE_EMPTY = "{team}「{title}」的{label}不能为空"
WORKDAY_VALUE_NOT_NUMBER = "{team}「{title}」的{label}“{value}”不是数字"
WORKDAY_STALE_VERSION = "本计划已编制了新的版本（第 {number} 版），请刷新页面后再修改"
WORKDAY_EDIT_SAVED = "已保存{team}的 {count} 项工作日测算修改，并编制第 {number} 版"
TOTALS = (
    ("total", "总法定工作日", "total_days"), ("supervision", "监督检查工作日", "supervision_days"),
    ("other", "其他执法工作日", "other_enforcement_days"), ("non", "非执法工作日", "non_enforcement_days"),
    ("need", "实际所需工作日", "need_days"), ("overtime", "需加班工作日", "overtime_days"),
)  # fmt: skip


def _values(item) -> dict[str, Decimal]:  # a core LineItem
    """What the editor offers for a line: its lump sum, or the factors it gives."""
    return {"lump": item.lump} if item.is_lump else item.given_factors()


def _label(name: str) -> str:
    return LUMP_LABEL if name == "lump" else FACTOR_LABELS[name]


def totals_panel(row: SheetRow, result=None, errors=(), changed_lines=()) -> dict:
    """The stored figures of a team beside the previewed ones (the stored ones again when there is no preview)."""
    totals = result.totals if result is not None else None
    rows = []
    for key, label, field in TOTALS:
        stored = getattr(row, field)
        value = getattr(totals, field) if totals is not None else stored
        rows.append({"id": key, "label": label, "stored": number_text(stored), "value": number_text(value),
                     "changed": value != stored})  # fmt: skip
    return {"team_id": row.data.get("team_id", ""), "rows": rows, "errors": list(errors),
            "changed_lines": list(changed_lines)}  # fmt: skip


def sheet_panels(version: PlanVersion) -> list[dict]:
    """Each stored team sheet with its lines ready for the page: title, category, formula, editable values."""
    panels = []
    for row in version.sheets.order_by("pk"):
        team = stored_team(row)
        lines = []
        for n, (item, data) in enumerate(zip(team.items, row.data.get("items", []), strict=True)):
            inputs = [{"name": name, "label": _label(name), "value": number_text(v), "id": f"line-{team.id}-{n}-{name}"}
                      for name, v in _values(item).items()]  # fmt: skip
            lines.append({
                "n": n, "key": line_key(item), "title": item.title, "category": CATEGORY_LABELS[item.category],
                "section": "／".join(item.section), "formula": data.get("formula", ""), "days": number_text(item.result),
                "note": data.get("note", ""), "edit_reason": data.get("edit_reason", ""), "inputs": inputs,
            })  # fmt: skip
        panels.append({"sheet": row, "team_id": team.id, "lines": lines, "totals": totals_panel(row)})
    return panels


def _sheet_row(version: PlanVersion, team_id: str) -> SheetRow:
    row = next((r for r in version.sheets.all() if r.data.get("team_id") == team_id), None)
    if row is None:
        raise Http404("没有这个测算单位")
    return row


def posted_edits(row: SheetRow, post) -> tuple[list[LineEdit], list[str]]:  # a QueryDict
    """Edits for the lines whose posted values differ from the stored ones; each carries all the line's values."""
    team = stored_team(row)
    edits, errors = [], []
    for n, item in enumerate(team.items):
        stored = _values(item)
        posted = dict(stored)
        for name in stored:
            raw = post.get(f"{n}-{name}")
            if raw is None:
                continue
            where = {"team": team.name, "title": item.title, "label": _label(name)}
            if not raw.strip():
                errors.append(WORKDAY_VALUE_EMPTY.format(**where))
                continue
            try:
                value = Decimal(raw.strip())
                if not value.is_finite():
                    raise InvalidOperation
            except InvalidOperation:
                errors.append(WORKDAY_VALUE_NOT_NUMBER.format(**where, value=raw.strip()))
                continue
            posted[name] = value
        if posted != stored:
            lump = posted.pop("lump", None)
            edits.append(LineEdit.of(team.id, line_key(item), posted, lump))
    return edits, errors


def _changed_lines(row: SheetRow, result) -> list[dict]:  # a core TeamResult
    before = stored_team(row).items
    return [{"title": old.title, "before": number_text(old.result), "after": number_text(new.result)}
            for old, new in zip(before, result.team.items, strict=True) if old.result != new.result]  # fmt: skip


def _checked(scope, plan_id: int, post) -> tuple[PlanVersion, SheetRow, str]:
    version = version_get(scope, plan_id)
    require_edit(scope, version.plan.agency_id)
    require_draft(version.plan)
    row = _sheet_row(version, post.get("team", ""))
    stale = post.get("version") not in (None, str(version.number))
    return version, row, WORKDAY_STALE_VERSION.format(number=version.number) if stale else ""


@require_POST
@business_view
def workday_preview_view(request, scope, plan_id: int):
    """htmx: the team's totals fragment recomputed with the posted values; nothing is saved."""
    version, row, stale = _checked(scope, plan_id, request.POST)
    edits, errors = posted_edits(row, request.POST)
    result = None
    if stale:
        errors = [stale]
    elif not errors:
        try:
            result = workday_preview(version=version, team_id=row.data["team_id"], edits=edits)
        except SheetInputError as err:
            errors = [p.message for p in err.problems]
    changed = _changed_lines(row, result) if result is not None else ()
    panel = totals_panel(row, result, errors, changed)
    return render(request, "web/workday_totals.html", {"p": panel})


@require_POST
@business_view
def workday_save(request, scope, plan_id: int):
    """Store the changed lines with the reason and recompile; the new version holds the new sheet and review."""
    version, row, stale = _checked(scope, plan_id, request.POST)
    back = redirect("web:plan_workdays", plan_id=version.plan_id)
    edits, errors = posted_edits(row, request.POST)
    for message in [stale] if stale else errors:
        messages.error(request, message)
    if stale or errors:
        return back
    try:
        new = workday_line_edits_save(
            plan=version.plan,
            edits=edits,
            reason=request.POST.get("reason", ""),
            by=request.user.get_username(),
        )
    except ValidationError as err:
        for message in err.messages:
            messages.error(request, message)
        return back
    except SheetInputError as err:
        for p in err.problems:
            messages.error(request, p.message)
        return back
    messages.success(request, WORKDAY_EDIT_SAVED.format(team=row.team, count=len(edits), number=new.number))
    return back
