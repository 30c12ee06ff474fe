"""Plan use cases: configure, compile (classify → frequencies → draw → caps → workdays → review), all in one
transaction per call. The core computes; this module only gathers facts, calls it and saves what it returns."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from anjian.planning import classify as core_classify
from anjian.planning import frequency as core_frequency
from anjian.planning.calendar import statutory_workdays
from anjian.planning.classify import Category, Override
from anjian.planning.draw_record import draw_record_to_json
from anjian.planning.frequency import VisitsOverride
from anjian.planning.ledger import build_ledger, planned_tallies
from anjian.planning.lottery import draw, make_seed
from anjian.planning.quotas import PoolEntry, quota_rules, resolve_quotas
from anjian.planning.review import review_result
from anjian.planning.rules import RulePack, load_pack
from anjian.planning.workdays import compute_sheet
from anjian.planning.workdays.files import load_sheets
from anjian.registry.models import Agency

from .bridge import Bureau, bureau_facts
from .config import PlanConfig, read_plan_config
from .figures import EntryFigure, plan_figures
from .models import Draw, Finding, Plan, PlanEntry, PlanVersion, WorkdaySheet
from .sectors import sector_of

ARRANGEMENT_UNKNOWN_UNIT = "重点检查安排表{sector}第 {seq} 行「{name}」在单位名录中找不到"
ARRANGEMENT_UNKNOWN_OFFICE = "重点检查安排表「{name}」的责任单位「{office}」不是本局的股室/科室或执法队"
ARRANGEMENT_CONFIRMED = "列入本局重点检查安排表（{note}）"
GENERAL_UNKNOWN_OFFICE = "一般检查{stratum}的责任单位「{office}」不是本局的股室/科室或执法队"


def pack_for(agency: Agency) -> RulePack:
    return load_pack(agency.ruleset, settings.ANJIAN_RULESET_DIRS)


@transaction.atomic
def plan_configure(*, agency: Agency, year: int, path: Path) -> Plan:
    """Create or update the plan of `agency` for `year` with the bureau decisions in a plan.toml."""
    config = read_plan_config(path)
    plan, _ = Plan.objects.get_or_create(agency=agency, year=year, kind=Plan.Kind.ANNUAL)
    plan.settings = config.to_settings()
    plan.title = config.title or plan.title
    plan.doc_number = config.doc_number or plan.doc_number
    plan.full_clean()
    plan.save()
    return plan


class _Findings(list):  # type: ignore[type-arg]
    """Collects core findings of every source with the place they concern, ready to save."""

    def add(self, source: str, f, bureau: Bureau) -> None:  # noqa: ANN001 - any core Finding shape
        where = str(getattr(f, "where", "") or "")
        eid = getattr(f, "enterprise_id", None)
        if eid is not None and eid in bureau.by_id:
            where = where or bureau.by_id[eid].name
        severity = str(getattr(f.severity, "value", f.severity))
        self.append(
            Finding(
                source=source,
                code=f.code,
                severity=severity,
                where=where[:200],
                message=f.message,
                basis=(getattr(f, "basis", "") or "")[:300],
            )
        )

    def error(self, source: str, code: str, message: str, where: str = "") -> None:
        self.append(Finding(source=source, code=code, severity="error", where=where[:200], message=message))


def _arrangement(config: PlanConfig, bureau: Bureau, found: _Findings) -> dict[int, dict]:
    """Key-unit arrangement rows by enterprise id; unknown units and offices become findings."""
    by_name = {e.name: e.id for e in bureau.enterprises}
    rows: dict[int, dict] = {}
    for row in config.key_arrangement:
        eid = by_name.get(row["enterprise_name"])
        if eid is None:
            found.error(
                "classify",
                "arrangement_unknown_unit",
                ARRANGEMENT_UNKNOWN_UNIT.format(
                    sector=row["sector"], seq=row["seq"], name=row["enterprise_name"]
                ),
            )
            continue
        for office in row["responsible_units"]:
            if office not in bureau.office_names:
                found.error(
                    "classify",
                    "arrangement_unknown_office",
                    ARRANGEMENT_UNKNOWN_OFFICE.format(name=row["enterprise_name"], office=office),
                )
        rows[eid] = row
    return rows


def _overrides(plan: Plan, arranged: dict[int, dict], by: str) -> tuple[list[Override], list[VisitsOverride]]:
    """Stored staff overrides first; the confirmed key arrangement makes every unit it names key."""
    classes, visits = {}, []
    for o in plan.overrides.all():
        if o.category:
            classes[o.enterprise_id] = Override(o.enterprise_id, Category(o.category), o.reason, o.created_by)
        if o.visits_per_year:
            visits.append(VisitsOverride(o.enterprise_id, o.visits_per_year, o.reason, o.created_by))
    for eid, row in arranged.items():
        note = row["note"] or row["sector"]
        classes.setdefault(eid, Override(eid, Category.KEY, ARRANGEMENT_CONFIRMED.format(note=note), by))
    return list(classes.values()), visits


def _draw_general(
    config: PlanConfig, bureau: Bureau, general_ids: list[int], pack: RulePack, by: str, found: _Findings
):
    """The 双随机 draw of general units per sector; with mode 'all' every general unit is taken (file 000)."""
    pool = [
        PoolEntry(e.id, e.name, sector_of(e.industry).label, e.uscc, e.district_code)
        for e in (bureau.by_id[i] for i in general_ids)
    ]
    requested = {g.stratum: g.units for g in config.general}
    if config.general_mode == "all":
        requested = {p.stratum: sum(1 for q in pool if q.stratum == p.stratum) for p in pool}
    quotas, quota_findings = resolve_quotas(pool, quota_rules(pack, "intra"), requested)
    for f in quota_findings:
        found.add("draw", f, bureau)
    seed = config.seed or make_seed()
    outcome = draw(
        pool, quotas, seed, officers=bureau.officers, draw_date=timezone.localdate(),
        inspectors_per_unit=int(pack.value("lottery.inspectors_per_unit")), scope="intra", operator=by,
    )  # fmt: skip
    for f in outcome.findings:
        found.add("draw", f, bureau)
    return outcome.record


def _general_offices(config: PlanConfig, record, bureau: Bureau, found: _Findings) -> dict[int, list[int]]:
    """Responsible offices of each drawn unit: the configured split in draw order, else the owning office."""
    split = {g.stratum: g.offices for g in config.general}
    offices: dict[int, list[int]] = {}
    by_stratum: dict[str, list] = {}
    for unit in sorted(record.result, key=lambda u: (u.stratum, u.rank)):
        by_stratum.setdefault(unit.stratum, []).append(unit)
    for stratum, units in by_stratum.items():
        plan = list(split.get(stratum, ()))
        for i, unit in enumerate(units):
            owner = bureau.by_id[unit.enterprise_id].owning_office_id
            offices[unit.enterprise_id] = [owner] if owner else []
            taken = 0
            for name, n in plan:
                taken += n
                if i < taken or (name, n) == plan[-1]:
                    if name not in bureau.office_names:
                        found.error(
                            "draw",
                            "general_unknown_office",
                            GENERAL_UNKNOWN_OFFICE.format(stratum=stratum, office=name),
                        )
                    else:
                        offices[unit.enterprise_id] = [bureau.office_names[name]]
                    break
    return offices


@transaction.atomic
def plan_compile(*, agency: Agency, year: int, by: str = "", reason: str = "") -> PlanVersion:
    """Compile a new version of the agency's plan for `year` from the registry and the rule pack.

    Classification (with the bureau's confirmed key arrangement and stored overrides), frequencies, the 双随机
    draw of general units, the cap ledger, the workday sheets and the review; saved in one transaction."""
    pack = pack_for(agency)
    plan, _ = Plan.objects.get_or_create(agency=agency, year=year, kind=Plan.Kind.ANNUAL)
    config = PlanConfig.from_settings(plan.settings)
    bureau = bureau_facts(agency)
    found = _Findings()
    arranged = _arrangement(config, bureau, found)
    overrides, visit_overrides = _overrides(plan, arranged, by)

    classified = core_classify.classify(
        bureau.enterprises, planning_agency=bureau.agency, agencies=bureau.agencies, pack=pack, year=year,
        overrides=overrides,
    )  # fmt: skip
    for f in classified.findings:
        found.add("classify", f, bureau)
    general_ids = [c.enterprise_id for c in classified.general]
    record = _draw_general(config, bureau, general_ids, pack, by, found)
    drawn = {u.enterprise_id for u in record.result}
    planned = [c for c in classified.classifications if c.is_key or c.enterprise_id in drawn]
    frequencies = core_frequency.plan_frequencies(
        replace(classified, classifications=tuple(planned)),
        [bureau.by_id[c.enterprise_id] for c in planned],
        pack=pack,
        overrides=visit_overrides,
    )
    for f in frequencies.findings:
        found.add("frequency", f, bureau)
    ledger = build_ledger(
        [bureau.by_id[c.enterprise_id] for c in planned],
        planned_tallies(frequencies, bureau.agency.level, bureau.agency.id),
        pack=pack, on=classified.reference_date,
    )  # fmt: skip
    for f in ledger.findings:
        found.add("frequency", f, bureau)

    number = (plan.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = PlanVersion.objects.create(
        plan=plan, number=number, ruleset=pack.id, ruleset_chain=" → ".join(pack.chain),
        reference_date=classified.reference_date, statutory_workdays=statutory_workdays(year, pack).value,
        reason=reason or ("首次编制" if number == 1 else "重新编制"), created_by=by,
    )  # fmt: skip
    general_offices = _general_offices(config, record, bureau, found)
    figures = _save_entries(version, planned, frequencies, ledger, arranged, general_offices, bureau)
    Draw.objects.create(
        version=version, scope=record.scope, commitment=record.commitment, pool_digest=record.pool_digest,
        record=json.loads(draw_record_to_json(record)), operator=by,
    )  # fmt: skip
    _save_workdays(version, config, pack, figures, bureau, found)
    for f in found:
        f.version = version
    Finding.objects.bulk_create(found)
    version.summary = _summary(version)
    version.save(update_fields=["summary"])
    return version


def _save_entries(
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
            cap=_cap_json(line), sort_order=seq[category, sector.code],
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


def _save_workdays(
    version, config: PlanConfig, pack: RulePack, figures, bureau: Bureau, found: _Findings
) -> None:
    """Compute the configured workday sheets against the compiled plan's counts, and review them."""
    if not config.workday_files:
        return
    sheet = load_sheets([Path(p) for p in config.workday_files])
    sheet = replace(sheet, plan=plan_figures(figures, sheet.plan))
    result = compute_sheet(sheet, pack)
    for team in result.teams:
        t = team.totals
        WorkdaySheet.objects.create(
            version=version, team=team.team.name, officers=team.team.officers,
            data={
                "team_id": team.team.id, "staff": team.team.staff, "staff_share": str(team.staff_share or ""),
                "enforcement_team": team.team.is_enforcement_team, "statutory": result.statutory.value,
                "residual": str(t.residual_supervision_days), "items": [_item_json(i) for i in team.team.items],
            },
            total_days=t.total_days, supervision_days=t.supervision_days,
            other_enforcement_days=t.other_enforcement_days, non_enforcement_days=t.non_enforcement_days,
            need_days=t.need_days, overtime_days=t.overtime_days,
        )  # fmt: skip
    for f in review_result(result, pack):
        found.add("review", f, bureau)


def _item_json(item) -> dict:
    return {
        "category": str(item.category.value), "section": list(item.section), "title": item.title,
        "formula": item.formula(), "days": str(item.result), "note": item.note, "lump": item.is_lump,
        "factors": {name: str(value) for name, value in item.given_factors().items()},
    }  # fmt: skip


def _summary(version: PlanVersion) -> dict:
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
