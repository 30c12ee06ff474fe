"""A stored plan version → PlanSnapshot, the formatted input of every document writer (documents/)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from anjian.documents.plan_wording import DEADLINE_KEYS, MIN_OFFICERS_KEY
from anjian.documents.snapshot import (
    GeneralRow,
    GeneralSection,
    KeyRow,
    KeySection,
    PlanSnapshot,
    SheetItem,
    StaffingRow,
    TeamSheet,
)  # fmt: skip
from anjian.planning.frequency import quarters_text
from anjian.planning.workdays.model import CATEGORY_LABELS, Category
from anjian.planning.workdays.shares import percent
from anjian.registry.models import Enterprise, Office, Officer
from anjian.registry.selectors import agency_tree

from .breakdown_rows import breakdown_rows
from .config import PlanConfig
from .coverage import coverage, plan_shares
from .models import PlanVersion
from .sectors import BY_LABEL, OTHER
from .services import pack_for
from .team_staffing import team_offices

FACTOR_WORDS = {"units": "户", "visits": "次", "persons": "人", "groups": "组", "days": "天", "months": "月"}
SHARE_BASE_TEXT = {"visits": "按检查次数", "units": "按单位数", "workdays": "按监督检查工作日"}
STAFF_GROUPS = {
    Office.Kind.LEADERSHIP: "局机关", Office.Kind.OFFICE: "局机关", Office.Kind.OTHER: "其他",
    Office.Kind.ENFORCEMENT_TEAM: "执法队伍",
}  # fmt: skip


def _n(value: Decimal) -> str:
    return f"{value.normalize():f}"


def staffing_rows(agency, team_names: Iterable[str] = ()) -> tuple[StaffingRow, ...]:
    """Annex 1 from the officers on record: on roll / seconded, and how many of each enforce.

    Enforcement teams have their own annex, except one that is a team of the workday sheet under its own name:
    every team the body text counts then appears in the staffing table."""
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for o in Officer.objects.filter(office__agency=agency).only(
        "office_id", "employment", "enforcement_eligible", "exclusion_reason"
    ):
        cell = counts[o.office_id]
        seconded = o.employment == Officer.Employment.SECONDED
        cell[2 if seconded else 0] += 1
        if o.enforcement_eligible and not o.exclusion_reason:
            cell[3 if seconded else 1] += 1
    rows = []
    named = set(team_names)
    for office in Office.objects.filter(agency=agency):
        if office.kind == Office.Kind.ENFORCEMENT_TEAM and office.name not in named:
            continue
        c = counts[office.pk]
        rows.append(
            StaffingRow(STAFF_GROUPS.get(office.kind, "局机关"), office.name, *c, office.staffing_note)
        )
    return tuple(rows)


def _staff_on_record(version: PlanVersion) -> dict[str, int]:
    """Team name → officers on record (on roll and seconded) of the offices it stands for, for sheets that do not
    state their staff, so the body text and the staffing table give the same 在册人数."""
    sheets = list(version.sheets.all())
    offices = [o.to_domain() for o in Office.objects.filter(agency_id=version.plan.agency_id)]
    per_office: dict[int, int] = defaultdict(int)
    for office_id in Officer.objects.filter(office__agency_id=version.plan.agency_id).values_list(
        "office_id", flat=True
    ):
        per_office[office_id] += 1
    named = {s.team for s in sheets}
    return {
        s.team: sum(
            per_office[o.id]
            for o in team_offices(s.team, bool(s.data.get("enforcement_team")), offices, named)
        )
        for s in sheets
    }


def team_sheets(version: PlanVersion) -> tuple[TeamSheet, ...]:
    teams = []
    on_record = _staff_on_record(version)
    for sheet in version.sheets.all():
        data = sheet.data
        staff = data.get("staff") or on_record.get(sheet.team) or sheet.officers
        share = data.get("staff_share") or (str(percent(sheet.officers, staff)) if staff else "")
        items = tuple(
            SheetItem(
                category=CATEGORY_LABELS[Category(i["category"])].removesuffix("工作日"),
                office=i["section"][0] if i["section"] else "",
                label=i["title"],
                expression="" if i.get("lump") else "×".join(
                    f"{v}{FACTOR_WORDS.get(k, '')}" for k, v in i.get("factors", {}).items()
                ),
                result=Decimal(i["days"]),
                note=i.get("note", ""),
            )
            for i in data.get("items", ())
        )  # fmt: skip
        teams.append(
            TeamSheet(
                name=sheet.team,
                staff_total=staff,
                officers=sheet.officers,
                officer_share_text=f"{share}%" if share else "",
                statutory_workdays=int(data.get("statutory") or version.statutory_workdays or 0),
                total_days=sheet.total_days,
                supervision_days=sheet.supervision_days,
                other_enforcement_days=sheet.other_enforcement_days,
                non_enforcement_days=sheet.non_enforcement_days,
                need_days=sheet.need_days,
                overtime_days=sheet.overtime_days,
                residual_supervision_days=Decimal(data.get("residual") or 0),
                items=items,
            )  # fmt: skip
        )
    return tuple(teams)


def _office_label(office: Office) -> str:
    """Tables use the team's short name (市执法支队), as the plan defines it after its first mention."""
    aliases = office.alias_list()
    return aliases[0] if office.kind == Office.Kind.ENFORCEMENT_TEAM and aliases else office.name


