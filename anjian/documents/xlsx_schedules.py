"""Workbook sheets of the plan's schedule: quarterly / monthly / weekly breakdowns, visit dates, random draws.

Contract: each function adds one sheet to the workbook from snapshot rows only; breakdown totals are sums
of the rows shown (see `annex_tables.breakdown_matrix`, shared with the DOCX annex).
"""

from __future__ import annotations

from openpyxl import Workbook

from anjian.documents.annex_tables import breakdown_matrix
from anjian.documents.docx_tables import HeaderCell
from anjian.documents.snapshot import PlanSnapshot
from anjian.documents.xlsx_sheet import CENTER, LEFT, SheetWriter


def breakdown_sheet(wb: Workbook, plan: PlanSnapshot, kind: str, name: str) -> None:
    offices, periods, cells = breakdown_matrix(plan.breakdown, kind)
    if not offices:
        return
    title = f"{plan.agency_name}{plan.year}年监督检查任务{name}表（检查户次）"
    if kind == "week":
        w = SheetWriter(wb.create_sheet(name), title, len(offices) + 2)
        w.header([[HeaderCell("周次"), *(HeaderCell(o) for o in offices), HeaderCell("合计")]])
        for p in periods:
            values = [cells.get((o, p), 0) for o in offices]
            w.add([p, *values, sum(values)], aligns=[LEFT, *[CENTER] * (len(offices) + 1)])
        totals = [sum(cells.get((o, p), 0) for p in periods) for o in offices]
        w.add(["合计", *totals, sum(totals)], bold=True)
        w.finish()
        return
    w = SheetWriter(wb.create_sheet(name), title, len(periods) + 2)
    w.header([[HeaderCell("责任单位"), *(HeaderCell(p) for p in periods), HeaderCell("合计")]])
    for o in offices:
        values = [cells.get((o, p), 0) for p in periods]
        w.add([o, *values, sum(values)], aligns=[LEFT, *[CENTER] * (len(periods) + 1)])
    totals = [sum(cells.get((o, p), 0) for o in offices) for p in periods]
    w.add(["合计", *totals, sum(totals)], bold=True)
    w.finish()


def visits_sheet(wb: Workbook, plan: PlanSnapshot) -> None:
    w = SheetWriter(wb.create_sheet("检查日程"), f"{plan.agency_name}{plan.year}年监督检查日程", 7)
    w.header(
        [
            [
                HeaderCell(h)
                for h in (
                    "序号",
                    "日期",
                    "被检查单位",
                    "所在县（市、区）",
                    "责任单位",
                    "执法人员（执法证号）",
                    "联合检查",
                )
            ]
        ]
    )
    for i, v in enumerate(plan.visits, 1):
        r = w.add(
            [i, v.date, v.enterprise, v.district, v.offices, v.officers, "是" if v.joint else ""],
            aligns=[CENTER, CENTER, LEFT, CENTER, LEFT, LEFT, CENTER],
        )
        w.ws.cell(r, 2).number_format = "yyyy-mm-dd"
    w.finish()


def draws_sheet(wb: Workbook, plan: PlanSnapshot) -> None:
    w = SheetWriter(
        wb.create_sheet("双随机抽取"), f"{plan.agency_name}{plan.year}年“双随机、一公开”抽取记录", 6
    )
    w.header(
        [
            [
                HeaderCell(h)
                for h in ("范围", "名录户数", "抽取户数", "随机种子承诺值（SHA-256）", "名录摘要", "随机种子")
            ]
        ]
    )
    for d in plan.draws:
        w.add(
            [d.scope, d.pool_size, d.drawn, d.commitment, d.pool_digest, d.seed or "（未公布）"],
            aligns=[CENTER, CENTER, CENTER, LEFT, LEFT, LEFT],
        )
    w.finish()
