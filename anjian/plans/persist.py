"""Saving a compiled version: its entries (with cap ledger lines), workday sheets and summary."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from anjian.planning.classify import Category
from anjian.planning.review import review_result
from anjian.planning.rules import RulePack
from anjian.planning.workdays import compute_sheet
from anjian.planning.workdays.edits import LineEdit, apply_valid_edits, line_key
from anjian.planning.workdays.files import load_sheets
from anjian.planning.workdays.model import number_text

from .bridge import Bureau
from .collect import FindingCollector
from .config import PlanConfig
from .coverage import plan_pack
from .figures import EntryFigure, plan_figures
from .models import PlanEntry, PlanVersion, WorkdaySheet
from .sectors import sector_of
from .team_staffing import team_staffing_findings


def save_entries(
    version, planned, frequencies, ledger, arranged, general_offices, bureau
) -> list[EntryFigure]:
    """One PlanEntry per planned unit, numbered within its table the way the key tables print them."""
    rows, offices, figures = [], [], []
    seq: dict[tuple[str, str], int] = {}
    ordered = sorted(
        planned,
        key=lambda c: (
            not c.is_key, sector_of(bureau.by_id[c.enterprise_id].industry).order,
            arranged.get(c.enterprise_id, {}).get("seq") or 10**6, bureau.by_id[c.enterprise_id].name,
        ),
    )  # fmt: skip
    for c in ordered:
        e = bureau.by_id[c.enterprise_id]
        sector = sector_of(e.industry)
        f = frequencies.of(e.id)
        line = ledger.line(e.id)
        row = arranged.get(e.id, {})
        category = "key" if c.is_key else "general"
        seq[category, sector.code] = seq.get((category, sector.code), 0) + 1
        quarters = tuple(row.get("quarters") or (f.quarters if f else ()))
        visits = f.visits if f else 1
        entry = PlanEntry(
            version=version, enterprise_id=e.id, category=category, sector=sector.label,
            proposed_category="key" if c.proposed == Category.KEY else "general",
            reasons=[{"code": r.code.value, "text": r.text, "basis": r.basis} for r in c.reasons],
            override_reason=c.override.reason if c.override else "",
            note=(row.get("note") or c.note)[:300], visits_per_year=visits, quarters=list(quarters),
            cooperating_units=list(row.get("cooperating_units", ())), drawn=not c.is_key,
            cap=_cap_json(line), cap_justification=_justification_text(line),
            sort_order=seq[category, sector.code],
        )  # fmt: skip
        rows.append(entry)
        if row:
            offices.append(
                [bureau.office_names[o] for o in row["responsible_units"] if o in bureau.office_names]
            )
        elif not c.is_key:
            offices.append(general_offices.get(e.id, []))
        else:
            offices.append([e.owning_office_id] if e.owning_office_id else [])
        figures.append(EntryFigure(category, sector.industry, visits, quarters, seq[category, sector.code]))
    PlanEntry.objects.bulk_create(rows)
    through = PlanEntry.responsible_offices.through
    through.objects.bulk_create(
        through(planentry_id=entry.pk, office_id=oid)
        for entry, ids in zip(rows, offices, strict=True)
        for oid in ids
    )
    return figures


def _cap_json(line) -> dict:
    if line is None:
        return {}
    return {
        "cap": line.cap.value, "label": line.cap.label, "basis": line.cap.basis, "total": line.total,
        "headroom": line.headroom, "status": str(line.status.value),
        "used": {str(level.value): n for level, n in line.used},
    }  # fmt: skip


def _justification_text(line) -> str:
    """The recorded reason of a line over its cap, with who approved it; empty unless the ledger accepted it."""
    if line is None or line.justification is None or str(line.status.value) != "justified":
        return ""
    return f"{line.justification.text.strip()}（{line.justification.by}）"[:300]


def _plain(value: Decimal | None) -> Decimal | None:
    """1305.00 from a DecimalField → 1305, so the sheet prints the edited lump like a typed one."""
    return None if value is None else Decimal(number_text(value))


def line_edits(plan) -> list[LineEdit]:
    """The plan's stored workday-line edits as core edits, oldest first."""
    return [
        LineEdit.of(
            e.team_id, e.line_key, {k: Decimal(str(v)) for k, v in (e.factors or {}).items()}, _plain(e.lump)
        )
        for e in plan.workday_edits.order_by("created_at", "pk")
    ]


def save_workdays(
    version, config: PlanConfig, pack: RulePack, figures, bureau: Bureau, found: FindingCollector
) -> None:
    """Compute the configured workday sheets, with the plan's stored line edits, against the compiled plan's
    counts, and review them. An edit whose line is gone from the files becomes an error finding."""
    if not config.workday_files:
        return
    sheet = load_sheets([Path(p) for p in config.workday_files])
    stored = {(e.team_id, e.line_key): e.reason for e in version.plan.workday_edits.all()}
    sheet, problems = apply_valid_edits(sheet, line_edits(version.plan))
    for p in problems:
        found.error("workdays", p.code, p.message, p.where)
    sheet = replace(sheet, plan=plan_figures(figures, sheet.plan))
    pack = plan_pack(pack, config)  # shares on the plan's basis and decimals, as plan show and the documents
    result = compute_sheet(sheet, pack)
    for team in result.teams:
        t = team.totals
        WorkdaySheet.objects.create(
            version=version, team=team.team.name, officers=team.team.officers,
            data={
                "team_id": team.team.id, "staff": team.team.staff, "staff_share": str(team.staff_share or ""),
                "enforcement_team": team.team.is_enforcement_team, "statutory": result.statutory.value,
                "residual": str(t.residual_supervision_days),
                "items": [_item_json(i, stored.get((team.team.id, line_key(i)))) for i in team.team.items],
            },
            total_days=t.total_days, supervision_days=t.supervision_days,
            other_enforcement_days=t.other_enforcement_days, non_enforcement_days=t.non_enforcement_days,
            need_days=t.need_days, overtime_days=t.overtime_days,
        )  # fmt: skip
    for f in review_result(result, pack):
        found.add("review", f, bureau)
    teams = [(t.team.name, t.team.officers, t.team.is_enforcement_team) for t in result.teams]
    found.extend(team_staffing_findings(teams, bureau, version.plan.year))


def _item_json(item, edit_reason: str | None) -> dict:
    return {
        "key": line_key(item), "edit_reason": edit_reason or "",
        "category": str(item.category.value), "kind": item.kind, "section": list(item.section), "title": item.title,
        "formula": item.formula(), "days": str(item.result), "note": item.note, "lump": item.is_lump,
        "sector": item.sector,
        "factors": {name: str(value) for name, value in item.given_factors().items()},
    }  # fmt: skip


def summary_of(version: PlanVersion) -> dict:
    entries = version.entries.all()
    key = [e for e in entries if e.category == "key"]
    general = [e for e in entries if e.category == "general"]
    by_sector: dict[str, dict[str, list[int]]] = {}
    for e in entries:
        cell = by_sector.setdefault(e.sector, {"key": [0, 0], "general": [0, 0]})[e.category]
        cell[0] += 1
        cell[1] += e.visits_per_year
    return {
        "key_units": len(key), "key_visits": sum(e.visits_per_year for e in key),
        "general_units": len(general), "general_visits": sum(e.visits_per_year for e in general),
        "by_sector": by_sector,
        "findings": {s: version.findings.filter(severity=s).count() for s in ("error", "warning", "info")},
    }  # fmt: skip