def _sections(version: PlanVersion):
    entries = version.entries.select_related("enterprise").prefetch_related("responsible_offices")
    key: dict[str, list] = defaultdict(list)
    general: dict[str, list] = defaultdict(list)
    for e in entries.order_by("sort_order"):
        responsible = "、".join(_office_label(o) for o in e.responsible_offices.all())
        if e.category == "key":
            key[e.sector].append(KeyRow(
                e.sort_order, e.enterprise.name, responsible, "、".join(e.cooperating_units),
                quarters_text(e.quarters), e.note, e.visits_per_year,
            ))  # fmt: skip
        else:
            general[e.sector].append(GeneralRow(
                e.sort_order, e.enterprise.name, e.enterprise.district_name, responsible, quarters_text(e.quarters),
                e.visits_per_year, e.drawn,
            ))  # fmt: skip
    order = sorted(key.keys() | general.keys(), key=lambda s: BY_LABEL.get(s, OTHER).order)
    key_sections = tuple(
        KeySection(
            sector.table, sector.unit_word, tuple(key[label]), sector.has_cooperating_column,
            entity_word=sector.entity_word, responsible_label=sector.responsible_label,
        )
        for label in order if key[label] for sector in [BY_LABEL.get(label, OTHER)]
    )  # fmt: skip
    general_sections = tuple(
        GeneralSection(label, tuple(general[label])) for label in order if general[label]
    )
    return key_sections, general_sections


def version_snapshot(version: PlanVersion) -> PlanSnapshot:
    plan = version.plan
    agency = plan.agency
    config = PlanConfig.from_settings(plan.settings)
    key_sections, general_sections = _sections(version)
    s = version.summary
    pack = pack_for(agency)
    shares = plan_shares(s, [w.data for w in version.sheets.all()], config, pack)
    covered = coverage(s, config, pack)
    return PlanSnapshot(
        agency_name=agency.name, agency_short_name=agency.short_name or agency.name, year=plan.year,
        title=plan.title or f"{agency.name}{plan.year}年度安全生产监督检查计划", doc_number=plan.doc_number,
        recipients=config.recipients, issue_date=_date(config.issue_date), approving_government=agency.approving_government,
        basis_docs=config.basis_docs, staffing=staffing_rows(agency, version.sheets.values_list("team", flat=True)), teams=team_sheets(version), key_sections=key_sections,
        general_sections=general_sections, key_share_text=f"{shares.key_pct}%",
        general_share_text=f"{shares.general_pct}%", share_base_text=SHARE_BASE_TEXT[shares.basis],
        required_visits=covered["required_visits"], industries=_industries(agency),
        coverage_text=f"{covered['coverage_pct']}%" if covered["coverage_pct"] is not None else "",
        openpit_slope_m=int(pack.value("classification.openpit_slope_min_m")),
        issuer_mark=config.issuer_mark, signatory=config.signer, copy_to="，".join(config.cc),
        printing_office=config.printer, print_date=_date(config.print_date), deadlines=deadline_phrases(pack),
        breakdown=breakdown_rows(version, _office_label),
    )  # fmt: skip


def deadline_phrases(pack) -> tuple[tuple[str, str], ...]:
    """The rule pack's time limits as the 保障措施 wording prints them: ("reapproval", "30日"), ("publication",
    "7个工作日"), …, and ("min_officers", "2")."""
    phrases = [
        (
            name,
            f"{pack.value(key + '.days')}{'个工作日' if pack.value(key + '.day_type') == 'working' else '日'}",
        )
        for name, key in DEADLINE_KEYS.items()
    ]
    return (*phrases, ("min_officers", str(pack.value(MIN_OFFICERS_KEY))))


def _date(iso: str) -> dt.date | None:
    """A plan.toml date (checked by the schema when the file was read) or None when the plan has none."""
    return dt.date.fromisoformat(str(iso)[:10]) if iso else None


def _industries(agency) -> tuple[str, ...]:  # registry Agency
    """Industries of the enterprises under the agency and its lower levels, for leaving out absent sectors."""
    ids = agency_tree(agency).ids
    return tuple(sorted(set(Enterprise.objects.filter(agency_id__in=ids).values_list("industry", flat=True))))
