"""The plan's tables as one XLSX workbook: `tables_xlsx(snapshot) -> bytes`.

Contract: pure; sheets 人员配置, 重点检查, 一般检查, one 工作日测算 sheet per team, 执法检查台账, 季度分解 /
月度分解 /
周分解 (when the snapshot has a breakdown), 检查日程 (when it has visits) and 双随机抽取 (when it has draws).
Figures are
numbers (not text) so they can be summed; every total row prints the snapshot's figure or the sum of the rows
above
it. Each sheet prints on A4 fitted to the page width with its header rows repeated (see `xlsx_sheet`).
"""

from __future__ import annotations

import re
from decimal import Decimal

from openpyxl import Workbook

from anjian.documents.annex_tables import (
    GENERAL_HEADERS,
    general_rows,
    general_section_heading,
    key_section_heading,
    staffing_totals,
)
from anjian.documents.docx_tables import LEDGER_HEADER, HeaderCell
from anjian.documents.plan_docx import plan_annexes
from anjian.documents.sheet_text import CATEGORIES, category_total, group_items
from anjian.documents.snapshot import PlanSnapshot, SheetItem, TeamSheet
from anjian.documents.xlsx_schedules import breakdown_sheet, draws_sheet, visits_sheet
from anjian.documents.xlsx_sheet import CENTER, LEFT, SheetWriter
from anjian.planning.xlsx_safe import save_workbook

KEY_HEADERS = ["序号", "企业名称", "责任单位", "配合单位", "检查时间", "检查次数", "备注"]
SHEET_HEADERS = [
    "序号",
    "类别",
    "科室／事项",
    "工作内容",
    "单位数",
    "次数",
    "组数",
    "人数",
    "天数",
    "测算式",
    "工作日（天）",
    "备注",
]
_FACTOR = re.compile(r"^(\d+(?:\.\d+)?)(\D*)$")


def tables_xlsx(plan: PlanSnapshot) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    titles = {a.key: a.title for a in plan_annexes(plan)}
    if plan.staffing:
        _staffing(wb, plan, titles["staffing"])
    if plan.key_sections:
        _key_units(wb, plan, titles["key"])
    if plan.general_sections:
        _general_units(wb, plan, titles["general"])
    for i, team in enumerate(plan.teams):
        _sheet(wb, team, titles[f"sheet:{i}"], f"工作日测算-{team.short_name or team.name}"[:31])
    _ledger(wb, titles["ledger"])
    for kind, name in (("quarter", "季度分解"), ("month", "月度分解"), ("week", "周分解")):
        breakdown_sheet(wb, plan, kind, name)
    if plan.visits:
        visits_sheet(wb, plan)
    if plan.draws:
        draws_sheet(wb, plan)
    wb.properties.title = plan.title
    wb.properties.creator = plan.agency_name
    return save_workbook(wb)


def _staffing(wb: Workbook, plan: PlanSnapshot, title: str) -> None:
    w = SheetWriter(wb.create_sheet("人员配置"), title, 7, landscape=False)
    w.header(
        [
            [
                HeaderCell("机构名称", cols=2, rows=2),
                HeaderCell("在编人员", cols=2),
                HeaderCell("借调人员", cols=2),
                HeaderCell("备注", rows=2),
            ],
            [
                HeaderCell("人数"),
                HeaderCell("参加安全生产执法人员数"),
                HeaderCell("人数"),
                HeaderCell("参加安全生产执法人员数"),
            ],
        ]
    )
    aligns = [CENTER, LEFT, CENTER, CENTER, CENTER, CENTER, LEFT]
    groups: dict[str, list] = {}
    for row in plan.staffing:
        groups.setdefault(row.group, []).append(row)
    for group, rows in groups.items():
        first = w.row
        for i, row in enumerate(rows):
            alone = len(rows) == 1 and row.name == group
            w.add(
                [
                    group if i == 0 else "",
                    "" if alone else row.name,
                    row.on_roll,
                    row.on_roll_enforcing,
                    row.seconded,
                    row.seconded_enforcing,
                    row.note,
                ],
                aligns=aligns,
                merge=(1, 2) if alone else None,
            )
        w.merge_down(1, first, w.row - 1)
    w.add(["合计", "", *staffing_totals(plan), ""], aligns=aligns, bold=True, merge=(1, 2))
    w.finish(widths=[8, 24, 7, 12, 7, 12, 18])


