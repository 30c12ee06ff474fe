"""Plan use cases: configure, compile (classify → frequencies → draw → caps → workdays → review), all in one
transaction per call. The core computes; this module only gathers facts, calls it and saves what it returns."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from django.conf import settings
from django.db import transaction

from anjian.planning import classify as core_classify
from anjian.planning import frequency as core_frequency
from anjian.planning.calendar import statutory_workdays
from anjian.planning.classify import Category, Override
from anjian.planning.doc_number import check_doc_number
from anjian.planning.draw_record import draw_record_to_json
from anjian.planning.frequency import VisitsOverride
from anjian.planning.ledger import Justification, build_ledger, planned_tallies
from anjian.planning.rules import RulePack, load_pack
from anjian.registry.models import Agency

from .bridge import Bureau, bureau_facts
from .collect import FindingCollector
from .config import ConfigProblem, PlanConfig, PlanConfigError
from .coverage import COVERAGE_BELOW, coverage, plan_shares
from .general_draw import draw_general, general_offices
from .models import Draw, Finding, Plan, PlanVersion
from .persist import save_entries, save_workdays, summary_of
from .plan_diff import settings_changes
from .plan_file import read_plan_file
from .plan_schema import PlanContext, plan_year_problem

ARRANGEMENT_UNKNOWN_UNIT = "重点检查安排表{sector}第 {seq} 行「{name}」在单位名录中找不到"
ARRANGEMENT_UNKNOWN_OFFICE = "重点检查安排表「{name}」的责任单位「{office}」不是本局的股室/科室或执法队"
ARRANGEMENT_CONFIRMED = "列入本局重点检查安排表（{note}）"
PLAN_NOT_DRAFT = "{plan}{status}，不能直接重新编制；计划内容的改动须作为计划调整办理"


class PlanNotDraft(ValueError):
    pass


def pack_for(agency: Agency) -> RulePack:
    return load_pack(agency.ruleset, settings.ANJIAN_RULESET_DIRS)


@dataclass(frozen=True)
class Configured:
    plan: Plan
    changes: list[str]  # Chinese lines: what changed against the stored settings
    warnings: list[str] = field(default_factory=list)  # e.g. a 发文字号 whose ASCII brackets were normalised


def plan_context(*, agency: Agency, year: int) -> PlanContext:
    """What a plan.toml of `agency` for `year` is checked against; the year itself must be plausible."""
    if problem := plan_year_problem(year):
        raise PlanConfigError([ConfigProblem("", "year", problem)])
    names: set[str] = set()
    for office in agency.offices.all():
        names |= {office.name, *office.alias_list()}
    return PlanContext(year=year, offices=frozenset(names))


def plan_configure(*, agency: Agency, year: int, path: Path) -> Configured:
    """Create or update the plan of `agency` for `year` with the bureau decisions in a plan.toml.

    The whole file is checked first (plan_file.read_plan_file); on any problem nothing is written. The 发文字号
    must carry the plan year and the agency's 发文机关代字; ASCII brackets are normalised with a warning."""
    config = read_plan_file(path, context=plan_context(agency=agency, year=year))
    warnings: list[str] = []
    if config.doc_number:
        checked = check_doc_number(config.doc_number, year=year, prefix=agency.doc_number_prefix)
        if checked.errors:
            raise PlanConfigError([ConfigProblem(path.name, "plan.doc_number", m) for _, m in checked.errors])
        warnings += [f"{path.name}：{m}" for _, m in checked.warnings]
        config = replace(config, doc_number=checked.number.text if checked.number else config.doc_number)
    stored = Plan.objects.filter(agency=agency, year=year, kind=Plan.Kind.ANNUAL).first()
    previous = PlanConfig.from_settings(stored.settings) if stored else PlanConfig()
    plan = plan_settings_save(agency=agency, year=year, config=config)
    return Configured(plan, settings_changes(previous, config), warnings)


@transaction.atomic
def plan_settings_save(*, agency: Agency, year: int, config: PlanConfig) -> Plan:
    """Create or update the plan of `agency` for `year` with the bureau's decisions; the next compile uses them."""
    plan, _ = Plan.objects.get_or_create(agency=agency, year=year, kind=Plan.Kind.ANNUAL)
    plan.settings = config.to_settings()
    plan.title = config.title or plan.title
    plan.doc_number = config.doc_number or plan.doc_number
    plan.full_clean()
    plan.save()
    return plan


def _arrangement(config: PlanConfig, bureau: Bureau, found: FindingCollector) -> dict[int, dict]:
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


def _draw_seed(plan: Plan, config: PlanConfig, redraw: bool) -> str:
    """The bureau's fixed seed, else the seed of the plan's last draw unless a redraw is asked for; "" = fresh."""
    if config.seed or redraw:
        return config.seed
    last = Draw.objects.filter(version__plan=plan).order_by("-pk").first()
    return str((last.record or {}).get("seed", "")) if last else ""


