"""Importing the provincial enforcement system's export (省执法系统导出) as inspection records, all or nothing.

Each row is resolved against the registry — the unit by 统一社会信用代码 (else exact name) among the agency's
and its lower agencies' units, the officers by name among the agency's staff — checked by the core like a
hand-entered record (officers with valid certificates are a must; cap, quiet-period and upper-level findings
are kept on the record as warnings, the system having recorded the visit already), and linked to the plan: to
the unit's entry in the plan of the year unless the row names an unplanned origin, and to the unit's scheduled
visit of that date, else the nearest one of the same month not yet linked. Rows are written in file order so
later rows are checked against earlier ones; any error rolls everything back and every error is returned.
Re-importing updates the record with the same 执法文书编号 and never duplicates it. Hazard counts become
placeholder hazards (明细见执法文书), a 处罚决定书文号 a penalty decision.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from anjian.planning.uscc import normalize
from anjian.plans.models import PlanVersion, ScheduledVisit
from anjian.plans.selectors import PlanNotFound, version_current
from anjian.plans.services import pack_for
from anjian.registry.import_result import ImportResult
from anjian.registry.importing.errors import AT, IMPORT_AMBIGUOUS_ENTERPRISE, RowError, row_error
from anjian.registry.models import Agency, Enterprise, Officer
from anjian.registry.selectors import agency_tree

from .enforcement_export import ExportRow, parse_export
from .export_records import hazards_sync, penalty_upsert, snapshot
from .models import Inspection, PenaltyDecision
from .selectors import COUNTED_KINDS
from .services import check_inspection

IMPORT_UNKNOWN_UNIT = AT + "{agency}及其下级部门的名录中没有统一社会信用代码或名称为「{value}」的单位"
IMPORT_UNIT_OTHER_AGENCY = (
    AT + "统一社会信用代码「{value}」的单位登记在「{owner}」名下，不在{agency}的监管范围内"
)
IMPORT_UNIT_NAME_DIFFERS = AT + "名称「{value}」与名录中该信用代码的单位「{name}」不一致，已按信用代码匹配"
IMPORT_UNKNOWN_OFFICER = AT + "{agency}没有名为「{value}」的执法人员（请先导入执法人员）"
IMPORT_AMBIGUOUS_OFFICER = AT + "{agency}有{count}名执法人员名为「{value}」，无法区分"
IMPORT_OFFICERS_TOO_FEW = AT + "只填写了{count}名执法人员（{names}），每次检查至少须{min}人"
IMPORT_ENTRY_REFUSED = AT + "{message}"
IMPORT_ENTRY_WARNING = AT + "{message}（已随检查记录留存）"
IMPORT_NOT_IN_PLAN = AT + "检查来源为计划内检查，但{agency}{year}年计划中没有{name}"
IMPORT_ORIGIN_REQUIRED = (
    AT + "{name}不在{agency}{year}年计划中，请在「检查来源」列注明投诉举报、事故调查、专项行动或上级交办"
)
IMPORT_PENALTY_TAKEN = AT + "处罚决定书文号「{value}」已用于{name}{date}的检查记录"
IMPORT_HAZARDS_BELOW_RECORDED = (
    AT + "本系统已登记{recorded}项隐患（含手工录入或已下达整改指令的），多于导出文件的{total}项"
)
# an unplanned row that does not state its origin: what its kind says about it
ORIGIN_OF_KIND = {
    Inspection.Kind.SPECIAL: Inspection.Origin.CAMPAIGN,
    Inspection.Kind.SPECIAL_FROM_ABOVE: Inspection.Origin.ASSIGNMENT,
    Inspection.Kind.VERIFICATION: Inspection.Origin.COMPLAINT,
}


@dataclass
class InspectionImportResult(ImportResult):
    planned: int = 0  # rows linked to a plan entry
    scheduled: int = 0  # rows linked to a scheduled visit
    hazards: int = 0  # hazards the file's rows record
    penalties: int = 0  # penalty decisions the file's rows record

    def as_dict(self) -> dict[str, object]:
        return {k: v for k, v in super().as_dict().items() if not k.startswith("facts_")}


@dataclass
class _Lookups:
    """What every row is resolved against, read once for the whole file."""

    agency: Agency
    rows: list[ExportRow]
    tree: frozenset[int] = frozenset()
    by_uscc: dict[str, Enterprise] = field(default_factory=dict)
    by_name: dict[str, list[Enterprise]] = field(default_factory=dict)
    officers: dict[str, list[Officer]] = field(default_factory=dict)
    existing: dict[str, Inspection] = field(default_factory=dict)
    versions: dict[int, PlanVersion | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.tree = agency_tree(self.agency).ids
        codes = {r.uscc for r in self.rows if r.uscc}
        self.by_uscc = {e.uscc: e for e in Enterprise.objects.filter(uscc__in=codes).select_related("agency")}
        names = {r.enterprise for r in self.rows}
        for e in Enterprise.objects.filter(agency_id__in=self.tree, name__in=names):
            self.by_name.setdefault(e.name, []).append(e)
        people = {n for r in self.rows for n in r.officers}
        for o in Officer.objects.filter(office__agency=self.agency, name__in=people).select_related("office"):
            self.officers.setdefault(o.name, []).append(o)
        numbers = [r.external_no for r in self.rows if r.external_no]
        self.existing = {i.external_no: i for i in Inspection.objects.filter(agency=self.agency,
                                                                              external_no__in=numbers)}  # fmt: skip

    def version(self, year: int) -> PlanVersion | None:
        if year not in self.versions:
            try:
                self.versions[year] = version_current(agency=self.agency, year=year)
            except PlanNotFound:
                self.versions[year] = None
        return self.versions[year]


def _error(row: ExportRow, column: str, code: str, template: str, **values: object) -> RowError:
    return row_error(code, template, file=row.file, row=row.row, column=row.title(column), sheet=row.sheet,
                     **values)  # fmt: skip


def _enterprise(row: ExportRow, look: _Lookups, result: ImportResult) -> Enterprise | None:
    agency = look.agency.name
    if not (row.uscc or row.enterprise):
        return None  # the blank cell is already an error
    if row.uscc:
        found = look.by_uscc.get(row.uscc)
        if found is not None and found.agency_id not in look.tree:
            result.errors.append(_error(row, "uscc", "import_unit_other_agency", IMPORT_UNIT_OTHER_AGENCY,
                                        value=row.uscc, owner=found.agency.name, agency=agency))  # fmt: skip
            return None
        if found is not None:
            if normalize(found.name) != normalize(row.enterprise):
                result.warnings.append(_error(row, "enterprise", "import_unit_name_differs",
                                              IMPORT_UNIT_NAME_DIFFERS, value=row.enterprise, name=found.name))  # fmt: skip
            return found
    named = look.by_name.get(row.enterprise, [])
    if len(named) == 1:
        return named[0]
    if len(named) > 1:
        result.errors.append(_error(row, "enterprise", "import_ambiguous_enterprise", IMPORT_AMBIGUOUS_ENTERPRISE,
                                    value=row.enterprise))  # fmt: skip
    else:
        column = "uscc" if row.uscc else "enterprise"
        result.errors.append(_error(row, column, "import_unknown_unit", IMPORT_UNKNOWN_UNIT,
                                    value=row.uscc or row.enterprise, agency=agency))  # fmt: skip
    return None


def _officers(row: ExportRow, look: _Lookups, result: ImportResult, minimum: int) -> list[Officer] | None:
    if not row.officers:
        return None  # the blank cell is already an error
    found, ok = [], True
    for name in row.officers:
        people = look.officers.get(name, [])
        if len(people) == 1:
            found.append(people[0])
            continue
        ok = False
        template, code = ((IMPORT_AMBIGUOUS_OFFICER, "import_ambiguous_officer") if people
                          else (IMPORT_UNKNOWN_OFFICER, "import_unknown_officer"))  # fmt: skip
        result.errors.append(_error(row, "officers", code, template, value=name, agency=look.agency.name,
                                    count=len(people)))  # fmt: skip
    if len(row.officers) < minimum:
        ok = False
        result.errors.append(_error(row, "officers", "import_officers_too_few", IMPORT_OFFICERS_TOO_FEW,
                                    count=len(row.officers), names="、".join(row.officers), min=minimum))  # fmt: skip
    return found if ok else None


def _plan_link(row: ExportRow, enterprise: Enterprise, look: _Lookups, result: ImportResult, own: int | None):
    """(origin, plan entry, scheduled visit); origin None on an error."""
    version = look.version(row.date.year)
    entry = version.entries.filter(enterprise=enterprise).first() if version else None
    values = {"agency": look.agency.name, "year": row.date.year, "name": enterprise.name}
    if row.origin and row.origin != Inspection.Origin.PLANNED:
        return row.origin, None, None
    if entry is None:
        if row.origin == Inspection.Origin.PLANNED:
            result.errors.append(_error(row, "origin", "import_not_in_plan", IMPORT_NOT_IN_PLAN, **values))
            return None, None, None
        if row.kind in ORIGIN_OF_KIND:
            return ORIGIN_OF_KIND[row.kind], None, None
        column = "origin" if "origin" in row.titles else "enterprise"
        result.errors.append(_error(row, column, "import_origin_required", IMPORT_ORIGIN_REQUIRED, **values))
        return None, None, None
    # only a counted on-site visit fulfils a scheduled one
    if not row.on_site or row.kind not in COUNTED_KINDS:
        return Inspection.Origin.PLANNED, entry, None
    month = ScheduledVisit.objects.filter(version=version, enterprise=enterprise, date__year=row.date.year,
                                          date__month=row.date.month)  # fmt: skip
    linked = set(Inspection.objects.filter(scheduled_visit__in=month).exclude(pk=own)
                 .values_list("scheduled_visit_id", flat=True))  # fmt: skip
    free = [v for v in month if v.pk not in linked]
    visit = min(free, key=lambda v: (abs((v.date - row.date).days), v.date), default=None)
    return Inspection.Origin.PLANNED, entry, visit


def _penalty_free(row: ExportRow, result: ImportResult, own: int | None) -> bool:
    if not row.penalty_no:
        return True
    # read per row: an earlier row of this file may have just taken the number
    taken = (
        PenaltyDecision.objects.filter(number=row.penalty_no).select_related("inspection__enterprise").first()
    )
    if taken is None or (own is not None and taken.inspection_id == own):
        return True
    result.errors.append(_error(row, "penalty_no", "import_penalty_taken", IMPORT_PENALTY_TAKEN, value=row.penalty_no,
                                name=taken.inspection.enterprise.name, date=taken.inspection.date))  # fmt: skip
    return False


def _import_row(row: ExportRow, look: _Lookups, result: InspectionImportResult, minimum: int, pack) -> None:
    start = len(result.errors)
    existing = look.existing.get(row.external_no)
    own = existing.pk if existing else None
    enterprise = _enterprise(row, look, result)
    officers = _officers(row, look, result, minimum)
    if enterprise is None or officers is None or not row.valid:
        return
    origin, entry, visit = _plan_link(row, enterprise, look, result, own)
    if origin is None or not _penalty_free(row, result, own):
        return
    check = check_inspection(agency=look.agency, enterprise=enterprise, date=row.date, officers=officers,
                             kind=row.kind, on_site=row.on_site, exclude=own, pack=pack)  # fmt: skip
    for f in check.findings:
        refused = f.severity == "error"
        (result.errors if refused else result.warnings).append(_error(
            row, "officers" if f.code.startswith("entry_officers") or "certificate" in f.code else "date",
            f"import_{f.code}",
            IMPORT_ENTRY_REFUSED if refused else IMPORT_ENTRY_WARNING, message=f.message))  # fmt: skip
    if len(result.errors) > start:
        return
    before = snapshot(existing) if existing else None
    ins = existing or Inspection(agency=look.agency, external_no=row.external_no)
    ins.enterprise, ins.plan_entry, ins.scheduled_visit, ins.origin = enterprise, entry, visit, origin
    ins.kind, ins.on_site, ins.method, ins.date = row.kind, row.on_site, row.method, row.date
    ins.in_system = True  # the row comes from the enforcement system
    ins.summary = row.summary or ins.summary
    ins.warnings = [{"code": f.code, "severity": str(f.severity), "message": f.message, "basis": f.basis}
                    for f in check.findings]  # fmt: skip
    ins.full_clean()
    ins.save()
    ins.officers.set(officers)
    ins.offices.set({o.office for o in officers})
    if not hazards_sync(ins, total=row.hazards, major=row.major_hazards):
        result.errors.append(_error(row, "hazards", "import_hazards_below_recorded", IMPORT_HAZARDS_BELOW_RECORDED,
                                    recorded=ins.hazards.count(), total=row.hazards))  # fmt: skip
        return
    if row.penalty_no:
        penalty_upsert(ins, number=row.penalty_no, amount=row.penalty_amount, decided_on=row.penalty_date,
                       typical_case=row.typical_case)  # fmt: skip
    result.planned += entry is not None
    result.scheduled += visit is not None
    result.hazards += row.hazards
    result.penalties += bool(row.penalty_no)
    if before is None:
        result.created += 1
    elif before == snapshot(ins):
        result.unchanged += 1
    else:
        result.updated += 1


@transaction.atomic
def inspections_import(*, agency: Agency, path: Path | str, dry_run: bool = False) -> InspectionImportResult:
    """Import the export at `path` for `agency` (see the module docstring); nothing is kept on any error or on a
    dry run, whose counts say what the import would do."""
    result = InspectionImportResult("inspections", Path(path).name, agency.name, dry_run)
    parsed = parse_export(path)
    result.rows, result.errors, result.warnings = parsed.rows, parsed.errors, parsed.warnings
    repeated = {(e.row, e.sheet) for e in parsed.errors if e.code == "import_duplicate_in_file"}
    rows = [r for r in parsed.items if (r.row, r.sheet) not in repeated]
    if rows:
        pack = pack_for(agency)
        minimum = int(pack.value("schedule.officers.min_per_visit"))
        look = _Lookups(agency, rows)
        for row in rows:
            _import_row(row, look, result, minimum, pack)
    first_seen = {e.file: n for n, e in reversed(list(enumerate(result.errors)))}
    # errors in file order; the sort is stable, so a row's own errors keep their order
    result.errors.sort(key=lambda e: (first_seen[e.file], e.row))
    if result.errors or dry_run:
        transaction.set_rollback(True)
    if result.errors:
        result.created = result.updated = result.unchanged = 0
    return result