def _key_units(wb: Workbook, plan: PlanSnapshot, title: str) -> None:
    w = SheetWriter(wb.create_sheet("重点检查"), title, len(KEY_HEADERS))
    w.header([[HeaderCell(h) for h in KEY_HEADERS]])
    aligns = [CENTER, LEFT, LEFT, LEFT, CENTER, CENTER, LEFT]
    for sec in plan.key_sections:
        w.section(key_section_heading(sec))
        for r in sec.rows:
            w.add(
                [
                    r.seq,
                    r.name,
                    r.responsible,
                    r.cooperating if sec.has_cooperating_column else "",
                    r.quarters_text,
                    r.visits,
                    r.note,
                ],
                aligns=aligns,
            )
    w.add(["合计", f"{plan.key_units}户", "", "", "", plan.key_visits, ""], aligns=aligns, bold=True)
    w.finish()


def _general_units(wb: Workbook, plan: PlanSnapshot, title: str) -> None:
    w = SheetWriter(wb.create_sheet("一般检查"), title, len(GENERAL_HEADERS))
    w.header([[HeaderCell(h) for h in GENERAL_HEADERS]])
    aligns = [CENTER, LEFT, CENTER, LEFT, CENTER, CENTER]
    for sec in plan.general_sections:
        w.section(general_section_heading(sec.sector, sec.units, sec.unit_word))
        for values in general_rows(sec):
            w.add(values, aligns=aligns)
    w.add(["合计", f"{plan.general_units}户", "", "", "", plan.general_visits], aligns=aligns, bold=True)
    w.finish()


def expression_factors(item: SheetItem) -> dict[str, Decimal]:
    """units/visits/groups/persons/days read from 'n座×p次×…' when every factor has a plain unit, else {}."""
    if not item.expression or "+" in item.expression:
        return {}
    factors: dict[str, Decimal] = {}
    for i, part in enumerate(item.expression.split("×")):
        m = _FACTOR.match(part.strip())
        if not m:
            return {}
        value, unit = Decimal(m.group(1)), m.group(2)
        key = (
            "persons"
            if unit == "人"
            else "groups"
            if unit == "组"
            else "days"
            if unit == "天"
            else "units"
            if i == 0
            else "visits"
            if unit == "次"
            else ""
        )
        if not key or key in factors:
            return {}
        factors[key] = value
    return factors


def _num(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _sheet(wb: Workbook, team: TeamSheet, title: str, name: str) -> None:
    w = SheetWriter(wb.create_sheet(name), title, len(SHEET_HEADERS))
    w.header([[HeaderCell(h) for h in SHEET_HEADERS]])
    aligns = [CENTER, CENTER, LEFT, LEFT, *[CENTER] * 5, LEFT, CENTER, LEFT]
    seq = 0
    for category in CATEGORIES:
        w.section(f"{category}工作日")
        for group in group_items(team, category):
            for item in group.items:
                seq += 1
                f = expression_factors(item)
                w.add(
                    [
                        seq,
                        category,
                        item.office,
                        item.label,
                        *(_num(f.get(k)) for k in ("units", "visits", "groups", "persons", "days")),
                        item.expression or "一次性测算",
                        _num(item.result),
                        item.note,
                    ],
                    aligns=aligns,
                )
        w.add(
            [f"{category}工作日小计", *[""] * 9, _num(category_total(team, category)), ""],
            aligns=aligns,
            bold=True,
            merge=(1, 10),
        )
    for label, value in (
        ("实际所需工作日", team.need_days),
        ("总法定工作日", team.total_days),
        ("需加班工作日", team.overtime_days),
        ("剩余法可用于监督检查的工作日", team.residual_supervision_days),
    ):
        w.add([label, *[""] * 9, _num(value), ""], aligns=aligns, bold=True, merge=(1, 10))
    w.note(
        f"在册（含抽调）{team.staff_total}人，从事安全生产执法{team.officers}人（{team.officer_share_text}），"
        f"国家法定工作日{team.statutory_workdays}天。"
    )
    w.finish()


def _ledger(wb: Workbook, title: str) -> None:
    w = SheetWriter(wb.create_sheet("执法检查台账"), title, 7)
    w.note("填表单位：" + " " * 60 + "填表时间：　　　　年　　月　　日")
    w.header([list(row) for row in LEDGER_HEADER])
    for _ in range(20):
        r = w.add([""] * 7)
        w.ws.row_dimensions[r].height = 30
    w.finish(widths=[24, 24, 16, 12, 32, 10, 17])
