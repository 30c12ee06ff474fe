"""The per-visit 现场检查方案 (required before every inspection, the Lüliang 2024 plan §六(三)) as a GB/T 9704 DOCX form.

Contract: `visit_plan_docx(plan) -> bytes` is pure; it prints every field of `VisitPlan` in a bordered form
(被检查单位, 地址, 负责人, 检查时间, 检查场所, 检查内容, 检查重点, 检查方式, 执法人员及证号, 专家, 检查装备,
编制 and 审批) on A4 portrait pages set up like the plan document.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm

from anjian.documents import gbt9704
from anjian.documents import styles as S
from anjian.documents.docx_tables import CENTER, LEFT, Column, GridTable
from anjian.documents.numerals import chinese_date
from anjian.documents.package import finish_package
from anjian.documents.paragraphs import add_block
from anjian.documents.plan_text import Block

ROW_MM = 10
APPROVAL_ROW_MM = 35
BLANK_DATE = "\u3000\u3000年\u3000\u3000月\u3000\u3000日"


@dataclass(frozen=True)
class VisitPlan:
    """What the officers prepare before one on-site inspection."""

    agency_name: str
    enterprise: str
    date: dt.date
    area: str  # 检查场所（区域）
    content: tuple[str, ...]  # 检查内容, one item each
    focus: str  # 检查重点
    method: str  # 检查方式: “四不两直”、验证式、暗查暗访 …
    officers: tuple[tuple[str, str], ...]  # (姓名, 执法证号)
    experts: tuple[str, ...] = ()
    tools: tuple[str, ...] = ()
    number: str = ""  # 编号
    address: str = ""
    principal: str = ""  # 主要负责人
    phone: str = ""
    author: str = ""  # 编制人
    approver: str = ""  # 审批人
    approval_opinion: str = ""
    made_on: dt.date | None = None  # the day the form is written (core properties); None: the visit day


def visit_plan_docx(plan: VisitPlan) -> bytes:
    doc = gbt9704.new_document()
    finish_package(
        doc, author=plan.agency_name, on=plan.made_on or plan.date, title=f"现场检查方案（{plan.enterprise}）"
    )
    add_block(doc, Block(S.TITLE, plan.agency_name))
    title = add_block(doc, Block(S.TITLE, "现场检查方案"))
    title.paragraph_format.space_after = Mm(2)
    if plan.number:
        number = add_block(doc, Block(S.RECIPIENT, plan.number))
        number.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    grid = GridTable(
        doc, [Column("", 36), Column("", 44, LEFT), Column("", 28), Column("", 48, LEFT)], header=()
    )
    _delete_header(grid)
    _pair_row(grid, "被检查单位", plan.enterprise)
    _pair_row(grid, "地址", plan.address)
    cells = grid.add_row(["主要负责人", plan.principal, "联系电话", plan.phone])
    _label(cells[0])
    _label(cells[2])
    _pair_row(grid, "检查时间", chinese_date(plan.date))
    _pair_row(grid, "检查场所（区域）", plan.area)
    _pair_row(grid, "检查内容", "\n".join(f"{i}.{item}" for i, item in enumerate(plan.content, 1)))
    _pair_row(grid, "检查重点", plan.focus)
    _pair_row(grid, "检查方式", plan.method)
    _pair_row(
        grid, "执法人员及执法证号", "\n".join(f"{name}（执法证号：{cert}）" for name, cert in plan.officers)
    )
    _pair_row(grid, "专家及技术检查员", "、".join(plan.experts) or "无")
    _pair_row(grid, "检查装备", "、".join(plan.tools) or "无")
    cells = grid.add_row(["编制人", plan.author, "编制日期", BLANK_DATE])
    _label(cells[0])
    _label(cells[2])
    _pair_row(grid, "审批意见", f"{plan.approval_opinion}\n\n审批人：{plan.approver}\u3000\u3000{BLANK_DATE}")
    rows = grid.table.rows
    for row in rows:  # a form to write on: rows at least 10 mm, the approval box 35 mm
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        row.height = Mm(ROW_MM)
    rows[-1].height = Mm(APPROVAL_ROW_MM)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _delete_header(grid: GridTable) -> None:
    """The form has no column header: drop the header row GridTable starts with."""
    tr = grid.table.rows[0]._tr
    tr.getparent().remove(tr)


def _pair_row(grid: GridTable, label: str, value: str) -> None:
    cells = grid.add_row([label, value, "", ""])
    merged = cells[1].merge(cells[3])
    for extra in merged.paragraphs[1:]:  # the merged cells' empty paragraphs
        if not extra.text:
            extra._p.getparent().remove(extra._p)
    _label(cells[0])


def _label(cell) -> None:
    for p in cell.paragraphs:
        S.apply(p, S.TABLE_HEAD)
        p.alignment = CENTER