def _justifications(plan: Plan) -> list[Justification]:
    """The leaders' recorded reasons for visits above the cap (超上限说明), kept across recompiles."""
    return [
        Justification(
            j.enterprise_id, j.text, j.approved_by + (f"，{j.decision_number}" if j.decision_number else "")
        )
        for j in plan.cap_justifications.all()
    ]


def plan_locked(*, agency: Agency, year: int) -> Plan:
    """The agency's annual plan for `year` (created when missing), locked until the transaction ends: a row
    lock on PostgreSQL; on SQLite every write transaction already begins IMMEDIATE, which serialises writers."""
    plan, _ = Plan.objects.get_or_create(agency=agency, year=year, kind=Plan.Kind.ANNUAL)
    return Plan.objects.select_for_update().get(pk=plan.pk)


def plan_compile(
    *,
    agency: Agency,
    year: int,
    by: str = "",
    reason: str = "",
    redraw: bool = False,
    adjustment: bool = False,
) -> PlanVersion:
    """Compile under the plan's lock: a second compile of the same plan waits for the first and becomes the
    next version. The returned version's `waited_s` says how long it waited for the lock."""
    started = time.monotonic()
    with transaction.atomic():
        plan = plan_locked(agency=agency, year=year)
        waited = time.monotonic() - started
        version = _compile(plan, by=by, reason=reason, redraw=redraw, adjustment=adjustment)
    version.waited_s = waited  # type: ignore[attr-defined]
    return version


def _compile(plan: Plan, *, by: str, reason: str, redraw: bool, adjustment: bool) -> PlanVersion:
    """Compile a new version of the agency's plan for `year` from the registry and the rule pack.

    Classification (with the bureau's confirmed key arrangement and stored overrides), frequencies, the 双随机
    draw of general units, the cap ledger, the workday sheets and the review; saved in one transaction.
    A recompile replays the plan's last draw seed (a workday edit or an override never redraws by itself);
    `redraw` asks for a fresh seed. Once submitted, a plan is recompiled only as an `adjustment`."""
    agency, year = plan.agency, plan.year
    pack = pack_for(agency)
    if plan.status != Plan.Status.DRAFT and not adjustment:
        raise PlanNotDraft(PLAN_NOT_DRAFT.format(plan=plan, status=plan.get_status_display()))
    config = PlanConfig.from_settings(plan.settings)
    bureau = bureau_facts(agency)
    found = FindingCollector()
    arranged = _arrangement(config, bureau, found)
    overrides, visit_overrides = _overrides(plan, arranged, by)

    classified = core_classify.classify(
        bureau.enterprises, planning_agency=bureau.agency, agencies=bureau.agencies, pack=pack, year=year,
        overrides=overrides,
    )  # fmt: skip
    for f in classified.findings:
        found.add("classify", f, bureau)
    general_ids = [c.enterprise_id for c in classified.general]
    config = replace(config, seed=_draw_seed(plan, config, redraw))
    record = draw_general(config, bureau, general_ids, pack, by, found, year=year)
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
        pack=pack, on=classified.reference_date, justifications=_justifications(plan),
    )  # fmt: skip
    for f in ledger.findings:
        found.add("frequency", f, bureau)

    number = (plan.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = PlanVersion.objects.create(
        plan=plan, number=number, ruleset=pack.id, ruleset_chain=" → ".join(pack.chain),
        reference_date=classified.reference_date, statutory_workdays=statutory_workdays(year, pack).value,
        reason=reason or ("首次编制" if number == 1 else "重新编制"), created_by=by,
    )  # fmt: skip
    offices_of_drawn = general_offices(config, record, bureau, found)
    figures = save_entries(version, planned, frequencies, ledger, arranged, offices_of_drawn, bureau)
    Draw.objects.create(
        version=version, scope=record.scope, commitment=record.commitment, pool_digest=record.pool_digest,
        record=json.loads(draw_record_to_json(record)), operator=by,
    )  # fmt: skip
    save_workdays(version, config, pack, figures, bureau, found)
    covered = coverage(summary_of(version), config, pack)
    if covered["coverage_pct"] is not None and covered["planned_visits"] < covered["required_visits"]:
        found.append(Finding(source="review", code="coverage_below_required", severity="warning",
                             message=COVERAGE_BELOW.format(planned=covered["planned_visits"],
                                                           required=covered["required_visits"],
                                                           pct=covered["coverage_pct"])))  # fmt: skip
    for f in found:
        f.version = version
    Finding.objects.bulk_create(found)
    summary = summary_of(version)
    sheets = [w.data for w in version.sheets.all()]
    version.summary = summary | covered | {"shares": plan_shares(summary, sheets, config, pack).as_dict()}
    version.save(update_fields=["summary"])
    return version
