"""Editing the lines of a compiled workday sheet: preview the totals, then store the edits and recompile.

The preview and the check before saving work on the sheet as the current version stored it (so the figures
shown beside the inputs are the baseline); the stored edits are applied to the sheet files on every compile
(persist.save_workdays), like EntryOverride is for classification.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from anjian.planning.workdays import Category, LineItem, Team, TeamResult, WorkdaySheet, compute_sheet
from anjian.planning.workdays.edits import LineEdit, apply_edits

from .models import Plan, PlanVersion, WorkdayLineEdit
from .models import WorkdaySheet as SheetRow
from .services import pack_for, plan_compile

WORKDAY_EDIT_NEEDS_REASON = "修改工作日测算必须填写理由"
WORKDAY_EDIT_NOTHING = "没有修改任何事项的因子或总量"
WORKDAY_EDIT_NOT_COMPILED = "该计划尚未编制，没有可修改的工作日测算"
WORKDAY_EDIT_VERSION_REASON = "修改工作日测算：{reason}"


def stored_team(row: SheetRow) -> Team:
    """The team of a stored sheet row as core data; every line keeps its title, factors and lump sum."""
    items = []
    for i in row.data.get("items", []):
        factors = {name: Decimal(value) for name, value in (i.get("factors") or {}).items()}
        items.append(
            LineItem(
                Category(i["category"]),
                i["title"],
                section=tuple(i.get("section") or ()),
                lump=Decimal(i["days"]) if i.get("lump") else None,
                note=i.get("note", ""),
                **factors,
            )  # fmt: skip
        )
    return Team(id=row.data.get("team_id", ""), name=row.team, officers=row.officers, items=tuple(items))


def stored_sheet(version: PlanVersion, team_id: str | None = None) -> WorkdaySheet:
    """The version's stored sheet (one team's, when named) as core data."""
    rows = version.sheets.order_by("pk")
    teams = tuple(t for t in (stored_team(r) for r in rows) if team_id is None or t.id == team_id)
    return WorkdaySheet(year=version.plan.year, teams=teams)


def workday_preview(*, version: PlanVersion, team_id: str, edits: list[LineEdit]) -> TeamResult:
    """One team's figures with the edits applied to the stored sheet; nothing is saved.
    Raises SheetInputError naming every edit that cannot apply."""
    sheet = apply_edits(stored_sheet(version, team_id), edits)
    return compute_sheet(sheet, pack_for(version.plan.agency)).team(team_id)


@transaction.atomic
def workday_line_edits_save(*, plan: Plan, edits: list[LineEdit], reason: str, by: str) -> PlanVersion:
    """Store the edits (one row per plan, team and line; a newer edit replaces the older) with the reason,
    and compile a new version whose sheets and review reflect them."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": WORKDAY_EDIT_NEEDS_REASON})
    if not edits:
        raise ValidationError(WORKDAY_EDIT_NOTHING)
    version = plan.current_version()
    if version is None:
        raise ValidationError(WORKDAY_EDIT_NOT_COMPILED)
    apply_edits(stored_sheet(version), edits)
    for edit in edits:  # each save is audited (before/after) by anjian.audit.hooks
        row = WorkdayLineEdit.objects.filter(plan=plan, team_id=edit.team_id, line_key=edit.line_key).first()
        row = row or WorkdayLineEdit(plan=plan, team_id=edit.team_id, line_key=edit.line_key)
        row.factors = {name: str(value) for name, value in edit.factors}
        row.lump, row.reason, row.created_by = edit.lump, reason[:300], by
        row.full_clean()
        row.save()
    version_reason = WORKDAY_EDIT_VERSION_REASON.format(reason=reason)[:300]
    return plan_compile(agency=plan.agency, year=plan.year, by=by, reason=version_reason)
